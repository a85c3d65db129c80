// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Base} from "./Base.t.sol";
import {ICarBook} from "../src/interfaces/ICarBook.sol";
import {IConsortium} from "../src/interfaces/IConsortium.sol";
import {Roles} from "../src/Roles.sol";
import {Parameters} from "../src/Parameters.sol";
import {GovernedUpgradeable} from "../src/base/GovernedUpgradeable.sol";
import {CarBookExtension} from "../src/CarBookExtension.sol";

/// @notice Issue 13 item 8: a maker's connected books (`connectedBooksOf`) and skipped readings its staff relayed,
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

    function _connected(uint32 org) internal view returns (uint256[] memory ids) {
        (ids,) = carBook.connectedBooksOf(org, 0, 100);
    }

    // ------------------------------------------------------------ the index

    function test_connectedBooksOf_listsABookCreatedWithADeviceKeyOnce() public {
        uint256 a = _create("A", device);
        uint256 b = _create("B", address(0));
        uint256 c = _create("C", makeAddr("deviceC"));
        uint256[] memory ids = _connected(MAKER);
        assertEq(ids.length, 2, "a book created without a key is not connected");
        assertEq(ids[0], a);
        assertEq(ids[1], c);
        (, uint256 total) = carBook.connectedBooksOf(MAKER, 0, 0);
        assertEq(total, 2);
        (ids,) = carBook.connectedBooksOf(MAKER, 0, 100);
        assertTrue(ids[0] != b && ids[1] != b);
    }

    function test_connectedBooksOf_pages() public {
        uint256[] memory made = new uint256[](5);
        for (uint256 i; i < 5; i++) {
            made[i] = _create(string(abi.encodePacked("car", i)), device);
        }
        (uint256[] memory page, uint256 total) = carBook.connectedBooksOf(MAKER, 1, 3);
        assertEq(total, 5);
        assertEq(page.length, 3);
        assertEq(page[0], made[1]);
        assertEq(page[2], made[3]);
        (page,) = carBook.connectedBooksOf(MAKER, 4, 3);
        assertEq(page.length, 1, "clamped to the end");
        assertEq(page[0], made[4]);
        (page, total) = carBook.connectedBooksOf(MAKER, 9, 3);
        assertEq(page.length, 0, "past the end");
        assertEq(total, 5);
        (page, total) = carBook.connectedBooksOf(OTHER_MAKER, 0, 10);
        assertEq(total, 0, "another maker's list is its own");
    }

    function test_connectedBooksOf_firstRotationListsOnceAndRemovalKeepsTheBook() public {
        uint256 tokenId = _create("A", address(0));
        assertEq(_connected(MAKER).length, 0);
        vm.prank(telematicsOperator);
        carBook.rotateDeviceKey(tokenId, device);
        assertEq(_connected(MAKER).length, 1, "the first device key lists the book");
        vm.prank(telematicsOperator);
        carBook.rotateDeviceKey(tokenId, makeAddr("newDevice"));
        vm.prank(dealer);
        carBook.rotateDeviceKey(tokenId, address(0));
        assertEq(_connected(MAKER).length, 1, "a removed key keeps the book listed");
        vm.prank(makerAdmin);
        carBook.rotateDeviceKey(tokenId, device);
        uint256[] memory ids = _connected(MAKER);
        assertEq(ids.length, 1, "listed once whatever the rotations");
        assertEq(ids[0], tokenId);
        assertEq(carBook.deviceKey(tokenId), device);
    }

    function test_connectedBooksOf_creationWithKeyThenRotationDoesNotRelist() public {
        uint256 tokenId = _create("A", device);
        vm.prank(telematicsOperator);
        carBook.rotateDeviceKey(tokenId, makeAddr("newDevice"));
        assertEq(_connected(MAKER).length, 1);
    }

    function test_connectedBooksOf_strangerCannotListABook() public {
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
    function test_connectedBooksOf_internalEntriesAreNotReachable() public {
        uint256 tokenId = _create("A", address(0));
        vm.prank(makerAdmin);
        (bool ok,) = address(carBook).call(abi.encodeCall(CarBookExtension.listConnectedBook, (tokenId)));
        assertFalse(ok, "listConnectedBook is not a function of the registry");
        vm.prank(telematicsOperator);
        (ok,) = address(carBook).call(abi.encodeCall(CarBookExtension.indexSkippedReading, (tokenId)));
        assertFalse(ok, "indexSkippedReading is not a function of the registry");
        assertEq(_connected(MAKER).length, 0);
        (, uint256 total) = carBook.readingBlocks(tokenId, 0, 10);
        assertEq(total, 0);
    }

    /// Decision: a reassigned book leaves the wrong maker's list (it is not its car) and joins the right maker's
    /// when that maker registers its own device key (the reassignment cleared the key).
    function test_connectedBooksOf_reassignMovesTheBookWhenTheNewMakerRegistersAKey() public {
        vm.prank(otherDealer);
        uint256 wrong = carBook.createCarBook(OTHER_WMI, VIN_COMMITMENT, buyer, device, "");
        vm.prank(otherDealer);
        uint256 kept = carBook.createCarBook(OTHER_WMI, keccak256("kept"), buyer, device, "");
        assertEq(_connected(OTHER_MAKER).length, 2);
        _governCarBook(abi.encodeCall(ICarBook.reassignBook, (wrong, MAKER)));
        uint256[] memory others = _connected(OTHER_MAKER);
        assertEq(others.length, 1, "the wrong maker's list loses the book");
        assertEq(others[0], kept, "the last entry took its place");
        assertEq(_connected(MAKER).length, 0, "no key yet: not connected for the new maker");
        vm.prank(telematicsOperator);
        carBook.rotateDeviceKey(wrong, device);
        uint256[] memory mine = _connected(MAKER);
        assertEq(mine.length, 1);
        assertEq(mine[0], wrong);
        // Back to the first maker (another remedy): it lists the book again with its own key, once.
        _governCarBook(abi.encodeCall(ICarBook.reassignBook, (wrong, OTHER_MAKER)));
        assertEq(_connected(MAKER).length, 0);
        vm.prank(otherDealer);
        carBook.rotateDeviceKey(wrong, device);
        assertEq(_connected(OTHER_MAKER).length, 2);
    }

    function test_connectedBooksOf_reassignOfTheOnlyEntryEmptiesTheList() public {
        vm.prank(otherDealer);
        uint256 wrong = carBook.createCarBook(OTHER_WMI, VIN_COMMITMENT, buyer, device, "");
        _governCarBook(abi.encodeCall(ICarBook.reassignBook, (wrong, MAKER)));
        (, uint256 total) = carBook.connectedBooksOf(OTHER_MAKER, 0, 10);
        assertEq(total, 0);
    }

    function test_backfillConnectedBooks_isGovernanceOnly() public {
        uint256 tokenId = _create("A", device);
        vm.prank(makerAdmin);
        vm.expectRevert(abi.encodeWithSelector(GovernedUpgradeable.GovernedUpgradeOnlyGovernance.selector, makerAdmin));
        carBook.backfillConnectedBooks(_one(tokenId));
    }

    function test_backfillConnectedBooks_listsOnlyUnlistedBooksWithAKey() public {
        uint256 listed = _create("A", device);
        uint256 keyless = _create("B", address(0));
        uint256[] memory ids = new uint256[](3);
        ids[0] = listed;
        ids[1] = keyless;
        ids[2] = uint256(keccak256("no such book"));
        _governCarBook(abi.encodeCall(ICarBook.backfillConnectedBooks, (ids)));
        uint256[] memory connected = _connected(MAKER);
        assertEq(connected.length, 1, "already listed, keyless and missing books are ignored");
        assertEq(connected[0], listed);
    }

    function _one(uint256 id) internal pure returns (uint256[] memory ids) {
        ids = new uint256[](1);
        ids[0] = id;
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
