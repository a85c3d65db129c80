// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {GovernedUpgradeable} from "../src/base/GovernedUpgradeable.sol";
import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";
import {Base} from "./Base.t.sol";
import {CarBookExtension} from "../src/CarBookExtension.sol";
import {KeyRegistry} from "../src/KeyRegistry.sol";
import {BlockIndex} from "../src/libraries/BlockIndex.sol";
import {ICarBook} from "../src/interfaces/ICarBook.sol";
import {IConsortium} from "../src/interfaces/IConsortium.sol";
import {Roles} from "../src/Roles.sol";
import {Vm} from "forge-std/Vm.sol";

/// @dev Exposes BlockIndex on one list, for the packing edge cases (word boundaries, deduplication).
contract BlockIndexHarness {
    using BlockIndex for BlockIndex.List;

    BlockIndex.List internal list;
    BlockIndex.List internal empty;

    function push(uint256 blockNumber, uint256 before) external {
        list.push(blockNumber, before);
    }

    function page(uint256 start, uint256 count) external view returns (uint256[] memory, uint256) {
        return BlockIndex.page(empty, 0, list, start, count);
    }
}

/// @notice Read indexes: every list is right after each kind of event, deduplicated, paged, and only the
/// registry's own rules can add to it.
contract ReadIndexesTest is Base {
    BlockIndexHarness internal harness;
    KeyRegistry internal keys;

    function setUp() public override {
        super.setUp();
        harness = new BlockIndexHarness();
        keys = KeyRegistry(
            address(
                new ERC1967Proxy(
                    address(new KeyRegistry()), abi.encodeCall(KeyRegistry.initialize, (consortium, carBook))
                )
            )
        );
    }

    // ------------------------------------------------------------ helpers

    function _blocks(uint256 tokenId) internal view returns (uint256[] memory blocks) {
        (blocks,) = carBook.bookEventBlocks(tokenId, 0, type(uint256).max);
    }

    function _list(uint256 a) internal pure returns (uint256[] memory l) {
        l = new uint256[](1);
        l[0] = a;
    }

    function _list(uint256 a, uint256 b) internal pure returns (uint256[] memory l) {
        l = new uint256[](2);
        (l[0], l[1]) = (a, b);
    }

    function _list(uint256 a, uint256 b, uint256 c) internal pure returns (uint256[] memory l) {
        l = new uint256[](3);
        (l[0], l[1], l[2]) = (a, b, c);
    }

    function _books(address account) internal view returns (uint256[] memory ids) {
        uint256 total;
        (ids, total) = carBook.booksOf(account, 0, 100);
        assertEq(total, carBook.balanceOf(account), "booksOf total is balanceOf");
        for (uint256 i; i < ids.length; ++i) {
            assertEq(carBook.ownerOf(ids[i]), account, "every listed book is held by the owner");
        }
    }

    function _contains(uint256[] memory ids, uint256 id) internal pure returns (bool) {
        for (uint256 i; i < ids.length; ++i) {
            if (ids[i] == id) return true;
        }
        return false;
    }

    function _newBook(string memory label, address to) internal returns (uint256 id) {
        vm.prank(dealer);
        id = carBook.createCarBook(WMI, keccak256(bytes(label)), to, device, "");
    }

    // ------------------------------------------------------------ BlockIndex

    function test_blockIndex_packsAcrossWordsAndDeduplicates() public {
        for (uint256 b = 100; b < 120; ++b) {
            harness.push(b, 0);
            harness.push(b, 0); // second event of the same block: no entry
        }
        (uint256[] memory all, uint256 total) = harness.page(0, 100);
        assertEq(total, 20);
        for (uint256 i; i < 20; ++i) {
            assertEq(all[i], 100 + i);
        }
        // Right after a full word (16 entries), the last entry still deduplicates.
        (uint256[] memory mid,) = harness.page(14, 3);
        assertEq(mid, _list(114, 115, 116));
        (uint256[] memory past, uint256 total2) = harness.page(25, 3);
        assertEq(past.length, 0);
        assertEq(total2, 20);
    }

    function test_blockIndex_dedupesAgainstEntryBeforeTheList() public {
        harness.push(7, 7);
        (, uint256 total) = harness.page(0, 10);
        assertEq(total, 0, "the block of the entry before the list is not repeated");
        harness.push(8, 7);
        (uint256[] memory all,) = harness.page(0, 10);
        assertEq(all, _list(8));
    }

    function test_blockIndex_refusesBlockNumbersAbove32Bits() public {
        vm.expectRevert(abi.encodeWithSelector(BlockIndex.BlockIndexBlockNumberTooLarge.selector, uint256(2) ** 32));
        harness.push(2 ** 32, 0);
    }

    /// @dev Any increasing sequence with repeats reads back as the same sequence without repeats.
    function testFuzz_blockIndex_readsBackDeduplicated(uint8[64] memory steps) public {
        uint256[] memory expected = new uint256[](64);
        uint256 n;
        uint256 b = 1;
        for (uint256 i; i < steps.length; ++i) {
            b += steps[i] % 3; // 0: same block again
            harness.push(b, 0);
            if (n == 0 || expected[n - 1] != b) expected[n++] = b;
        }
        (uint256[] memory all, uint256 total) = harness.page(0, 64);
        assertEq(total, n);
        for (uint256 i; i < n; ++i) {
            assertEq(all[i], expected[i]);
        }
    }

    // ------------------------------------------------------------ CarBook: book event blocks

    function test_bookEventBlocks_everyKindOfEventOnce() public {
        vm.roll(10);
        uint256 id = _createBook();
        assertEq(_blocks(id), _list(10), "creation block first");
        _append(owner, id, 100);
        assertEq(_blocks(id), _list(10), "a record in the creation block adds nothing");

        vm.roll(11);
        _append(owner, id, 200);
        _append(workshop, id, 300);
        vm.roll(12);
        vm.prank(owner);
        carBook.grantAccess(id, independentWorkshop, uint64(block.timestamp + 1 days));
        vm.roll(13);
        vm.prank(owner);
        carBook.revokeAccess(id, independentWorkshop);
        vm.roll(14);
        vm.prank(telematicsOperator);
        carBook.rotateDeviceKey(id, stranger);
        vm.roll(15);
        carBook.correctOdometer(_correction(id, 50, ownerKey, workshopKey));
        vm.roll(16);
        vm.prank(owner);
        carBook.transferFrom(owner, buyer, id);
        (uint256[] memory blocks, uint256 total) = carBook.bookEventBlocks(id, 0, 100);
        assertEq(total, 7);
        for (uint256 i; i < 7; ++i) {
            assertEq(blocks[i], 10 + i);
        }
        (uint256[] memory page2,) = carBook.bookEventBlocks(id, 5, 1);
        assertEq(page2, _list(15));
    }

    function test_bookEventBlocks_wreckAndDestruction() public {
        vm.roll(20);
        uint256 id = _createBook();
        vm.roll(21);
        _wreck(id); // cover, claim, mandate are Insurance events; the diagnosis record and BookWrecked are CarBook's
        vm.roll(22);
        vm.prank(owner);
        carBook.transferFrom(owner, dismantler, id);
        vm.roll(23);
        vm.prank(dismantler);
        carBook.declareDestroyed(id);
        assertEq(_blocks(id).length, 4);
        assertEq(_blocks(id)[3], 23);
        (uint256[] memory ins, uint256 total) = insurance.bookEventBlocks(id, 0, 10);
        assertEq(total, 1, "cover, claim, mandate and diagnosis all in block 21");
        assertEq(ins, _list(21));
    }

    function test_bookEventBlocks_strangersCannotAddEntries() public {
        vm.roll(30);
        uint256 id = _createBook();
        vm.roll(31);
        vm.startPrank(stranger);
        vm.expectRevert();
        carBook.appendRecord(id, 1, ICarBook.RecordKind.Service, bytes32(0), "");
        vm.expectRevert();
        carBook.grantAccess(id, stranger, uint64(block.timestamp + 1 hours));
        vm.expectRevert();
        carBook.revokeAccess(id, independentWorkshop);
        vm.expectRevert();
        carBook.rotateDeviceKey(id, stranger);
        vm.expectRevert();
        carBook.declareDestroyed(id);
        vm.expectRevert();
        carBook.transferFrom(owner, stranger, id);
        vm.expectRevert(abi.encodeWithSelector(GovernedUpgradeable.GovernedUpgradeOnlyGovernance.selector, stranger));
        carBook.backfillBookEventBlocks(id, new uint32[](1));
        vm.expectRevert();
        insurance.requestCover(id, INSURER);
        vm.stopPrank();
        // A reading signed by another key is skipped, not indexed.
        carBook.submitReadings(_batch(_reading(ownerKey, id, 10, uint64(block.timestamp))));
        assertEq(_blocks(id), _list(30));
        (, uint256 readings) = carBook.readingBlocks(id, 0, 10);
        assertEq(readings, 0);
        (, uint256 insuranceEntries) = insurance.bookEventBlocks(id, 0, 10);
        assertEq(insuranceEntries, 0);
    }

    function test_extension_calledDirectlyTouchesNoBook() public {
        uint256 id = _createBook();
        CarBookExtension extension = CarBookExtension(carBook.EXTENSION());
        vm.prank(address(consortium));
        vm.expectRevert(
            abi.encodeWithSelector(GovernedUpgradeable.GovernedUpgradeOnlyGovernance.selector, address(consortium))
        );
        extension.backfillBookEventBlocks(id, new uint32[](1));
        vm.prank(owner);
        vm.expectRevert(); // its own storage has no book and no ERC-721 state
        extension.grantAccess(id, independentWorkshop, uint64(block.timestamp + 1 days));
    }

    // ------------------------------------------------------------ CarBook: readings

    /// @dev The `TelematicsReadingAppended` logs of `logs` (one transaction's), in order.
    function _appended(Vm.Log[] memory logs)
        internal
        pure
        returns (uint64[] memory mileages, bytes32[] memory heads, uint256[] memory previousBlocks)
    {
        uint256 n;
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].topics[0] == ICarBook.TelematicsReadingAppended.selector) ++n;
        }
        (mileages, heads, previousBlocks) = (new uint64[](n), new bytes32[](n), new uint256[](n));
        n = 0;
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].topics[0] != ICarBook.TelematicsReadingAppended.selector) continue;
            (mileages[n],, heads[n], previousBlocks[n]) = abi.decode(logs[i].data, (uint64, uint64, bytes32, uint256));
            ++n;
        }
    }

    /// Ten readings in ten blocks: each log names the block of the reading before (the first one 0), the masked
    /// chain reaches the head, the cursor names the newest block, readings 0 and 8 are the checkpoints, and
    /// neither `readingBlocks` nor the book's event list grows.
    function test_readings_blockListAndHashChain() public {
        uint256 id = _createBook();
        bytes32 head;
        for (uint256 i; i < 10; ++i) {
            vm.roll(100 + i);
            vm.warp(START + (i + 1) * 1 hours);
            uint64 t = uint64(block.timestamp);
            vm.recordLogs();
            carBook.submitReadings(_batch(_reading(deviceKey, id, uint64(1_000 * (i + 1)), t)));
            (uint64[] memory mileages, bytes32[] memory heads, uint256[] memory previous) =
                _appended(vm.getRecordedLogs());
            head = _readingStep(head, id, uint64(1_000 * (i + 1)), t);
            assertEq(mileages.length, 1);
            assertEq(heads[0], head, "each log carries the masked head after it");
            assertEq(previous[0], i == 0 ? 0 : 99 + i, "each log names the block of the reading before");
        }
        assertEq(carBook.readingsHead(id), head, "the chain recomputed from the readings reaches the head");
        (bytes32 chainHead, uint256 newestBlock, uint256 count) = carBook.readingChain(id);
        assertEq(chainHead, head);
        assertEq(newestBlock, 109);
        assertEq(count, 10);
        (uint256[] memory checkpoints, uint256 total) = carBook.readingCheckpoints(id, 0, 100);
        assertEq(total, 2);
        assertEq(checkpoints, _list(100, 108), "the blocks of readings 0 and 8");
        (, total) = carBook.readingBlocks(id, 0, 100);
        assertEq(total, 0, "accepted readings are linked, not listed");
        assertEq(_blocks(id).length, 1, "readings stay out of the book's event list");
    }

    /// Two readings of a car in one block: one checkpoint entry, the second reading's log names its own block
    /// (a reader walking back takes the earliest log of a block), the count says two.
    function test_readings_twoInOneBlockAreOneEntry() public {
        uint256 id = _createBook();
        vm.roll(77);
        vm.warp(START + 3 hours);
        ICarBook.TelematicsReading[] memory batch = new ICarBook.TelematicsReading[](2);
        batch[0] = _reading(deviceKey, id, 10, uint64(START + 1 hours));
        batch[1] = _reading(deviceKey, id, 20, uint64(START + 2 hours));
        vm.recordLogs();
        assertEq(carBook.submitReadings(batch), 2);
        (, bytes32[] memory heads, uint256[] memory previous) = _appended(vm.getRecordedLogs());
        assertEq(previous, _list(0, 77), "the first reading starts the chain, the second links to its own block");
        (uint256[] memory checkpoints, uint256 total) = carBook.readingCheckpoints(id, 0, 10);
        assertEq(total, 1);
        assertEq(checkpoints, _list(77));
        (bytes32 chainHead, uint256 newestBlock, uint256 count) = carBook.readingChain(id);
        assertEq(newestBlock, 77);
        assertEq(count, 2);
        bytes32 h1 = _readingStep(bytes32(0), id, 10, uint64(START + 1 hours));
        bytes32 h2 = _readingStep(h1, id, 20, uint64(START + 2 hours));
        assertEq(heads[0], h1);
        assertEq(heads[1], h2);
        assertEq(chainHead, h2);
        assertEq(carBook.readingsHead(id), h2);
    }

    // ------------------------------------------------------------ CarBook: owners' lists

    function test_booksOf_followsMintsAndTransfers() public {
        uint256 a = _newBook("a", owner);
        uint256 b = _newBook("b", owner);
        uint256 c = _newBook("c", owner);
        assertEq(_books(owner), _list(a, b, c));
        vm.prank(owner);
        carBook.transferFrom(owner, buyer, a); // c takes a's place
        assertEq(_books(owner), _list(c, b));
        assertEq(_books(buyer), _list(a));
        vm.prank(owner);
        carBook.transferFrom(owner, buyer, c);
        assertEq(_books(owner), _list(b));
        assertEq(_books(buyer), _list(a, c));
        vm.prank(buyer);
        carBook.transferFrom(buyer, owner, a);
        assertEq(_books(owner), _list(b, a));
        assertEq(_books(buyer), _list(c));
        (uint256[] memory p, uint256 total) = carBook.booksOf(owner, 1, 5);
        assertEq(p, _list(a));
        assertEq(total, 2);
    }

    function test_booksOf_wreckMovesToTheInsurersYard() public {
        uint256 id = _createBook();
        uint256 other = _newBook("other", owner);
        _wreck(id);
        vm.prank(owner);
        carBook.transferFrom(owner, claimsHandler, id);
        assertEq(_books(claimsHandler), _list(id));
        assertEq(_books(owner), _list(other));
        vm.prank(claimsHandler);
        carBook.transferFrom(claimsHandler, dismantler, id);
        assertEq(_books(dismantler), _list(id));
        assertEq(_books(claimsHandler).length, 0);
    }

    /// @dev Random transfers among three holders keep every list equal to what ownerOf says.
    function testFuzz_booksOf_matchesOwnership(uint8[24] memory moves) public {
        address[3] memory holders = [owner, buyer, stranger];
        uint256[] memory ids = new uint256[](5);
        for (uint256 i; i < 5; ++i) {
            ids[i] = _newBook(string(abi.encode(i)), holders[i % 3]);
        }
        for (uint256 m; m < moves.length; ++m) {
            uint256 id = ids[moves[m] % 5];
            address from = carBook.ownerOf(id);
            address to = holders[(moves[m] / 5) % 3];
            if (to == from) continue;
            vm.prank(from);
            carBook.transferFrom(from, to, id);
        }
        uint256 listed;
        for (uint256 h; h < 3; ++h) {
            uint256[] memory held = _books(holders[h]);
            listed += held.length;
        }
        assertEq(listed, 5);
    }

    // ------------------------------------------------------------ CarBook: grantees

    function test_granteesOf_grantRevokeAndSale() public {
        uint256 id = _createBook();
        vm.startPrank(owner);
        carBook.grantAccess(id, independentWorkshop, uint64(block.timestamp + 1 days));
        carBook.grantAccess(id, expert, uint64(block.timestamp + 1 days));
        carBook.grantAccess(id, expert, uint64(block.timestamp + 2 days)); // extended, listed once
        vm.stopPrank();
        (address[] memory g, uint256 total) = carBook.granteesOf(id, 0, 10);
        assertEq(total, 2);
        assertEq(g[0], independentWorkshop);
        assertEq(g[1], expert);
        vm.prank(owner);
        carBook.revokeAccess(id, independentWorkshop);
        (g, total) = carBook.granteesOf(id, 0, 10);
        assertEq(total, 1);
        assertEq(g[0], expert);
        vm.prank(owner);
        carBook.transferFrom(owner, buyer, id);
        (, total) = carBook.granteesOf(id, 0, 10);
        assertEq(total, 0, "a sale starts an empty list");
    }

    // ------------------------------------------------------------ KeyRegistry

    function _wrap() internal pure returns (bytes memory w) {
        w = new bytes(137);
        w[0] = 0x01;
    }

    function test_keyRegistry_bookOrgAndShareIndexes() public {
        uint256 id = _createBook();
        bytes32[] memory readers = new bytes32[](1);
        readers[0] = keccak256("reader");
        bytes[] memory wraps = new bytes[](1);
        wraps[0] = _wrap();
        vm.roll(50);
        vm.prank(owner);
        keys.publishEpochWraps(id, 0, readers, wraps);
        vm.roll(51);
        uint32[] memory epochs = new uint32[](1);
        vm.prank(owner);
        keys.addShareKey(id, keccak256("share"), epochs, wraps);
        vm.roll(52);
        vm.prank(stranger);
        vm.expectRevert();
        keys.publishEpochWraps(id, 0, readers, wraps);
        (uint256[] memory blocks, uint256 total) = keys.bookEventBlocks(id, 0, 10);
        assertEq(total, 2);
        assertEq(blocks, _list(50, 51));
        (bytes32[] memory shares, uint256 sharesTotal) = keys.shareKeysOf(id, 0, 10);
        assertEq(sharesTotal, 1);
        assertEq(shares[0], keccak256("share"));

        vm.prank(owner);
        keys.revokeShareKey(id, keccak256("share"));
        (, sharesTotal) = keys.shareKeysOf(id, 0, 10);
        assertEq(sharesTotal, 0);
        (blocks,) = keys.bookEventBlocks(id, 0, 10);
        assertEq(blocks, _list(50, 51, 52));

        vm.prank(owner);
        keys.addShareKey(id, keccak256("share 2"), epochs, wraps);
        vm.prank(owner);
        carBook.transferFrom(owner, buyer, id);
        (, sharesTotal) = keys.shareKeysOf(id, 0, 10);
        assertEq(sharesTotal, 0, "a sale starts an empty list");

        address[] memory staff = new address[](1);
        staff[0] = makerAdmin;
        vm.roll(60);
        vm.prank(makerAdmin);
        keys.publishOrgKey(keccak256("org key"), 1, staff, wraps);
        (blocks, total) = keys.orgKeyEventBlocks(1, 0, 10);
        assertEq(blocks, _list(60));
        (, total) = keys.orgKeyEventBlocks(2, 0, 10);
        assertEq(total, 0);
    }

    // ------------------------------------------------------------ Insurance

    function test_insurance_coversClaimsMandates() public {
        uint256 id = _createBook();
        uint256 claimId = _claimWithExpert(id);
        (uint256[] memory covered, uint256 total) = insurance.coversOf(INSURER, 0, 10);
        assertEq(covered, _list(id));
        (uint256[] memory claims,) = insurance.claimsOf(INSURER, 0, 10);
        assertEq(claims, _list(claimId));
        (uint256[] memory mandates,) = insurance.mandatesOf(expert, 0, 10);
        assertEq(mandates, _list(claimId));
        vm.prank(claimsHandler);
        insurance.mandateExpert(claimId, expert); // same expert again: listed once
        vm.prank(claimsHandler);
        insurance.mandateExpert(claimId, stranger);
        (mandates, total) = insurance.mandatesOf(expert, 0, 10);
        assertEq(total, 1, "a replaced expert keeps the claim listed; claim(id).expert tells");
        (mandates,) = insurance.mandatesOf(stranger, 0, 10);
        assertEq(mandates, _list(claimId));
        assertEq(insurance.claim(claimId).expert, stranger);

        // A second insurer joins; the owner moves the cover there.
        address otherAdmin = makeAddr("otherInsurerAdmin");
        _pass(
            IConsortium.ProposalAction.AddMember, abi.encode("Other Insurance", IConsortium.OrgKind.Insurer, otherAdmin)
        );
        vm.prank(owner);
        insurance.endCover(id);
        (, total) = insurance.coversOf(INSURER, 0, 10);
        assertEq(total, 1, "an ended cover stays listed (coverOf tells its status)");
        vm.prank(owner);
        insurance.requestCover(id, 5);
        (, total) = insurance.coversOf(INSURER, 0, 10);
        assertEq(total, 0);
        (covered,) = insurance.coversOf(5, 0, 10);
        assertEq(covered, _list(id));
    }

    // ------------------------------------------------------------ Consortium

    function test_consortium_staffOf() public {
        (address[] memory accounts, uint256 total) = consortium.staffOf(MAKER, 0, 10);
        assertEq(total, 4, "admin, dealer, workshop, telematics operator");
        assertEq(accounts[0], makerAdmin);
        vm.prank(makerAdmin);
        consortium.removeStaff(dealer);
        (accounts, total) = consortium.staffOf(MAKER, 0, 10);
        assertEq(total, 3);
        for (uint256 i; i < accounts.length; ++i) {
            assertTrue(accounts[i] != dealer);
        }
        vm.prank(makerAdmin);
        consortium.setStaff(workshop, Roles.DEALER); // a role change keeps one entry
        (, total) = consortium.staffOf(MAKER, 0, 10);
        assertEq(total, 3);
        (accounts, total) = consortium.staffOf(MAKER, 2, 10);
        assertEq(accounts.length, 1);
        (, total) = consortium.staffOf(99, 0, 10);
        assertEq(total, 0);
    }
}
