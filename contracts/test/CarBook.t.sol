// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {GovernedUpgradeable} from "../src/base/GovernedUpgradeable.sol";
import {Base} from "./Base.t.sol";
import {CarBookV2} from "./upgrades/CarBookV2.sol";
import {ICarBook} from "../src/interfaces/ICarBook.sol";
import {IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";

contract CarBookTest is Base {
    // ------------------------------------------------------------ createCarBook

    function test_createCarBook_mintsTitleToFirstOwner() public {
        vm.expectEmit(address(carBook));
        emit ICarBook.CarBookCreated(TOKEN, MAKER, owner, device, "ipfs://model");
        uint256 tokenId = _createBook();

        assertEq(tokenId, TOKEN);
        assertEq(carBook.ownerOf(tokenId), owner);
        ICarBook.Book memory b = carBook.book(tokenId);
        assertEq(uint8(b.status), uint8(ICarBook.BookStatus.Active));
        assertEq(b.manufacturerOrg, MAKER);
        assertEq(b.mileage, 0);
        assertEq(b.recordCount, 0);
        assertEq(carBook.deviceKey(tokenId), device);
        assertEq(carBook.historyHead(tokenId), bytes32(0));
    }

    function test_createCarBook_byOrgAdmin() public {
        vm.prank(makerAdmin);
        carBook.createCarBook(WMI, VIN_COMMITMENT, owner, address(0), "");
        assertEq(carBook.ownerOf(TOKEN), owner);
    }

    function test_createCarBook_revertsForStranger() public {
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookNotManufacturer.selector, stranger));
        carBook.createCarBook(WMI, VIN_COMMITMENT, owner, device, "");
    }

    function test_createCarBook_revertsForWorkshopStaff() public {
        vm.prank(workshop);
        vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookNotManufacturer.selector, workshop));
        carBook.createCarBook(WMI, VIN_COMMITMENT, owner, device, "");
    }

    function test_createCarBook_revertsForOtherKindAdmin() public {
        vm.prank(insurerAdmin);
        vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookNotManufacturer.selector, insurerAdmin));
        carBook.createCarBook(WMI, VIN_COMMITMENT, owner, device, "");
    }

    function test_createCarBook_revertsTwiceForSameVin() public {
        _createBook();
        vm.prank(dealer);
        vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookAlreadyExists.selector, TOKEN));
        carBook.createCarBook(WMI, VIN_COMMITMENT, buyer, device, "");
    }

    function test_createCarBook_revertsForZeroCommitment() public {
        vm.prank(dealer);
        vm.expectRevert(ICarBook.CarBookInvalidCommitment.selector);
        carBook.createCarBook(WMI, bytes32(0), owner, device, "");
    }

    function test_createCarBook_revertsForZeroOwner() public {
        vm.prank(dealer);
        vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookInvalidOwner.selector, address(0)));
        carBook.createCarBook(WMI, VIN_COMMITMENT, address(0), device, "");
    }

    // ------------------------------------------------------------ appendRecord

    function test_appendRecord_byOwnerExtendsHashChain() public {
        uint256 tokenId = _createBook();
        bytes memory payload = hex"0102030405";
        bytes32 doc = sha256("invoice");
        bytes32 expectedHead = keccak256(
            abi.encode(
                bytes32(0),
                tokenId,
                uint32(0),
                owner,
                uint32(0),
                ICarBook.RecordKind.Service,
                uint64(12_345),
                uint64(block.timestamp),
                doc,
                keccak256(payload)
            )
        );
        vm.expectEmit(address(carBook));
        emit ICarBook.RecordAppended(
            tokenId,
            0,
            owner,
            0,
            ICarBook.RecordKind.Service,
            12_345,
            uint64(block.timestamp),
            doc,
            payload,
            expectedHead
        );
        vm.prank(owner);
        carBook.appendRecord(tokenId, 12_345, ICarBook.RecordKind.Service, doc, payload);

        assertEq(carBook.historyHead(tokenId), expectedHead);
        assertEq(carBook.book(tokenId).mileage, 12_345);
        assertEq(carBook.book(tokenId).recordCount, 1);
    }

    function test_appendRecord_byManufacturerNetworkCarriesOrg() public {
        uint256 tokenId = _createBook();
        vm.recordLogs();
        _append(workshop, tokenId, 100);
        assertEq(carBook.book(tokenId).recordCount, 1);
        assertTrue(carBook.canWrite(tokenId, workshop));
        assertEq(uint256(vm.getRecordedLogs()[0].topics[3]), MAKER);
    }

    function test_appendRecord_equalMileageAccepted() public {
        uint256 tokenId = _createBook();
        _append(owner, tokenId, 500);
        _append(owner, tokenId, 500);
        assertEq(carBook.book(tokenId).recordCount, 2);
    }

    function test_appendRecord_revertsWhenMileageDecreases() public {
        uint256 tokenId = _createBook();
        _append(owner, tokenId, 48_200);
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookMileageDecreased.selector, 48_200, 48_199));
        carBook.appendRecord(tokenId, 48_199, ICarBook.RecordKind.Service, bytes32(0), "");
    }

    function test_appendRecord_revertsForStranger() public {
        uint256 tokenId = _createBook();
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookNotWriter.selector, tokenId, stranger));
        carBook.appendRecord(tokenId, 1, ICarBook.RecordKind.Service, bytes32(0), "");
        assertFalse(carBook.canWrite(tokenId, stranger));
    }

    function test_appendRecord_revertsForOtherOrgStaff() public {
        uint256 tokenId = _createBook();
        vm.prank(insurerAdmin);
        vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookNotWriter.selector, tokenId, insurerAdmin));
        carBook.appendRecord(tokenId, 1, ICarBook.RecordKind.Service, bytes32(0), "");
    }

    function test_appendRecord_revertsForUnknownBook() public {
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookNotFound.selector, 42));
        carBook.appendRecord(42, 1, ICarBook.RecordKind.Service, bytes32(0), "");
    }

    function test_appendRecord_revertsForReservedKinds() public {
        uint256 tokenId = _createBook();
        ICarBook.RecordKind[4] memory reserved = [
            ICarBook.RecordKind.None,
            ICarBook.RecordKind.ExpertDiagnosis,
            ICarBook.RecordKind.OdometerCorrection,
            ICarBook.RecordKind.EntryVoided
        ];
        for (uint256 i; i < reserved.length; ++i) {
            vm.prank(owner);
            vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookRecordKindNotAllowed.selector, reserved[i]));
            carBook.appendRecord(tokenId, 1, reserved[i], bytes32(0), "");
        }
    }

    function test_appendRecord_revertsForOversizedPayload() public {
        uint256 tokenId = _createBook();
        uint256 max = carBook.MAX_PAYLOAD_BYTES();
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookPayloadTooLarge.selector, max + 1, max));
        carBook.appendRecord(tokenId, 1, ICarBook.RecordKind.Service, bytes32(0), new bytes(max + 1));
    }

    function test_appendRecord_revertsForImplausibleMileage() public {
        uint256 tokenId = _createBook();
        uint64 max = carBook.MAX_MILEAGE_KM();
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookMileageImplausible.selector, max + 1, max));
        carBook.appendRecord(tokenId, max + 1, ICarBook.RecordKind.Service, bytes32(0), "");
    }

    function testFuzz_appendRecord_mileageNeverDecreases(uint64 first, uint64 second) public {
        uint256 tokenId = _createBook();
        first = uint64(bound(first, 0, carBook.MAX_MILEAGE_KM()));
        second = uint64(bound(second, 0, carBook.MAX_MILEAGE_KM()));
        _append(owner, tokenId, first);
        vm.warp(block.timestamp + 3_400 days); // beyond the mileage pace for any increase up to MAX_MILEAGE_KM
        vm.prank(owner);
        if (second < first) {
            vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookMileageDecreased.selector, first, second));
        }
        carBook.appendRecord(tokenId, second, ICarBook.RecordKind.OdometerReading, bytes32(0), "");
        assertEq(carBook.book(tokenId).mileage, second < first ? first : second);
    }

    // ------------------------------------------------------------ sale

    function test_transfer_isSaleAndMovesWriteRight() public {
        uint256 tokenId = _createBook();
        _append(owner, tokenId, 10_000);
        vm.prank(owner);
        carBook.transferFrom(owner, buyer, tokenId);

        assertEq(carBook.ownerOf(tokenId), buyer);
        assertFalse(carBook.canWrite(tokenId, owner));
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookNotWriter.selector, tokenId, owner));
        carBook.appendRecord(tokenId, 10_001, ICarBook.RecordKind.Service, bytes32(0), "");
        _append(buyer, tokenId, 10_001);
        assertEq(carBook.book(tokenId).mileage, 10_001);
    }

    function test_transfer_revertsForNonOwner() public {
        uint256 tokenId = _createBook();
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721InsufficientApproval.selector, stranger, tokenId));
        carBook.transferFrom(owner, stranger, tokenId);
    }

    // ------------------------------------------------------------ upgrades

    function test_upgrade_revertsOutsideGovernance() public {
        address next = address(new CarBookV2());
        vm.prank(makerAdmin);
        vm.expectRevert(abi.encodeWithSelector(GovernedUpgradeable.GovernedUpgradeOnlyGovernance.selector, makerAdmin));
        carBook.upgradeToAndCall(next, "");
    }
}

