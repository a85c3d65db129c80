// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Base} from "./Base.t.sol";
import {ICarBook} from "../src/interfaces/ICarBook.sol";
import {IInsurance} from "../src/interfaces/IInsurance.sol";
import {IConsortium} from "../src/interfaces/IConsortium.sol";
import {Vm} from "forge-std/Vm.sol";

/// @notice A total loss wrecks a book for good; a wreck moves only to its insurer or a recycler; a destroyed
/// book accepts nothing and never moves.
contract CarBookWrecksTest is Base {
    uint256 internal tokenId;

    function setUp() public override {
        super.setUp();
        tokenId = _createBook();
        _append(owner, tokenId, 80_000);
    }

    // ------------------------------------------------------------ recordDiagnosis

    function test_recordDiagnosis_totalLossWrecksBook() public {
        uint256 claimId = _claimWithExpert(tokenId);
        vm.expectEmit(address(carBook));
        emit ICarBook.BookWrecked(tokenId, INSURER);
        vm.prank(expert);
        insurance.submitDiagnosis(claimId, 80_100, IInsurance.Verdict.TotalLoss, keccak256("report"), hex"01");

        ICarBook.Book memory b = carBook.book(tokenId);
        assertEq(uint8(b.status), uint8(ICarBook.BookStatus.Wrecked));
        assertEq(b.wreckInsurerOrg, INSURER);
        assertEq(b.mileage, 80_100);
        assertEq(b.recordCount, 2);
        assertFalse(carBook.canWrite(tokenId, owner));
        vm.prank(owner);
        vm.expectRevert(
            abi.encodeWithSelector(ICarBook.CarBookNotActive.selector, tokenId, ICarBook.BookStatus.Wrecked)
        );
        carBook.appendRecord(tokenId, 80_200, ICarBook.RecordKind.Note, bytes32(0), "");
    }

    function test_recordDiagnosis_repairableKeepsBookActive() public {
        uint256 claimId = _claimWithExpert(tokenId);
        vm.recordLogs();
        vm.prank(expert);
        insurance.submitDiagnosis(claimId, 80_100, IInsurance.Verdict.Repairable, bytes32(0), hex"02");
        assertEq(uint8(carBook.book(tokenId).status), uint8(ICarBook.BookStatus.Active));
        assertEq(carBook.book(tokenId).recordCount, 2);
        // The diagnosis is a record written by the expert, for the insurer's organisation.
        Vm.Log[] memory logs = vm.getRecordedLogs();
        uint256 found;
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter != address(carBook) || logs[i].topics[0] != ICarBook.RecordAppended.selector) continue;
            assertEq(address(uint160(uint256(logs[i].topics[2]))), expert);
            assertEq(uint256(logs[i].topics[3]), INSURER);
            ++found;
        }
        assertEq(found, 1);
    }

    function test_recordDiagnosis_revertsUnlessFromInsuranceRegistry() public {
        vm.prank(expert);
        vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookNotInsuranceRegistry.selector, expert));
        carBook.recordDiagnosis(tokenId, expert, INSURER, 80_100, true, bytes32(0), "");
    }

    function test_recordDiagnosis_revertsWhenMileageDecreases() public {
        uint256 claimId = _claimWithExpert(tokenId);
        vm.prank(expert);
        vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookMileageDecreased.selector, 80_000, 79_999));
        insurance.submitDiagnosis(claimId, 79_999, IInsurance.Verdict.TotalLoss, bytes32(0), "");
    }

    // ------------------------------------------------------------ wreck transfers

    function test_transfer_wreckMovesToItsInsurerThenRecycler() public {
        _wreck(tokenId);
        vm.prank(owner);
        carBook.transferFrom(owner, claimsHandler, tokenId);
        vm.prank(claimsHandler);
        carBook.transferFrom(claimsHandler, dismantler, tokenId);
        assertEq(carBook.ownerOf(tokenId), dismantler);
    }

    function test_transfer_wreckRefusedToPrivateBuyer() public {
        _wreck(tokenId);
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookWreckTransferRefused.selector, tokenId, buyer));
        carBook.transferFrom(owner, buyer, tokenId);
    }

    function test_transfer_wreckRefusedToAnotherInsurer() public {
        address otherInsurerAdmin = makeAddr("otherInsurerAdmin");
        _pass(
            IConsortium.ProposalAction.AddMember,
            abi.encode("Other insurer", IConsortium.OrgKind.Insurer, otherInsurerAdmin)
        );
        _wreck(tokenId);
        vm.prank(owner);
        vm.expectRevert(
            abi.encodeWithSelector(ICarBook.CarBookWreckTransferRefused.selector, tokenId, otherInsurerAdmin)
        );
        carBook.transferFrom(owner, otherInsurerAdmin, tokenId);
    }

    function test_transfer_wreckRefusedToMakerStaff() public {
        _wreck(tokenId);
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookWreckTransferRefused.selector, tokenId, dealer));
        carBook.transferFrom(owner, dealer, tokenId);
    }

    // ------------------------------------------------------------ declareDestroyed

    function test_declareDestroyed_freezesBookForever() public {
        _wreck(tokenId);
        vm.prank(owner);
        carBook.transferFrom(owner, claimsHandler, tokenId);
        vm.prank(claimsHandler);
        carBook.transferFrom(claimsHandler, dismantler, tokenId);
        vm.expectEmit(address(carBook));
        emit ICarBook.BookDestroyed(tokenId, RECYCLER);
        vm.prank(dismantler);
        carBook.declareDestroyed(tokenId);
        bytes32 head = carBook.historyHead(tokenId);

        assertEq(uint8(carBook.book(tokenId).status), uint8(ICarBook.BookStatus.Destroyed));
        vm.prank(dismantler);
        vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookDestroyed.selector, tokenId));
        carBook.transferFrom(dismantler, recyclerAdmin, tokenId);
        vm.prank(dismantler);
        vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookDestroyed.selector, tokenId));
        carBook.declareDestroyed(tokenId);
        vm.prank(dismantler);
        vm.expectRevert(
            abi.encodeWithSelector(ICarBook.CarBookNotActive.selector, tokenId, ICarBook.BookStatus.Destroyed)
        );
        carBook.appendRecord(tokenId, 90_000, ICarBook.RecordKind.Note, bytes32(0), "");
        assertEq(carBook.historyHead(tokenId), head);
        assertEq(carBook.ownerOf(tokenId), dismantler);
        assertFalse(carBook.canWrite(tokenId, dismantler));
    }

    function test_declareDestroyed_revertsForNonRecyclerOwner() public {
        _wreck(tokenId);
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookNotRecycler.selector, owner));
        carBook.declareDestroyed(tokenId);
    }

    function test_declareDestroyed_revertsForRecyclerNotHoldingTitle() public {
        _wreck(tokenId);
        vm.prank(dismantler);
        vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookNotOwner.selector, tokenId, dismantler));
        carBook.declareDestroyed(tokenId);
    }

    function test_declareDestroyed_revertsForUnknownBook() public {
        vm.prank(dismantler);
        vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookNotFound.selector, 3));
        carBook.declareDestroyed(3);
    }

    function test_declareDestroyed_endOfLifeOfActiveCarSoldToRecycler() public {
        vm.prank(owner);
        carBook.transferFrom(owner, dismantler, tokenId);
        vm.prank(dismantler);
        carBook.declareDestroyed(tokenId);
        assertEq(uint8(carBook.book(tokenId).status), uint8(ICarBook.BookStatus.Destroyed));
    }
}
