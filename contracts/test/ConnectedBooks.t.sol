// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Base} from "./Base.t.sol";
import {ICarBook} from "../src/interfaces/ICarBook.sol";
import {IConsortium} from "../src/interfaces/IConsortium.sol";
import {Roles} from "../src/Roles.sol";
import {Parameters} from "../src/Parameters.sol";
import {GovernedUpgradeable} from "../src/base/GovernedUpgradeable.sol";
import {CarBookExtension} from "../src/CarBookExtension.sol";

/// @notice Issue 13 item 8: a maker's connected blocks (`connectedBlocksOf`) and skipped readings its staff relayed,
/// findable in the book's `readingBlocks` without a scan.
contract ConnectedBooksTest is Base {
    uint32 internal constant OTHER_MAKER = 5;
    bytes3 internal constant OTHER_WMI = "1HG";
    address internal otherAdmin = makeAddr("otherMakerAdmin");
    address internal otherDealer = makeAddr("otherDealer");

    function setUp() public override {
        super.setUp();
        _pass(
            IConsortium.ProposalAction.AddMember,
            abi.encode("Honda Europe", IConsortium.OrgKind.Manufacturer, otherAdmin)
        );
        _pass(IConsortium.ProposalAction.SetParameter, abi.encode(Parameters.wmiHolderKey(OTHER_WMI), OTHER_MAKER));
        vm.prank(otherAdmin);
        consortium.setStaff(otherDealer, Roles.DEALER);
    }

    function _create(string memory vin, address key) internal returns (uint256 tokenId) {
        vm.prank(dealer);
        tokenId = carBook.createCarBook(WMI, keccak256(bytes(vin)), buyer, key, "");
    }

    function _connected(uint32 org) internal view returns (uint256[] memory blocks) {
        (blocks,) = carBook.connectedBlocksOf(org, 0, 100);
    }

    function _keyBlock(uint256 tokenId) internal view returns (uint256 blockNumber) {
        (,, blockNumber) = carBook.deviceKeyBlockOf(tokenId);
    }

    // ------------------------------------------------------------ the index (blocks of device key changes)

    function test_connectedBlocksOf_listsTheBlockOfACreationWithAKeyOnce() public {
        vm.roll(100);
        _create("A", device);
        _create("B", makeAddr("deviceB"));
        _create("C", address(0));
        vm.roll(101);
        _create("D", address(0));
        vm.roll(102);
        uint256 e = _create("E", makeAddr("deviceE"));
        uint256[] memory blocks = _connected(MAKER);
        assertEq(blocks.length, 2, "one entry per block; a creation without a key lists nothing");
        assertEq(blocks[0], 100);
        assertEq(blocks[1], 102);
        (, uint256 total) = carBook.connectedBlocksOf(MAKER, 0, 0);
        assertEq(total, 2);
        (uint32 maker, address key, uint256 keyBlock) = carBook.deviceKeyBlockOf(e);
        assertEq(maker, MAKER);
        assertEq(key, makeAddr("deviceE"));
        assertEq(keyBlock, 0, "never rotated: its creation is its newest key change");
    }

    function test_connectedBlocksOf_pages() public {
        for (uint256 i; i < 5; i++) {
            vm.roll(200 + i);
            _create(string(abi.encodePacked("car", i)), device);
        }
        (uint256[] memory page, uint256 total) = carBook.connectedBlocksOf(MAKER, 1, 3);
        assertEq(total, 5);
        assertEq(page.length, 3);
        assertEq(page[0], 201);
        assertEq(page[2], 203);
        (page,) = carBook.connectedBlocksOf(MAKER, 4, 3);
        assertEq(page.length, 1, "clamped to the end");
        assertEq(page[0], 204);
        (page, total) = carBook.connectedBlocksOf(MAKER, 9, 3);
        assertEq(page.length, 0, "past the end");
        assertEq(total, 5);
        (page, total) = carBook.connectedBlocksOf(OTHER_MAKER, 0, 10);
        assertEq(total, 0, "another maker's list is its own");
    }

    function test_connectedBlocksOf_rotationsFromOrToAKeyAreListed() public {
        vm.roll(300);
        uint256 tokenId = _create("A", address(0));
        vm.prank(dealer);
        carBook.rotateDeviceKey(tokenId, address(0));
        assertEq(_connected(MAKER).length, 0, "no key before nor after: nothing listed");
        assertEq(_keyBlock(tokenId), 0);
        vm.roll(301);
        vm.prank(telematicsOperator);
        carBook.rotateDeviceKey(tokenId, device);
        vm.prank(telematicsOperator);
        carBook.rotateDeviceKey(tokenId, makeAddr("newDevice"));
        vm.roll(302);
        vm.prank(dealer);
        carBook.rotateDeviceKey(tokenId, address(0));
        uint256[] memory blocks = _connected(MAKER);
        assertEq(blocks.length, 2, "two rotations in one block list it once");
        assertEq(blocks[0], 301);
        assertEq(blocks[1], 302, "a removed key is a key change too");
        assertEq(_keyBlock(tokenId), 302, "the newest key change");
    }

    function test_connectedBlocksOf_strangerCannotListABlock() public {
        uint256 tokenId = _create("A", address(0));
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookNotDeviceManager.selector, tokenId, stranger));
        carBook.rotateDeviceKey(tokenId, device);
        vm.prank(otherDealer);
        vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookNotDeviceManager.selector, tokenId, otherDealer));
        carBook.rotateDeviceKey(tokenId, device);
        assertEq(_connected(MAKER).length, 0);
        assertEq(_connected(OTHER_MAKER).length, 0);
    }

    /// The registry does not expose the extension's internal entries: only CarBook's own code runs them.
    function test_connectedBlocksOf_internalEntriesAreNotReachable() public {
        uint256 tokenId = _create("A", address(0));
        vm.prank(telematicsOperator);
        (bool ok,) = address(carBook).call(abi.encodeCall(CarBookExtension.indexSkippedReading, (tokenId)));
        assertFalse(ok, "indexSkippedReading is not a function of the registry");
        assertEq(_connected(MAKER).length, 0);
        (, uint256 total) = carBook.readingBlocks(tokenId, 0, 10);
        assertEq(total, 0);
    }

    /// Decision: a reassigned book leaves the wrong maker's cars (a reader filters by the current maker) and joins
    /// the right maker's when that maker registers its own device key (the reassignment cleared the key).
    function test_connectedBlocksOf_reassignMovesTheBookWhenTheNewMakerRegistersAKey() public {
        vm.roll(400);
        vm.prank(otherDealer);
        uint256 wrong = carBook.createCarBook(OTHER_WMI, VIN_COMMITMENT, buyer, device, "");
        vm.roll(401);
        _governCarBook(abi.encodeCall(ICarBook.reassignBook, (wrong, MAKER)));
        (uint32 maker, address key, uint256 keyBlock) = carBook.deviceKeyBlockOf(wrong);
        assertEq(maker, MAKER, "the reader drops it from the wrong maker's cars");
        assertEq(key, address(0));
        assertEq(keyBlock, 401, "no key change before the reassignment is its newest");
        assertEq(_connected(MAKER).length, 0, "no key yet: not connected for the new maker");
        vm.roll(402);
        vm.prank(telematicsOperator);
        carBook.rotateDeviceKey(wrong, device);
        uint256[] memory mine = _connected(MAKER);
        assertEq(mine.length, 1);
        assertEq(mine[0], 402);
        assertEq(_keyBlock(wrong), 402);
    }

    function test_backfillConnectedBlocks_isGovernanceOnly() public {
        vm.prank(makerAdmin);
        vm.expectRevert(abi.encodeWithSelector(GovernedUpgradeable.GovernedUpgradeOnlyGovernance.selector, makerAdmin));
        carBook.backfillConnectedBlocks(MAKER, _u32s(1, 2));
    }

    function test_backfillConnectedBlocks_pagesBeforeTheLiveListOnce() public {
        vm.roll(500);
        _create("A", device);
        vm.roll(600);
        _governCarBook(abi.encodeCall(ICarBook.backfillConnectedBlocks, (MAKER, _u32s(10, 20))));
        uint256[] memory blocks = _connected(MAKER);
        assertEq(blocks.length, 3);
        assertEq(blocks[0], 10, "restored blocks first");
        assertEq(blocks[1], 20);
        assertEq(blocks[2], 500);
        // Once per maker, strictly increasing, before the live list.
        vm.startPrank(address(consortium));
        vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookInvalidBackfill.selector, MAKER));
        carBook.backfillConnectedBlocks(MAKER, _u32s(1, 2));
        vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookInvalidBackfill.selector, OTHER_MAKER));
        carBook.backfillConnectedBlocks(OTHER_MAKER, _u32s(2, 1));
        vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookInvalidBackfill.selector, OTHER_MAKER));
        carBook.backfillConnectedBlocks(OTHER_MAKER, _u32s(10, 600)); // not before the current block
        vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookInvalidBackfill.selector, MAKER));
        carBook.backfillConnectedBlocks(MAKER, new uint32[](0));
        vm.stopPrank();
    }

    function _u32s(uint32 a, uint32 b) internal pure returns (uint32[] memory blocks) {
        blocks = new uint32[](2);
        blocks[0] = a;
        blocks[1] = b;
    }

    // ------------------------------------------------------------ skipped readings in readingBlocks

    function _submitAs(address relayer, ICarBook.TelematicsReading memory reading) internal returns (uint256) {
        vm.prank(relayer);
        return carBook.submitReadings(_batch(reading));
    }

    function test_skippedReading_relayedByTheMakersOperatorIsIndexed() public {
        uint256 tokenId = _create("A", device);
        vm.roll(100);
        vm.expectEmit(address(carBook));
        emit ICarBook.TelematicsReadingSkipped(tokenId, 0, ICarBook.ReadingSkipReason.BadSignature);
        assertEq(_submitAs(telematicsOperator, _reading(ownerKey, tokenId, 10, uint64(block.timestamp))), 0);
        (uint256[] memory blocks, uint256 total) = carBook.readingBlocks(tokenId, 0, 10);
        assertEq(total, 1);
        assertEq(blocks[0], 100);
    }

    function test_skippedReading_sameBlockAsAnAcceptedReadingIsListedOnce() public {
        uint256 tokenId = _create("A", device);
        vm.roll(100);
        ICarBook.TelematicsReading[] memory batch = new ICarBook.TelematicsReading[](3);
        batch[0] = _reading(deviceKey, tokenId, 10, uint64(block.timestamp));
        batch[1] = _reading(deviceKey, tokenId, 5, uint64(block.timestamp)); // NotNewer
        batch[2] = _reading(ownerKey, tokenId, 20, uint64(block.timestamp)); // BadSignature
        vm.prank(telematicsOperator);
        assertEq(carBook.submitReadings(batch), 1);
        vm.roll(101);
        assertEq(_submitAs(dealer, _reading(ownerKey, tokenId, 30, uint64(block.timestamp))), 0);
        vm.roll(102);
        assertEq(_submitAs(makerAdmin, _reading(ownerKey, tokenId, 30, uint64(block.timestamp))), 0);
        (uint256[] memory blocks, uint256 total) = carBook.readingBlocks(tokenId, 0, 10);
        assertEq(total, 3, "one entry per block, skips and readings alike");
        assertEq(blocks[0], 100);
        assertEq(blocks[1], 101);
        assertEq(blocks[2], 102);
    }

    function test_skippedReading_relayedByAStrangerIsEmittedButNotIndexed() public {
        uint256 tokenId = _create("A", device);
        vm.expectEmit(address(carBook));
        emit ICarBook.TelematicsReadingSkipped(tokenId, 0, ICarBook.ReadingSkipReason.BadSignature);
        _submitAs(stranger, _reading(ownerKey, tokenId, 10, uint64(block.timestamp)));
        _submitAs(otherDealer, _reading(ownerKey, tokenId, 10, uint64(block.timestamp)));
        // An official workshop is maker staff but relays no readings.
        _submitAs(workshop, _reading(ownerKey, tokenId, 10, uint64(block.timestamp)));
        (, uint256 total) = carBook.readingBlocks(tokenId, 0, 10);
        assertEq(total, 0, "a stranger cannot grow a book's list");
    }

    function test_skippedReading_ofAMissingBookIsNotIndexed() public {
        uint256 missing = uint256(keccak256("missing"));
        _submitAs(telematicsOperator, _reading(deviceKey, missing, 10, uint64(block.timestamp)));
        (, uint256 total) = carBook.readingBlocks(missing, 0, 10);
        assertEq(total, 0);
    }
}
