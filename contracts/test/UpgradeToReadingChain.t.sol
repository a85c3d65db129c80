// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";
import {Vm} from "forge-std/Vm.sol";
import {Base} from "./Base.t.sol";
import {CarBook} from "../src/CarBook.sol";
import {ICarBook} from "../src/interfaces/ICarBook.sol";
import {IConsortium} from "../src/interfaces/IConsortium.sol";
import {CarBookPreChain} from "./upgrades/prechain/CarBookPreChain.sol";

/// @notice A deployment from before the reading-chain upgrade (readings with full-width heads in
/// `TelematicsReadingRecorded`, their blocks in `readingBlocks`) upgrades through governance: its readings keep
/// their list and head, and the first reading after the upgrade continues the chain from that head, masked from
/// then on, linked block to block from 0.
contract UpgradeToReadingChainTest is Base {
    uint256 internal id;
    uint256 internal quiet;
    uint64 internal at;
    uint64 internal km;

    function setUp() public override {
        super.setUp();
        carBook = CarBook(
            address(
                new ERC1967Proxy(address(new CarBookPreChain()), abi.encodeCall(CarBook.initialize, (consortium, 0, 1)))
            )
        );
        vm.roll(50);
        id = _createBook();
        vm.prank(dealer);
        quiet = carBook.createCarBook(WMI, keccak256("no readings before the upgrade"), buyer, device, "");
        vm.warp(START + 365 days);
        at = uint64(START);
    }

    function _next(uint256 tokenId) internal returns (ICarBook.TelematicsReading memory) {
        at += 1 hours;
        km += 25;
        return _reading(deviceKey, tokenId, km, at);
    }

    /// @dev Submits `n` readings of `tokenId` in one batch as the maker's operator; returns the logs.
    function _submit(uint256 tokenId, uint256 n) internal returns (Vm.Log[] memory) {
        ICarBook.TelematicsReading[] memory batch = new ICarBook.TelematicsReading[](n);
        for (uint256 i; i < n; ++i) {
            batch[i] = _next(tokenId);
        }
        vm.recordLogs();
        vm.prank(telematicsOperator);
        assertEq(carBook.submitReadings(batch), n);
        return vm.getRecordedLogs();
    }

    /// @dev A reading the registry skips (not the device's signature), relayed by the maker's operator.
    function _skip(uint256 tokenId) internal {
        ICarBook.TelematicsReading[] memory batch = _batch(_reading(ownerKey, tokenId, km + 1, at + 1 hours));
        vm.prank(telematicsOperator);
        assertEq(carBook.submitReadings(batch), 0);
    }

    function _readingBlocks(uint256 tokenId) internal view returns (uint256[] memory blocks) {
        (blocks,) = carBook.readingBlocks(tokenId, 0, 100);
    }

    function _upgrade() internal {
        _pass(IConsortium.ProposalAction.UpgradeContract, abi.encode(address(carBook), address(new CarBook()), ""));
    }

    function test_upgrade_firstAppendedReadingContinuesFromTheLegacyHead() public {
        // Before the upgrade: full-width heads, every reading block listed.
        bytes32 legacy;
        vm.roll(51);
        Vm.Log[] memory logs = _submit(id, 2);
        for (uint256 i; i < 2; ++i) {
            assertEq(logs[i].topics[0], ICarBook.TelematicsReadingRecorded.selector);
            (uint64 mileage, uint64 timestamp, bytes32 stepHead) = abi.decode(logs[i].data, (uint64, uint64, bytes32));
            legacy = keccak256(abi.encode(legacy, id, mileage, timestamp));
            assertEq(stepHead, legacy, "legacy heads are not masked");
        }
        vm.roll(53);
        logs = _submit(id, 1);
        (,, bytes32 last) = abi.decode(logs[0].data, (uint64, uint64, bytes32));
        legacy = keccak256(abi.encode(legacy, id, km, at));
        assertEq(last, legacy);
        vm.roll(54);
        _skip(id);
        assertEq(carBook.readingsHead(id), legacy);
        uint256[] memory legacyBlocks = new uint256[](3);
        (legacyBlocks[0], legacyBlocks[1], legacyBlocks[2]) = (51, 53, 54);
        assertEq(_readingBlocks(id), legacyBlocks, "two readings in 51, one in 53, the operator's skip in 54");

        vm.roll(60);
        _upgrade();
        assertEq(carBook.readingsHead(id), legacy, "the legacy head until the car's next reading");
        (bytes32 head, uint256 newestBlock, uint256 count) = carBook.readingChain(id);
        assertEq(head, bytes32(0));
        assertEq(newestBlock, 0);
        assertEq(count, 0);
        assertEq(_readingBlocks(id), legacyBlocks);

        // The first Appended reading: from the legacy head, masked, previousBlock 0.
        vm.roll(61);
        ICarBook.TelematicsReading memory first = _next(id);
        bytes32 h1 = _readingStep(legacy, id, first.mileage, first.timestamp);
        vm.expectEmit(address(carBook));
        emit ICarBook.TelematicsReadingAppended(id, first.mileage, first.timestamp, h1, 0);
        vm.prank(telematicsOperator);
        assertEq(carBook.submitReadings(_batch(first)), 1);
        assertEq(carBook.readingsHead(id), h1, "readingsHead moves from the legacy head to the masked one");
        assertTrue(h1 != legacy);
        (head, newestBlock, count) = carBook.readingChain(id);
        assertEq(head, h1);
        assertEq(newestBlock, 61);
        assertEq(count, 1, "counted since the upgrade");
        (uint256[] memory checkpoints,) = carBook.readingCheckpoints(id, 0, 10);
        assertEq(checkpoints.length, 1);
        assertEq(checkpoints[0], 61);

        vm.roll(62);
        ICarBook.TelematicsReading memory second = _next(id);
        bytes32 h2 = _readingStep(h1, id, second.mileage, second.timestamp);
        vm.expectEmit(address(carBook));
        emit ICarBook.TelematicsReadingAppended(id, second.mileage, second.timestamp, h2, 61);
        vm.prank(telematicsOperator);
        carBook.submitReadings(_batch(second));
        assertEq(carBook.readingsHead(id), h2);
        assertEq(_readingBlocks(id), legacyBlocks, "readingBlocks still lists the legacy blocks, no new reading");

        // A skip the operator relays after the upgrade still joins readingBlocks.
        vm.roll(63);
        _skip(id);
        uint256[] memory blocks = _readingBlocks(id);
        assertEq(blocks.length, 4);
        assertEq(blocks[3], 63);
        (head, newestBlock, count) = carBook.readingChain(id);
        assertEq(newestBlock, 62);
        assertEq(count, 2);
    }

    /// A car without readings before the upgrade starts its chain from zero; a car's first reading ever, after the
    /// upgrade, never touches `readingBlocks`.
    function test_upgrade_carWithoutLegacyReadingsStartsFromZero() public {
        vm.roll(51);
        _submit(id, 1);
        _upgrade();
        assertEq(carBook.readingsHead(quiet), bytes32(0));
        vm.roll(70);
        ICarBook.TelematicsReading memory first = _next(quiet);
        vm.expectEmit(address(carBook));
        emit ICarBook.TelematicsReadingAppended(
            quiet, first.mileage, first.timestamp, _readingStep(bytes32(0), quiet, first.mileage, first.timestamp), 0
        );
        vm.prank(telematicsOperator);
        carBook.submitReadings(_batch(first));
        (, uint256 total) = carBook.readingBlocks(quiet, 0, 10);
        assertEq(total, 0);
        (, uint256 newestBlock, uint256 count) = carBook.readingChain(quiet);
        assertEq(newestBlock, 70);
        assertEq(count, 1);
    }
}
