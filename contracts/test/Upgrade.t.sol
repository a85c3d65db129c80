// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Base} from "./Base.t.sol";
import {CarBookV2} from "./upgrades/CarBookV2.sol";
import {Insurance} from "../src/Insurance.sol";
import {DocumentAnchor} from "../src/DocumentAnchor.sol";
import {Consortium} from "../src/Consortium.sol";
import {ICarBook} from "../src/interfaces/ICarBook.sol";
import {IConsortium} from "../src/interfaces/IConsortium.sol";
import {IInsurance} from "../src/interfaces/IInsurance.sol";
import {Parameters} from "../src/Parameters.sol";

/// @notice Every registry upgrades only through an approved proposal, and keeps what was written before.
/// Storage-layout compatibility of V2 is checked separately by `npm run check:storage` (upgrades-core).
contract UpgradeTest is Base {
    function test_upgradeCarBookToV2_keepsEveryBookIntact() public {
        // Data written under V1: a book with records, a grant, a correction, telematics, and a wreck.
        uint256 tokenId = _createBook();
        _append(owner, tokenId, 50_000);
        vm.prank(owner);
        carBook.grantAccess(tokenId, independentWorkshop, uint64(block.timestamp + 7 days));
        carBook.correctOdometer(_correction(tokenId, 5_000, ownerKey, workshopKey));
        carBook.submitReadings(_batch(_reading(deviceKey, tokenId, 5_100, uint64(block.timestamp))));
        vm.prank(dealer);
        uint256 wreckId = carBook.createCarBook(WMI, keccak256("wreck"), buyer, address(0), "");
        _wreck(wreckId);

        ICarBook.Book memory before = carBook.book(tokenId);
        bytes32 headBefore = carBook.historyHead(tokenId);
        (ICarBook.Grant memory grantBefore,) = carBook.grantOf(tokenId, independentWorkshop);

        address impl = address(new CarBookV2());
        vm.prank(makerAdmin);
        uint256 id =
            consortium.propose(IConsortium.ProposalAction.UpgradeContract, abi.encode(address(carBook), impl, ""));
        vm.prank(insurerAdmin);
        consortium.approve(id);
        assertEq(_implementation(address(carBook)), _implementationBefore, "2 of 4 does not upgrade");
        vm.prank(archiveAdmin);
        consortium.approve(id);
        assertEq(_implementation(address(carBook)), impl);

        CarBookV2 v2 = CarBookV2(address(carBook));
        assertEq(v2.version(), 2);
        assertEq(keccak256(abi.encode(v2.book(tokenId))), keccak256(abi.encode(before)));
        assertEq(v2.historyHead(tokenId), headBefore);
        assertEq(v2.ownerOf(tokenId), owner);
        assertEq(v2.deviceKey(tokenId), device);
        (ICarBook.Grant memory grantAfter, bool valid) = v2.grantOf(tokenId, independentWorkshop);
        assertEq(grantAfter.expiresAt, grantBefore.expiresAt);
        assertTrue(valid);
        assertEq(uint8(v2.book(wreckId).status), uint8(ICarBook.BookStatus.Wrecked));
        assertEq(v2.consortium(), address(consortium));

        // V1 behaviour continues and V2's feature works on the same proxy.
        _append(independentWorkshop, tokenId, 5_200);
        vm.prank(makerAdmin);
        v2.noteRecall(tokenId, keccak256("airbag recall 2026-07"));
        assertEq(v2.openRecall(tokenId), keccak256("airbag recall 2026-07"));
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(CarBookV2.CarBookV2NotMakerAdmin.selector, stranger));
        v2.noteRecall(tokenId, bytes32(0));
    }

    function test_upgradeInsuranceAnchorsAndConsortium_throughGovernance() public {
        uint256 tokenId = _createBook();
        _insure(tokenId);
        vm.prank(archivist);
        anchors.anchor(keccak256("doc"));

        address insuranceImpl = address(new Insurance());
        address anchorsImpl = address(new DocumentAnchor());
        address consortiumImpl = address(new Consortium());
        _pass(IConsortium.ProposalAction.UpgradeContract, abi.encode(address(insurance), insuranceImpl, ""));
        _pass(IConsortium.ProposalAction.UpgradeContract, abi.encode(address(anchors), anchorsImpl, ""));
        _pass(IConsortium.ProposalAction.UpgradeContract, abi.encode(address(consortium), consortiumImpl, ""));

        assertEq(_implementation(address(insurance)), insuranceImpl);
        assertEq(_implementation(address(anchors)), anchorsImpl);
        assertEq(_implementation(address(consortium)), consortiumImpl);
        (bool covered, uint32 insurer) = insurance.activeInsurer(tokenId);
        assertTrue(covered);
        assertEq(insurer, INSURER);
        assertEq(anchors.anchorOf(keccak256("doc")).orgId, ARCHIVE);
        assertEq(consortium.memberCount(), 4);
        assertEq(consortium.parameter(Parameters.INSURANCE_REGISTRY), uint256(uint160(address(insurance))));
        assertEq(uint8(insurance.coverOf(tokenId).status), uint8(IInsurance.CoverStatus.Active));
    }

    address internal _implementationBefore;

    function setUp() public override {
        super.setUp();
        _implementationBefore = _implementation(address(carBook));
    }

    function _implementation(address proxy) internal view returns (address) {
        // ERC-1967 implementation slot.
        return
            address(
                uint160(uint256(vm.load(proxy, 0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc)))
            );
    }
}
