// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Vm} from "forge-std/Vm.sol";
import {Base} from "./Base.t.sol";
import {ICarBook} from "../src/interfaces/ICarBook.sol";

/// @notice Issue 13 items 5 and 7: the readings' chain since the reading-chain upgrade. A reader finds every reading
/// of a car by walking back along `TelematicsReadingAppended.previousBlock` from `readingChain`'s newest block and
/// from each `readingCheckpoints` entry (in parallel, at most eight blocks each), and proves it has them all by
/// recomputing the masked chain up to `readingsHead`. The walk here is the reader's, in Solidity, over the logs the
/// registry emitted, with a node that may withhold one log.
contract ReadingChainTest is Base {
    /// @dev A reading log of the registry (`TelematicsReadingAppended` or `TelematicsReadingSkipped`), in the order
    /// emitted, which is (block, logIndex) order.
    struct Logged {
        uint256 blockNumber;
        bool appended;
        uint256 tokenId;
        uint64 mileage;
        uint64 timestamp;
        bytes32 head;
        uint256 previousBlock;
    }

    /// @dev No log withheld.
    uint256 internal constant NONE = type(uint256).max;
    uint256 internal constant MAX_WALK = 8;

    Logged[] internal logged;
    uint256 internal carA;
    uint256 internal carB;
    uint256 internal accepted;
    mapping(uint256 tokenId => uint64) internal lastAt;
    mapping(uint256 tokenId => uint64) internal lastMileage;

    function setUp() public override {
        super.setUp();
        vm.roll(90);
        carA = _createBook();
        vm.prank(dealer);
        carB = carBook.createCarBook(WMI, keccak256("car B"), buyer, device, "");
        // Readings are dated an hour apart from START on, all in the past of the blocks below.
        vm.warp(START + 3_650 days);
        lastAt[carA] = lastAt[carB] = uint64(START);
    }

    // ------------------------------------------------------------ writing readings

    /// @dev The car's next valid reading (one hour and 10 km after its last one).
    function _next(uint256 tokenId) internal returns (ICarBook.TelematicsReading memory) {
        lastAt[tokenId] += 1 hours;
        lastMileage[tokenId] += 10;
        return _reading(deviceKey, tokenId, lastMileage[tokenId], lastAt[tokenId]);
    }

    /// @dev A reading the registry skips (not the device's signature), relayed by the maker's operator so that its
    /// block joins `readingBlocks`.
    function _bad(uint256 tokenId) internal view returns (ICarBook.TelematicsReading memory) {
        return _reading(ownerKey, tokenId, lastMileage[tokenId] + 1, lastAt[tokenId] + 1 hours);
    }

    /// @dev One transaction in the current block: `a` readings of car A, a skipped one of A if `skipA`, `b` of car B,
    /// interleaved; every reading log it emits is kept in `logged`.
    function _submit(uint256 a, bool skipA, uint256 b) internal {
        uint256 n = a + b + (skipA ? 1 : 0);
        if (n == 0) return;
        ICarBook.TelematicsReading[] memory batch = new ICarBook.TelematicsReading[](n);
        uint256 k;
        for (uint256 i; i < a || i < b; ++i) {
            if (i < b) batch[k++] = _next(carB);
            if (i < a) batch[k++] = _next(carA);
            if (i == 0 && skipA) batch[k++] = _bad(carA);
        }
        if (skipA && a == 0 && b == 0) batch[k++] = _bad(carA);
        vm.recordLogs();
        vm.prank(telematicsOperator);
        accepted += carBook.submitReadings(batch);
        Vm.Log[] memory logs = vm.getRecordedLogs();
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter != address(carBook)) continue;
            bytes32 topic = logs[i].topics[0];
            if (topic == ICarBook.TelematicsReadingAppended.selector) {
                (uint64 mileage, uint64 timestamp, bytes32 head, uint256 previousBlock) =
                    abi.decode(logs[i].data, (uint64, uint64, bytes32, uint256));
                logged.push(
                    Logged(block.number, true, uint256(logs[i].topics[1]), mileage, timestamp, head, previousBlock)
                );
            } else if (topic == ICarBook.TelematicsReadingSkipped.selector) {
                logged.push(Logged(block.number, false, uint256(logs[i].topics[1]), 0, 0, 0, 0));
            }
        }
    }

    /// @dev Car A's readings 0 … 37 (and some of car B's, and skips) over blocks 100 … 134: several readings of A in
    /// one batch, two batches in one block, a skip in a walked block and one in a block of its own, nine readings
    /// in one block (readings 8 to 16: one checkpoint entry for both), runs of single readings eight blocks long.
    function _layout() internal {
        vm.roll(100);
        _submit(1, false, 0); // reading 0
        vm.roll(101);
        _submit(3, false, 1); // 1-3
        vm.roll(103);
        _submit(1, true, 0); // 4, and a skip
        vm.roll(104);
        _submit(2, false, 1); // 5-6
        _submit(1, false, 0); // 7, second transaction of the block
        vm.roll(110);
        _submit(9, false, 2); // 8-16
        for (uint256 i; i < 15; ++i) {
            vm.roll(111 + i);
            _submit(1, false, i % 2); // 17-31 in blocks 111-125, reading 24 in block 118
        }
        vm.roll(126);
        _submit(0, true, 1); // a skip of A alone: in readingBlocks, never walked
        vm.roll(130);
        _submit(2, false, 0); // 32-33
        for (uint256 i; i < 4; ++i) {
            vm.roll(131 + i);
            _submit(1, false, 0); // 34-37
        }
    }

    // ------------------------------------------------------------ the reader's walk

    /// @dev What a node answers for eth_getLogs(fromBlock = toBlock = `blockNumber`, CarBook, [[Appended, Skipped],
    /// tokenId]): the indexes in `logged`, in log order, minus the withheld one.
    function _logsOf(uint256 tokenId, uint256 blockNumber, uint256 withheld) internal view returns (uint256[] memory) {
        uint256[] memory found = new uint256[](logged.length);
        uint256 n;
        for (uint256 i; i < logged.length; ++i) {
            if (i != withheld && logged[i].blockNumber == blockNumber && logged[i].tokenId == tokenId) found[n++] = i;
        }
        assembly ("memory-safe") {
            mstore(found, n)
        }
        return found;
    }

    /// @dev One walk from `start`, stopping before a block <= `floor`: marks the Appended logs it collects in `seen`.
    /// False when a visited block has no Appended log of the car or the link does not go back (a node withholding
    /// logs: the reader says so, never loops), when a log is collected twice, or when it is longer than eight blocks.
    function _walkFrom(uint256 tokenId, uint256 start, uint256 floor, uint256 withheld, bool[] memory seen)
        internal
        view
        returns (bool ok, uint256 steps)
    {
        uint256 b = start;
        while (true) {
            if (++steps > MAX_WALK) return (false, steps);
            uint256[] memory logs = _logsOf(tokenId, b, withheld);
            uint256 earliest = NONE;
            for (uint256 i; i < logs.length; ++i) {
                if (!logged[logs[i]].appended) continue;
                if (seen[logs[i]]) return (false, steps);
                seen[logs[i]] = true;
                if (earliest == NONE) earliest = logs[i];
            }
            if (earliest == NONE) return (false, steps);
            uint256 previous = logged[earliest].previousBlock;
            if (previous >= b) return (false, steps);
            if (previous <= floor) return (true, steps);
            b = previous;
        }
    }

    /// @dev The reader's whole check: walks from every checkpoint and from the newest block, then the Appended logs
    /// found, in (block, logIndex) order, must number `count` and recompute the chain from `legacyHead` to
    /// `readingsHead`, each log's head on the way. Returns what it saw, for the assertions.
    function _verify(uint256 tokenId, bytes32 legacyHead, uint256 withheld)
        internal
        view
        returns (bool ok, bool[] memory seen, uint256 longest)
    {
        seen = new bool[](logged.length);
        (ok, longest) = _walkAll(tokenId, withheld, seen);
        if (ok) ok = _chainReachesTheHead(tokenId, legacyHead, seen);
    }

    function _walkAll(uint256 tokenId, uint256 withheld, bool[] memory seen)
        internal
        view
        returns (bool ok, uint256 longest)
    {
        (, uint256 newestBlock, uint256 count) = carBook.readingChain(tokenId);
        (uint256[] memory checkpoints,) = carBook.readingCheckpoints(tokenId, 0, type(uint256).max);
        uint256 m = checkpoints.length;
        ok = true;
        for (uint256 j; j <= m; ++j) {
            if (j == m && (count == 0 || (m > 0 && newestBlock == checkpoints[m - 1]))) break;
            uint256 steps;
            (ok, steps) = _walkFrom(
                tokenId, j < m ? checkpoints[j] : newestBlock, j == 0 ? 0 : checkpoints[j - 1], withheld, seen
            );
            if (steps > longest) longest = steps;
            if (!ok) return (false, longest);
        }
    }

    function _chainReachesTheHead(uint256 tokenId, bytes32 legacyHead, bool[] memory seen)
        internal
        view
        returns (bool)
    {
        (bytes32 head,, uint256 count) = carBook.readingChain(tokenId);
        uint256 found;
        bytes32 chain = legacyHead;
        for (uint256 i; i < logged.length; ++i) {
            if (!seen[i]) continue;
            chain = _readingStep(chain, tokenId, logged[i].mileage, logged[i].timestamp);
            if (logged[i].head != chain) return false;
            ++found;
        }
        return found == count && chain == carBook.readingsHead(tokenId) && (count == 0 || chain == head);
    }

    /// @dev Every Appended log of the car was seen, and nothing else.
    function _assertSeenExactlyTheCarsReadings(uint256 tokenId, bool[] memory seen) internal view {
        for (uint256 i; i < logged.length; ++i) {
            bool mine = logged[i].appended && logged[i].tokenId == tokenId;
            assertEq(seen[i], mine, "the walks reach each of the car's readings, and only those");
        }
    }

    /// @dev The blocks of the car's readings number 0, 8, 16, … in `logged`, a block listed once.
    function _expectedCheckpoints(uint256 tokenId) internal view returns (uint256[] memory blocks) {
        blocks = new uint256[](logged.length);
        uint256 n;
        uint256 k;
        for (uint256 i; i < logged.length; ++i) {
            if (!logged[i].appended || logged[i].tokenId != tokenId) continue;
            if (k++ % 8 != 0) continue;
            if (n == 0 || blocks[n - 1] != logged[i].blockNumber) blocks[n++] = logged[i].blockNumber;
        }
        assembly ("memory-safe") {
            mstore(blocks, n)
        }
    }

    // ------------------------------------------------------------ tests

    /// Item 5: the walks from the four checkpoints and from the newest block reach each of the 38 readings exactly
    /// once, none longer than eight blocks, and the chain recomputed from them reaches `readingsHead`.
    function test_walk_reachesEveryReadingOnceWithinEightBlocks() public {
        _layout();
        (bytes32 head, uint256 newestBlock, uint256 count) = carBook.readingChain(carA);
        assertEq(count, 38);
        assertEq(newestBlock, 134);
        assertEq(head, carBook.readingsHead(carA));
        (uint256[] memory checkpoints,) = carBook.readingCheckpoints(carA, 0, 100);
        assertEq(checkpoints.length, 4, "3+ checkpoints, and a walk from the newest block");
        (bool ok, bool[] memory seen, uint256 longest) = _verify(carA, bytes32(0), NONE);
        assertTrue(ok, "an honest node's logs pass the reader's check");
        _assertSeenExactlyTheCarsReadings(carA, seen);
        assertEq(longest, MAX_WALK, "two walks here are exactly eight blocks long, none longer");
        (ok, seen,) = _verify(carB, bytes32(0), NONE);
        assertTrue(ok, "car B's readings in the same blocks and batches walk apart");
        _assertSeenExactlyTheCarsReadings(carB, seen);
        (, uint256 listed) = carBook.readingBlocks(carA, 0, 0);
        assertEq(listed, 2, "readingBlocks lists the blocks of A's two relayed skips only (103, 126)");
    }

    /// Item 5: a node that withholds any one of the car's reading logs is caught, whether the log is alone in its
    /// block (the walk finds no reading there, or the count falls short) or one of several (the earliest left
    /// links back to its own block, or the count falls short).
    function test_walk_detectsAnyOneWithheldReading() public {
        _layout();
        uint256 checked;
        for (uint256 i; i < logged.length; ++i) {
            if (!logged[i].appended || logged[i].tokenId != carA) continue;
            (bool ok,,) = _verify(carA, bytes32(0), i);
            assertFalse(ok, "a withheld reading is detected");
            ++checked;
        }
        assertEq(checked, 38);
    }

    /// The checkpoints hold the blocks of readings 0, 8, 16, 24 and 32, one entry for 8 and 16 (both in block 110).
    function test_checkpoints_blocksOfEveryEighthReadingDeduplicated() public {
        _layout();
        (uint256[] memory checkpoints, uint256 total) = carBook.readingCheckpoints(carA, 0, 100);
        assertEq(total, 4);
        assertEq(checkpoints.length, 4);
        assertEq(checkpoints[0], 100);
        assertEq(checkpoints[1], 110, "readings 8 and 16 share block 110: listed once");
        assertEq(checkpoints[2], 118);
        assertEq(checkpoints[3], 130);
        assertEq(checkpoints, _expectedCheckpoints(carA));
        (uint256[] memory page, uint256 total2) = carBook.readingCheckpoints(carA, 2, 1);
        assertEq(total2, 4);
        assertEq(page.length, 1);
        assertEq(page[0], 118);
        (checkpoints, total) = carBook.readingCheckpoints(carB, 0, 100);
        assertEq(total, 2);
        assertEq(checkpoints, _expectedCheckpoints(carB), "car B's readings 0 and 8 (blocks 101 and 120)");
    }

    /// A skipped reading moves nothing of the chain; the maker's operator's skip is still listed in
    /// `readingBlocks`, an Appended reading is not; the next reading links over the skip's block.
    function test_skip_doesNotMoveTheCursorAndOnlySkipsAreListed() public {
        vm.roll(200);
        _submit(1, false, 0);
        (bytes32 head, uint256 newestBlock, uint256 count) = carBook.readingChain(carA);
        assertEq(newestBlock, 200);
        assertEq(count, 1);
        vm.roll(201);
        _submit(0, true, 0);
        assertFalse(logged[logged.length - 1].appended, "a skip");
        (bytes32 head2, uint256 newestBlock2, uint256 count2) = carBook.readingChain(carA);
        assertEq(head2, head, "a skip leaves the head");
        assertEq(newestBlock2, 200, "a skip leaves the newest block");
        assertEq(count2, 1, "a skip is not counted");
        assertEq(carBook.readingsHead(carA), head);
        (uint256[] memory blocks, uint256 total) = carBook.readingBlocks(carA, 0, 10);
        assertEq(total, 1, "the operator's skip is listed, the Appended reading of block 200 is not");
        assertEq(blocks[0], 201);
        vm.roll(202);
        _submit(1, false, 0);
        Logged memory last = logged[logged.length - 1];
        assertTrue(last.appended);
        assertEq(last.previousBlock, 200, "the next reading links to the reading before, over the skip");
        (, total) = carBook.readingBlocks(carA, 0, 10);
        assertEq(total, 1);
        (, total) = carBook.readingCheckpoints(carA, 0, 10);
        assertEq(total, 1);
    }

    /// Item 5, any layout: a plan of transactions (each step: 0-3 readings of car A, maybe a skip of A, maybe a
    /// reading of car B, maybe in the same block as the step before). The count equals the readings accepted, the
    /// checkpoints are every eighth reading's block, and the walks reach every reading once within eight blocks.
    /// Each run replays up to 40 transactions (~16 ms): the ci profile's 10,000 runs would take 160 s of CI alone.
    /// forge-config: ci.fuzz.runs = 500
    function testFuzz_walk_anyLayout(uint8[40] memory plan) public {
        vm.roll(1_000);
        uint256 acceptedA;
        for (uint256 i; i < plan.length; ++i) {
            uint8 step = plan[i];
            if (step & 0x10 != 0) vm.roll(block.number + 1 + (step >> 6));
            uint256 a = step & 3;
            uint256 before = accepted;
            _submit(a, step & 4 != 0, (step >> 3) & 1);
            acceptedA += a;
            assertEq(accepted - before, a + ((step >> 3) & 1), "every valid reading accepted, every bad one skipped");
        }
        (,, uint256 count) = carBook.readingChain(carA);
        assertEq(count, acceptedA, "the count is the readings accepted");
        (uint256[] memory checkpoints,) = carBook.readingCheckpoints(carA, 0, type(uint256).max);
        assertEq(checkpoints, _expectedCheckpoints(carA));
        (bool ok, bool[] memory seen, uint256 longest) = _verify(carA, bytes32(0), NONE);
        assertTrue(ok);
        assertLe(longest, MAX_WALK);
        _assertSeenExactlyTheCarsReadings(carA, seen);
        (ok, seen,) = _verify(carB, bytes32(0), NONE);
        assertTrue(ok);
        _assertSeenExactlyTheCarsReadings(carB, seen);
    }
}
