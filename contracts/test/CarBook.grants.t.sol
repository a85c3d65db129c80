// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Base} from "./Base.t.sol";
import {ICarBook} from "../src/interfaces/ICarBook.sol";
import {IConsortium} from "../src/interfaces/IConsortium.sol";
import {Parameters} from "../src/Parameters.sol";

/// @notice Independent workshops write only while the current owner's grant lasts.
contract CarBookGrantsTest is Base {
    uint256 internal tokenId;

    function setUp() public override {
        super.setUp();
        tokenId = _createBook();
    }

    function _grant(uint64 expiresAt) internal {
        vm.prank(owner);
        carBook.grantAccess(tokenId, independentWorkshop, expiresAt);
    }

    // ------------------------------------------------------------ grantAccess

    function test_grantAccess_letsWorkshopWriteUntilExpiry() public {
        uint64 expiresAt = uint64(block.timestamp + 7 days);
        vm.expectEmit(address(carBook));
        emit ICarBook.AccessGranted(tokenId, independentWorkshop, owner, expiresAt);
        _grant(expiresAt);

        (ICarBook.Grant memory grant, bool valid) = carBook.grantOf(tokenId, independentWorkshop);
        assertTrue(valid);
        assertEq(grant.expiresAt, expiresAt);
        assertEq(grant.epoch, 0);
        assertTrue(carBook.canWrite(tokenId, independentWorkshop));
        _append(independentWorkshop, tokenId, 1_000);
        assertEq(carBook.book(tokenId).recordCount, 1);
    }

    function test_grantAccess_expiredGrantCannotWrite() public {
        _grant(uint64(block.timestamp + 1 days));
        vm.warp(block.timestamp + 1 days);
        assertFalse(carBook.canWrite(tokenId, independentWorkshop));
        (, bool valid) = carBook.grantOf(tokenId, independentWorkshop);
        assertFalse(valid);
        vm.prank(independentWorkshop);
        vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookNotWriter.selector, tokenId, independentWorkshop));
        carBook.appendRecord(tokenId, 1, ICarBook.RecordKind.Repair, bytes32(0), "");
    }

    function test_grantAccess_revertsForNonOwner() public {
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookNotOwner.selector, tokenId, stranger));
        carBook.grantAccess(tokenId, independentWorkshop, uint64(block.timestamp + 1 days));
    }

    function test_grantAccess_revertsForZeroOrOwnerGrantee() public {
        vm.startPrank(owner);
        vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookInvalidGrantee.selector, address(0)));
        carBook.grantAccess(tokenId, address(0), uint64(block.timestamp + 1 days));
        vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookInvalidGrantee.selector, owner));
        carBook.grantAccess(tokenId, owner, uint64(block.timestamp + 1 days));
        vm.stopPrank();
    }

    function test_grantAccess_revertsForPastExpiry() public {
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookGrantExpired.selector, uint64(block.timestamp)));
        carBook.grantAccess(tokenId, independentWorkshop, uint64(block.timestamp));
    }

    function test_grantAccess_revertsBeyondGovernanceMaximum() public {
        uint64 max = uint64(block.timestamp + consortium.parameter(Parameters.MAX_GRANT_DURATION));
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookGrantTooLong.selector, max + 1, max));
        carBook.grantAccess(tokenId, independentWorkshop, max + 1);
        _grant(max);
    }

    function test_grantAccess_maximumFollowsGovernance() public {
        _pass(IConsortium.ProposalAction.SetParameter, abi.encode(Parameters.MAX_GRANT_DURATION, 90 days));
        _grant(uint64(block.timestamp + 90 days));
        (, bool valid) = carBook.grantOf(tokenId, independentWorkshop);
        assertTrue(valid);
    }

    function test_grantAccess_revertsForUnknownBook() public {
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookNotFound.selector, 7));
        carBook.grantAccess(7, independentWorkshop, uint64(block.timestamp + 1 days));
    }

    function test_grantAccess_revertsOnWreck() public {
        _wreck(tokenId);
        vm.prank(owner);
        vm.expectRevert(
            abi.encodeWithSelector(ICarBook.CarBookNotActive.selector, tokenId, ICarBook.BookStatus.Wrecked)
        );
        carBook.grantAccess(tokenId, independentWorkshop, uint64(block.timestamp + 1 days));
    }

    // ------------------------------------------------------------ revokeAccess

    function test_revokeAccess_endsWriteRightAtOnce() public {
        _grant(uint64(block.timestamp + 7 days));
        vm.expectEmit(address(carBook));
        emit ICarBook.AccessRevoked(tokenId, independentWorkshop);
        vm.prank(owner);
        carBook.revokeAccess(tokenId, independentWorkshop);
        assertFalse(carBook.canWrite(tokenId, independentWorkshop));
        vm.prank(independentWorkshop);
        vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookNotWriter.selector, tokenId, independentWorkshop));
        carBook.appendRecord(tokenId, 1, ICarBook.RecordKind.Repair, bytes32(0), "");
    }

    function test_revokeAccess_revertsWithoutGrant() public {
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookNoGrant.selector, tokenId, independentWorkshop));
        carBook.revokeAccess(tokenId, independentWorkshop);
    }

    function test_revokeAccess_revertsForNonOwner() public {
        _grant(uint64(block.timestamp + 7 days));
        vm.prank(independentWorkshop);
        vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookNotOwner.selector, tokenId, independentWorkshop));
        carBook.revokeAccess(tokenId, independentWorkshop);
    }

    // ------------------------------------------------------------ sale

    function test_transfer_newOwnerStartsWithNoGrants() public {
        _grant(uint64(block.timestamp + 7 days));
        vm.prank(owner);
        carBook.transferFrom(owner, buyer, tokenId);

        assertEq(carBook.book(tokenId).ownershipEpoch, 1);
        (, bool valid) = carBook.grantOf(tokenId, independentWorkshop);
        assertFalse(valid);
        assertFalse(carBook.canWrite(tokenId, independentWorkshop));
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookNoGrant.selector, tokenId, independentWorkshop));
        carBook.revokeAccess(tokenId, independentWorkshop);
        // The new owner may grant again, in the new epoch.
        vm.prank(buyer);
        carBook.grantAccess(tokenId, independentWorkshop, uint64(block.timestamp + 1 days));
        (ICarBook.Grant memory grant,) = carBook.grantOf(tokenId, independentWorkshop);
        assertEq(grant.epoch, 1);
    }

    function testFuzz_grantAccess_writesOnlyBeforeExpiry(uint64 duration, uint64 elapsed) public {
        duration = uint64(bound(duration, 1, consortium.parameter(Parameters.MAX_GRANT_DURATION)));
        elapsed = uint64(bound(elapsed, 0, 2 * uint256(duration)));
        uint64 expiresAt = uint64(block.timestamp) + duration;
        _grant(expiresAt);
        vm.warp(block.timestamp + elapsed);
        vm.prank(independentWorkshop);
        if (block.timestamp >= expiresAt) {
            vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookNotWriter.selector, tokenId, independentWorkshop));
        }
        carBook.appendRecord(tokenId, 1, ICarBook.RecordKind.Repair, bytes32(0), "");
    }
}
