// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {GovernedUpgradeable} from "../src/base/GovernedUpgradeable.sol";
import {Base} from "./Base.t.sol";
import {IDocumentAnchor} from "../src/interfaces/IDocumentAnchor.sol";
import {DocumentAnchor} from "../src/DocumentAnchor.sol";

contract DocumentAnchorTest is Base {
    /// @dev A state variable, not a constant: sha256 is a precompile call, which would consume a vm.prank.
    bytes32 internal INVOICE = sha256("invoice 2024-03-02, timing belt");

    function test_anchor_recordsOrgAndTime() public {
        vm.expectEmit(address(anchors));
        emit IDocumentAnchor.DocumentAnchored(INVOICE, ARCHIVE, archivist);
        vm.prank(archivist);
        IDocumentAnchor.Anchor memory a = anchors.anchor(INVOICE);
        assertEq(a.orgId, ARCHIVE);
        assertEq(a.anchoredAt, block.timestamp);
        assertEq(a.anchoredBy, archivist);
        IDocumentAnchor.Anchor memory looked = anchors.anchorOf(INVOICE);
        assertEq(looked.orgId, ARCHIVE);
        assertEq(anchors.consortium(), address(consortium));
    }

    function test_anchor_twiceIsIdempotent() public {
        vm.prank(archivist);
        anchors.anchor(INVOICE);
        vm.warp(block.timestamp + 1 days);
        vm.recordLogs();
        vm.prank(archiveAdmin);
        IDocumentAnchor.Anchor memory again = anchors.anchor(INVOICE);
        assertEq(vm.getRecordedLogs().length, 0, "no second event");
        assertEq(again.anchoredBy, archivist);
        assertEq(again.anchoredAt, block.timestamp - 1 days);
    }

    function test_anchor_revertsForNonArchivist() public {
        address[3] memory refused = [stranger, dealer, insurerAdmin];
        for (uint256 i; i < refused.length; ++i) {
            vm.prank(refused[i]);
            vm.expectRevert(abi.encodeWithSelector(IDocumentAnchor.DocumentAnchorNotArchivist.selector, refused[i]));
            anchors.anchor(INVOICE);
        }
    }

    function test_anchor_revertsForZeroHash() public {
        vm.prank(archivist);
        vm.expectRevert(IDocumentAnchor.DocumentAnchorInvalidHash.selector);
        anchors.anchor(bytes32(0));
    }

    function test_anchorOf_unknownHashIsEmpty() public view {
        assertEq(anchors.anchorOf(INVOICE).orgId, 0);
    }

    function test_anchorBatch_anchorsEachOnce() public {
        bytes32[] memory hashes = new bytes32[](3);
        hashes[0] = INVOICE;
        hashes[1] = keccak256("inspection report");
        hashes[2] = INVOICE;
        vm.prank(archivist);
        anchors.anchorBatch(hashes);
        assertEq(anchors.anchorOf(hashes[1]).orgId, ARCHIVE);
        assertEq(anchors.anchorOf(INVOICE).anchoredBy, archivist);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IDocumentAnchor.DocumentAnchorNotArchivist.selector, stranger));
        anchors.anchorBatch(hashes);
    }

    function test_upgrade_revertsOutsideGovernance() public {
        address next = address(new DocumentAnchor());
        vm.prank(archiveAdmin);
        vm.expectRevert(
            abi.encodeWithSelector(GovernedUpgradeable.GovernedUpgradeOnlyGovernance.selector, archiveAdmin)
        );
        anchors.upgradeToAndCall(next, "");
    }
}
