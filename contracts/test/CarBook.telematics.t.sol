// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Base} from "./Base.t.sol";
import {ICarBook} from "../src/interfaces/ICarBook.sol";
import {Parameters} from "../src/Parameters.sol";

/// @notice Device-signed readings, relayed in batches by anyone; a bad reading is skipped, never the batch.
contract CarBookTelematicsTest is Base {
    uint256 internal tokenId;
    uint64 internal t0;

    function setUp() public override {
        super.setUp();
        tokenId = _createBook();
        t0 = uint64(block.timestamp);
    }

    function _submit(ICarBook.TelematicsReading memory reading) internal returns (uint256 accepted) {
        vm.prank(stranger);
        accepted = carBook.submitReadings(_batch(reading));
    }

    function _expectSkip(ICarBook.TelematicsReading memory reading, ICarBook.ReadingSkipReason reason) internal {
        vm.expectEmit(address(carBook));
        emit ICarBook.TelematicsReadingSkipped(reading.tokenId, 0, reason);
        assertEq(_submit(reading), 0);
    }

    // ------------------------------------------------------------ submitReadings

    function test_submitReadings_recordsMileageAndTime() public {
        vm.roll(42);
        ICarBook.TelematicsReading memory reading = _reading(deviceKey, tokenId, 1_234, t0);
        bytes32 head = _readingStep(bytes32(0), tokenId, 1_234, t0);
        assertEq(uint64(uint256(head)), 0, "the head's low 64 bits are cleared");
        vm.expectEmit(address(carBook));
        emit ICarBook.TelematicsReadingAppended(tokenId, 1_234, t0, head, 0);
        assertEq(_submit(reading), 1);
        assertEq(carBook.readingsHead(tokenId), head);
        (bytes32 chainHead, uint256 newestBlock, uint256 count) = carBook.readingChain(tokenId);
        assertEq(chainHead, head);
        assertEq(newestBlock, 42, "the cursor names the reading's block");
        assertEq(count, 1);
        (uint256[] memory checkpoints, uint256 total) = carBook.readingCheckpoints(tokenId, 0, 10);
        assertEq(total, 1, "reading number 0 is a checkpoint");
        assertEq(checkpoints[0], 42);
        (, total) = carBook.readingBlocks(tokenId, 0, 10);
        assertEq(total, 0, "an accepted reading no longer joins readingBlocks");
        ICarBook.Book memory b = carBook.book(tokenId);
        assertEq(b.mileage, 1_234);
        assertEq(b.lastReadingAt, t0);
        assertEq(b.recordCount, 0, "readings are not hash-chained records");
    }

    /// A relayer that gives too little gas must get a revert, never a mined batch whose good readings were skipped
    /// as BadSignature because the signature check ran out of gas (eth_estimateGas searches down to such limits).
    function test_submitReadings_tooLittleGasRevertsNeverSkipsGoodReadings() public {
        ICarBook.TelematicsReading[] memory batch = new ICarBook.TelematicsReading[](3);
        for (uint256 i; i < 3; i++) {
            batch[i] = _reading(deviceKey, tokenId, uint64(100 * (i + 1)), t0 + uint64(i) * 1 days);
        }
        vm.warp(t0 + 3 days);
        uint256 completed;
        for (uint256 gasGiven = 30_000; gasGiven <= 400_000; gasGiven += 1_000) {
            uint256 snapshot = vm.snapshotState();
            vm.prank(stranger);
            try carBook.submitReadings{gas: gasGiven}(batch) returns (uint256 accepted) {
                assertEq(accepted, 3, "a batch that is mined records every good reading");
                completed++;
            } catch {}
            vm.revertToState(snapshot);
        }
        assertGt(completed, 0, "the batch goes through with enough gas");
    }

    function test_submitReadings_badReadingSkippedRestAccepted() public {
        vm.prank(dealer);
        uint256 other = carBook.createCarBook(WMI, keccak256("other"), buyer, device, "");
        ICarBook.TelematicsReading[] memory batch = new ICarBook.TelematicsReading[](3);
        batch[0] = _reading(deviceKey, tokenId, 100, t0);
        batch[1] = _reading(ownerKey, tokenId, 200, t0); // not the device
        batch[2] = _reading(deviceKey, other, 300, t0);
        vm.expectEmit(address(carBook));
        emit ICarBook.TelematicsReadingSkipped(tokenId, 1, ICarBook.ReadingSkipReason.BadSignature);
        assertEq(carBook.submitReadings(batch), 2);
        assertEq(carBook.book(tokenId).mileage, 100);
        assertEq(carBook.book(other).mileage, 300);
    }

    function test_submitReadings_skipsBadSignature() public {
        _expectSkip(_reading(ownerKey, tokenId, 100, t0), ICarBook.ReadingSkipReason.BadSignature);
    }

    function test_submitReadings_skipsTamperedMileage() public {
        ICarBook.TelematicsReading memory reading = _reading(deviceKey, tokenId, 100, t0);
        reading.mileage = 99_999;
        _expectSkip(reading, ICarBook.ReadingSkipReason.BadSignature);
    }

    function test_submitReadings_skipsHighS() public {
        ICarBook.TelematicsReading memory reading = _reading(deviceKey, tokenId, 100, t0);
        uint256 n = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;
        uint256 s = uint256(reading.vs) & ((1 << 255) - 1);
        uint256 parity = uint256(reading.vs) >> 255;
        // The malleable twin (n - s, flipped parity) recovers the same key but must be refused.
        reading.vs = bytes32((n - s) | ((1 - parity) << 255));
        _expectSkip(reading, ICarBook.ReadingSkipReason.BadSignature);
    }

    function test_submitReadings_skipsOtherChain() public {
        vm.chainId(4242);
        ICarBook.TelematicsReading memory reading = _reading(deviceKey, tokenId, 100, t0);
        vm.chainId(31337);
        _expectSkip(reading, ICarBook.ReadingSkipReason.BadSignature);
    }

    function test_submitReadings_skipsReplay() public {
        ICarBook.TelematicsReading memory reading = _reading(deviceKey, tokenId, 100, t0);
        _submit(reading);
        vm.warp(t0 + 2 hours);
        _expectSkip(reading, ICarBook.ReadingSkipReason.NotNewer);
    }

    function test_submitReadings_skipsTooSoon() public {
        _submit(_reading(deviceKey, tokenId, 100, t0));
        uint256 interval = consortium.parameter(Parameters.MIN_READING_INTERVAL);
        vm.warp(t0 + interval);
        _expectSkip(_reading(deviceKey, tokenId, 110, uint64(t0 + interval - 1)), ICarBook.ReadingSkipReason.TooSoon);
        assertEq(_submit(_reading(deviceKey, tokenId, 110, uint64(t0 + interval))), 1);
    }

    function test_submitReadings_skipsFromTheFuture() public {
        _expectSkip(_reading(deviceKey, tokenId, 100, t0 + 1), ICarBook.ReadingSkipReason.FromTheFuture);
    }

    function test_submitReadings_skipsDecreasingMileage() public {
        _append(owner, tokenId, 5_000);
        _expectSkip(_reading(deviceKey, tokenId, 4_999, t0), ICarBook.ReadingSkipReason.MileageDecreased);
    }

    function test_submitReadings_skipsImplausibleMileage() public {
        _expectSkip(
            _reading(deviceKey, tokenId, carBook.MAX_MILEAGE_KM() + 1, t0),
            ICarBook.ReadingSkipReason.MileageImplausible
        );
    }

    function test_submitReadings_skipsBookWithoutDevice() public {
        vm.prank(dealer);
        uint256 other = carBook.createCarBook(WMI, keccak256("no device"), buyer, address(0), "");
        _expectSkip(_reading(deviceKey, other, 100, t0), ICarBook.ReadingSkipReason.NoDeviceKey);
    }

    function test_submitReadings_skipsUnknownAndWreckedBooks() public {
        _expectSkip(_reading(deviceKey, 99, 100, t0), ICarBook.ReadingSkipReason.BookNotActive);
        _wreck(tokenId);
        _expectSkip(_reading(deviceKey, tokenId, 100, t0), ICarBook.ReadingSkipReason.BookNotActive);
    }

    function test_submitReadings_revertsForEmptyBatch() public {
        vm.expectRevert(ICarBook.CarBookEmptyBatch.selector);
        carBook.submitReadings(new ICarBook.TelematicsReading[](0));
    }

    function test_readingDigest_isEip712() public view {
        bytes32 domain = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256("CarBook"),
                keccak256("1"),
                block.chainid,
                address(carBook)
            )
        );
        assertEq(carBook.domainSeparator(), domain);
        bytes32 structHash = keccak256(
            abi.encode(keccak256("TelematicsReading(uint256 tokenId,uint64 mileage,uint64 timestamp)"), tokenId, 5, 6)
        );
        assertEq(carBook.readingDigest(tokenId, 5, 6), keccak256(abi.encodePacked(hex"1901", domain, structHash)));
        (, string memory name, string memory version, uint256 chainId, address verifying,,) = carBook.eip712Domain();
        assertEq(name, "CarBook");
        assertEq(version, "1");
        assertEq(chainId, block.chainid);
        assertEq(verifying, address(carBook));
    }

    // ------------------------------------------------------------ rotateDeviceKey

    function test_rotateDeviceKey_byTelematicsOperator() public {
        (address newDevice, uint256 newKey) = makeAddrAndKey("new device");
        vm.expectEmit(address(carBook));
        emit ICarBook.DeviceKeyRotated(tokenId, device, newDevice);
        vm.prank(telematicsOperator);
        carBook.rotateDeviceKey(tokenId, newDevice);
        assertEq(carBook.deviceKey(tokenId), newDevice);
        _expectSkip(_reading(deviceKey, tokenId, 100, t0), ICarBook.ReadingSkipReason.BadSignature);
        assertEq(_submit(_reading(newKey, tokenId, 100, t0)), 1);
    }

    function test_rotateDeviceKey_revertsForOtherRolesAndOrgs() public {
        address[3] memory refused = [workshop, insurerAdmin, owner];
        for (uint256 i; i < refused.length; ++i) {
            vm.prank(refused[i]);
            vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookNotDeviceManager.selector, tokenId, refused[i]));
            carBook.rotateDeviceKey(tokenId, stranger);
        }
    }

    function test_rotateDeviceKey_revertsForUnknownOrDestroyedBook() public {
        vm.prank(makerAdmin);
        vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookNotFound.selector, 5));
        carBook.rotateDeviceKey(5, stranger);
        _wreck(tokenId);
        vm.prank(owner);
        carBook.transferFrom(owner, dismantler, tokenId);
        vm.prank(dismantler);
        carBook.declareDestroyed(tokenId);
        vm.prank(makerAdmin);
        vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookDestroyed.selector, tokenId));
        carBook.rotateDeviceKey(tokenId, stranger);
    }
}
