// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Base} from "./Base.t.sol";
import {ICarBook} from "../src/interfaces/ICarBook.sol";

/// @notice A lower odometer value only through a correction both the owner and an official workshop signed.
contract CarBookCorrectionsTest is Base {
    uint256 internal tokenId;
    uint256 internal otherWorkshopKey;

    function setUp() public override {
        super.setUp();
        tokenId = _createBook();
        _append(owner, tokenId, 120_000);
        (, otherWorkshopKey) = makeAddrAndKey("independent signer");
    }

    function test_correctOdometer_lowersMileageWithPermanentMarker() public {
        ICarBook.OdometerCorrection memory c = _correction(tokenId, 12_000, ownerKey, workshopKey);
        vm.expectEmit(address(carBook));
        emit ICarBook.OdometerCorrected(tokenId, 120_000, 12_000, workshop, 1);
        vm.prank(stranger); // anyone may relay the two signatures
        carBook.correctOdometer(c);

        ICarBook.Book memory b = carBook.book(tokenId);
        assertEq(b.mileage, 12_000);
        assertEq(b.corrections, 1);
        assertEq(b.recordCount, 2);
        // Later records continue from the corrected value.
        _append(owner, tokenId, 12_001);
        assertEq(carBook.book(tokenId).corrections, 1, "the marker is permanent");
    }

    function test_correctOdometer_isRecordedAsWorkshopRecordInChain() public {
        ICarBook.OdometerCorrection memory c = _correction(tokenId, 12_000, ownerKey, workshopKey);
        bytes32 previous = carBook.historyHead(tokenId);
        bytes32 expected = keccak256(
            abi.encode(
                previous,
                tokenId,
                uint32(1),
                workshop,
                MAKER,
                ICarBook.RecordKind.OdometerCorrection,
                uint64(12_000),
                uint64(block.timestamp),
                c.documentHash,
                keccak256(c.payload)
            )
        );
        carBook.correctOdometer(c);
        assertEq(carBook.historyHead(tokenId), expected);
    }

    function test_correctOdometer_cannotBeReplayed() public {
        ICarBook.OdometerCorrection memory c = _correction(tokenId, 12_000, ownerKey, workshopKey);
        carBook.correctOdometer(c);
        vm.warp(block.timestamp + 30 days); // the mileage pace: 38,000 km take a fortnight at least
        _append(owner, tokenId, 50_000);
        // Same signatures again: the digest bound mileage 120,000 and record index 1, which are gone.
        bytes32 digest = carBook.correctionDigest(tokenId, 12_000, c.documentHash, c.payload);
        (address recovered,,) = _recover(digest, c.ownerSignature);
        vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookInvalidSignature.selector, owner, recovered));
        carBook.correctOdometer(c);
    }

    function test_correctOdometer_revertsWithoutOwnerSignature() public {
        ICarBook.OdometerCorrection memory c = _correction(tokenId, 12_000, workshopKey, workshopKey);
        vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookInvalidSignature.selector, owner, workshop));
        carBook.correctOdometer(c);
    }

    function test_correctOdometer_revertsWithoutWorkshopSignature() public {
        ICarBook.OdometerCorrection memory c = _correction(tokenId, 12_000, ownerKey, workshopKey);
        c.workshopSignature = c.ownerSignature;
        vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookInvalidSignature.selector, workshop, owner));
        carBook.correctOdometer(c);
    }

    function test_correctOdometer_revertsForNonOfficialWorkshop() public {
        ICarBook.OdometerCorrection memory c = _correction(tokenId, 12_000, ownerKey, otherWorkshopKey);
        vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookNotOfficialWorkshop.selector, tokenId, c.workshop));
        carBook.correctOdometer(c);
    }

    function test_correctOdometer_revertsForDealerOfTheMaker() public {
        (address signer, uint256 key) = makeAddrAndKey("dealer signer");
        vm.prank(makerAdmin);
        consortium.setStaff(signer, bytes32(keccak256("DEALER")));
        ICarBook.OdometerCorrection memory c = _correction(tokenId, 12_000, ownerKey, key);
        vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookNotOfficialWorkshop.selector, tokenId, signer));
        carBook.correctOdometer(c);
    }

    function test_correctOdometer_revertsWhenNotLower() public {
        ICarBook.OdometerCorrection memory c = _correction(tokenId, 120_000, ownerKey, workshopKey);
        vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookCorrectionNotLower.selector, 120_000, 120_000));
        carBook.correctOdometer(c);
    }

    function test_correctOdometer_revertsForOversizedPayload() public {
        ICarBook.OdometerCorrection memory c = _correction(tokenId, 12_000, ownerKey, workshopKey);
        uint256 max = carBook.MAX_PAYLOAD_BYTES();
        c.payload = new bytes(max + 1);
        vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookPayloadTooLarge.selector, max + 1, max));
        carBook.correctOdometer(c);
    }

    function test_correctOdometer_revertsOnWreck() public {
        ICarBook.OdometerCorrection memory c = _correction(tokenId, 12_000, ownerKey, workshopKey);
        _wreck(tokenId);
        vm.expectRevert(
            abi.encodeWithSelector(ICarBook.CarBookNotActive.selector, tokenId, ICarBook.BookStatus.Wrecked)
        );
        carBook.correctOdometer(c);
    }

    function _recover(bytes32 digest, bytes memory signature) internal pure returns (address, uint8, bytes32) {
        bytes32 r;
        bytes32 s;
        uint8 v;
        assembly {
            r := mload(add(signature, 0x20))
            s := mload(add(signature, 0x40))
            v := byte(0, mload(add(signature, 0x60)))
        }
        return (ecrecover(digest, v, r, s), v, r);
    }
}
