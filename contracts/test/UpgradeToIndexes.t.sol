// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {GovernedUpgradeable} from "../src/base/GovernedUpgradeable.sol";
import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";
import {Base} from "./Base.t.sol";
import {Consortium} from "../src/Consortium.sol";
import {CarBook} from "../src/CarBook.sol";
import {Insurance} from "../src/Insurance.sol";
import {KeyRegistry} from "../src/KeyRegistry.sol";
import {ICarBook} from "../src/interfaces/ICarBook.sol";
import {IConsortium} from "../src/interfaces/IConsortium.sol";
import {IBookEventIndex} from "../src/interfaces/IBookEventIndex.sol";
import {Roles} from "../src/Roles.sol";
import {Parameters} from "../src/Parameters.sol";
import {ConsortiumV1} from "./upgrades/v1/ConsortiumV1.sol";
import {IConsortiumV1} from "./upgrades/v1/IConsortiumV1.sol";
import {ICarBookV1} from "./upgrades/v1/ICarBookV1.sol";
import {CarBookV1} from "./upgrades/v1/CarBookV1.sol";
import {InsuranceV1} from "./upgrades/v1/InsuranceV1.sol";
import {KeyRegistryV1} from "./upgrades/v1/KeyRegistryV1.sol";

/// @notice A consortium deployed before the read indexes upgrades to them through governance: books, covers,
/// claims, share keys and staff written before still read correctly once backfilled (block lists, by
/// governance) or listed (lists whose content is state, by anyone); events after the upgrade are indexed at once.
contract UpgradeToIndexesTest is Base {
    KeyRegistry internal keys;
    uint256 internal bookA;
    uint256 internal bookB;
    bytes32 internal constant SHARE = keccak256("share link key");

    function setUp() public override {
        vm.warp(START);
        vm.roll(1);
        (owner, ownerKey) = makeAddrAndKey("owner");
        (workshop, workshopKey) = makeAddrAndKey("workshop");
        (device, deviceKey) = makeAddrAndKey("device");
        IConsortiumV1.Founder[] memory founders = new IConsortiumV1.Founder[](4);
        founders[0] = IConsortiumV1.Founder("Volta Motors", IConsortiumV1.OrgKind.Manufacturer, makerAdmin);
        founders[1] = IConsortiumV1.Founder("Assura", IConsortiumV1.OrgKind.Insurer, insurerAdmin);
        founders[2] = IConsortiumV1.Founder("Archiva", IConsortiumV1.OrgKind.ArchivingService, archiveAdmin);
        founders[3] = IConsortiumV1.Founder("Recyclo", IConsortiumV1.OrgKind.Recycler, recyclerAdmin);
        IConsortiumV1.ParameterValue[] memory params = new IConsortiumV1.ParameterValue[](0);
        consortium = Consortium(
            address(
                new ERC1967Proxy(
                    address(new ConsortiumV1()), abi.encodeCall(ConsortiumV1.initialize, (founders, params))
                )
            )
        );
        IConsortium c = IConsortium(address(consortium));
        carBook =
            CarBook(address(new ERC1967Proxy(address(new CarBookV1()), abi.encodeCall(CarBookV1.initialize, (c)))));
        insurance = Insurance(
            address(
                new ERC1967Proxy(
                    address(new InsuranceV1()), abi.encodeCall(InsuranceV1.initialize, (c, CarBook(address(carBook))))
                )
            )
        );
        keys = KeyRegistry(
            address(
                new ERC1967Proxy(
                    address(new KeyRegistryV1()),
                    abi.encodeCall(KeyRegistryV1.initialize, (c, ICarBook(address(carBook))))
                )
            )
        );
        _pass(IConsortium.ProposalAction.SetParameter, abi.encode(Parameters.INSURANCE_REGISTRY, address(insurance)));
        vm.startPrank(makerAdmin);
        consortium.setStaff(dealer, Roles.DEALER);
        consortium.setStaff(workshop, Roles.OFFICIAL_WORKSHOP);
        vm.stopPrank();
        vm.prank(insurerAdmin);
        consortium.setStaff(claimsHandler, Roles.CLAIMS_HANDLER);

        // Life before the indexes: blocks 10 to 13.
        vm.roll(10);
        // V1's creation: the id is the VIN digest itself (no WMI binding yet).
        vm.prank(dealer);
        bookA = CarBookV1(address(carBook)).createCarBook(VIN_COMMITMENT, owner, device, "ipfs://model");
        vm.roll(11);
        _append(owner, bookA, 1_000);
        vm.prank(dealer);
        bookB = CarBookV1(address(carBook)).createCarBook(keccak256("B"), owner, address(0), "");
        vm.roll(12);
        vm.prank(owner);
        carBook.transferFrom(owner, buyer, bookB);
        _claimWithExpert(bookA);
        vm.roll(13);
        uint32[] memory none = new uint32[](0);
        vm.prank(buyer);
        keys.addShareKey(bookB, SHARE, none, new bytes[](0));
    }

    function _upgradeAll() internal {
        vm.roll(20);
        bytes memory init = abi.encodeWithSignature("initializeIndexes()");
        _pass(IConsortium.ProposalAction.UpgradeContract, abi.encode(address(carBook), address(new CarBook()), init));
        _pass(IConsortium.ProposalAction.UpgradeContract, abi.encode(address(keys), address(new KeyRegistry()), init));
        _pass(
            IConsortium.ProposalAction.UpgradeContract, abi.encode(address(insurance), address(new Insurance()), init)
        );
        _pass(
            IConsortium.ProposalAction.UpgradeContract, abi.encode(address(consortium), address(new Consortium()), "")
        );
    }

    /// @dev Governance runs a backfill through a same-implementation `upgradeToAndCall` (the consortium's only
    /// way to call a registry).
    function _backfill(address registry, uint256 tokenId, uint32[] memory blocks) internal {
        bytes memory call = abi.encodeCall(IBookEventIndex.backfillBookEventBlocks, (tokenId, blocks));
        _pass(IConsortium.ProposalAction.UpgradeContract, abi.encode(registry, _implementation(registry), call));
    }

    function _implementation(address proxy) internal view returns (address) {
        // ERC-1967 implementation slot.
        return
            address(
                uint160(uint256(vm.load(proxy, 0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc)))
            );
    }

    function _u32(uint32 a, uint32 b) internal pure returns (uint32[] memory l) {
        l = new uint32[](2);
        (l[0], l[1]) = (a, b);
    }

    function test_upgrade_legacyBooksReadCorrectlyAfterBackfill() public {
        ICarBook.Book memory before = carBook.book(bookA);
        bytes32 headBefore = carBook.historyHead(bookA);
        _upgradeAll();
        assertEq(carBook.indexStartBlock(), 20);
        assertEq(keys.indexStartBlock(), 20);
        assertEq(insurance.indexStartBlock(), 20);
        assertEq(keccak256(abi.encode(carBook.book(bookA))), keccak256(abi.encode(before)), "state unchanged");
        assertEq(carBook.historyHead(bookA), headBefore);

        // Before the backfill a legacy book has no list, and its owner's list shows a zero where it sits.
        (, uint256 total) = carBook.bookEventBlocks(bookA, 0, 10);
        assertEq(total, 0);
        (uint256[] memory held,) = carBook.booksOf(owner, 0, 10);
        assertEq(held.length, 1);
        assertEq(held[0], 0);

        // A legacy book moves before being backfilled: both lists stay consistent.
        vm.roll(21);
        vm.prank(owner);
        carBook.transferFrom(owner, buyer, bookA);
        (held, total) = carBook.booksOf(owner, 0, 10);
        assertEq(total, 0);
        (held,) = carBook.booksOf(buyer, 0, 10);
        assertEq(held.length, 2);
        assertEq(held[0], 0, "bookB, minted before the upgrade, still unlisted");
        assertEq(held[1], bookA);

        // Governance backfills: the legacy blocks come first, then what the index recorded since.
        _backfill(address(carBook), bookA, _u32(10, 11));
        _backfill(address(carBook), bookB, _u32(11, 12));
        (uint256[] memory blocks, uint256 n) = carBook.bookEventBlocks(bookA, 0, 10);
        assertEq(n, 3);
        assertEq(blocks[0], 10);
        assertEq(blocks[1], 11);
        assertEq(blocks[2], 21);
        (held,) = carBook.booksOf(buyer, 0, 10);
        assertEq(held[0], bookB, "the backfill lists the book where its zero was");
        assertEq(held[1], bookA);

        // Records after the upgrade extend the same hash chain.
        vm.roll(22);
        vm.prank(buyer);
        carBook.appendRecord(bookA, 2_000, ICarBook.RecordKind.Service, bytes32(0), hex"c0ffee");
        bytes32 expected = keccak256(
            abi.encode(
                headBefore,
                bookA,
                uint32(1),
                buyer,
                uint32(0),
                ICarBook.RecordKind.Service,
                uint64(2_000),
                uint64(block.timestamp),
                bytes32(0),
                keccak256(hex"c0ffee")
            )
        );
        assertEq(carBook.historyHead(bookA), expected);
        (, n) = carBook.bookEventBlocks(bookA, 0, 10);
        assertEq(n, 4);
    }

    /// Device key changes from before the connected-cars index reach their maker's connected blocks by a governance
    /// backfill (the blocks, which a client then reads like the live ones), paged before the live list.
    function test_upgrade_connectedBlocksBackfilledByGovernance() public {
        _upgradeAll();
        (, uint256 total) = carBook.connectedBlocksOf(MAKER, 0, 10);
        assertEq(total, 0, "key changes from before the index are not listed by the upgrade");
        (uint32 maker, address key, uint256 keyBlock) = carBook.deviceKeyBlockOf(bookA);
        assertEq(maker, MAKER);
        assertEq(key, carBook.deviceKey(bookA));
        assertEq(keyBlock, 0, "no rotation since the index");
        uint32[] memory blocks = new uint32[](1);
        blocks[0] = 10; // bookA's creation with a device key
        vm.prank(makerAdmin);
        vm.expectRevert(abi.encodeWithSelector(GovernedUpgradeable.GovernedUpgradeOnlyGovernance.selector, makerAdmin));
        carBook.backfillConnectedBlocks(MAKER, blocks);
        bytes memory call = abi.encodeCall(ICarBook.backfillConnectedBlocks, (MAKER, blocks));
        _pass(
            IConsortium.ProposalAction.UpgradeContract,
            abi.encode(address(carBook), _implementation(address(carBook)), call)
        );
        uint256[] memory listed;
        (listed, total) = carBook.connectedBlocksOf(MAKER, 0, 10);
        assertEq(total, 1);
        assertEq(listed[0], 10);
        // A rotation after the backfill lists its own block after the restored ones.
        vm.roll(30);
        vm.prank(dealer);
        carBook.rotateDeviceKey(bookA, makeAddr("new device"));
        (listed, total) = carBook.connectedBlocksOf(MAKER, 0, 10);
        assertEq(total, 2);
        assertEq(listed[1], 30);
        (,, keyBlock) = carBook.deviceKeyBlockOf(bookA);
        assertEq(keyBlock, 30);
    }

    function test_upgrade_backfillIsGovernanceOnlyOnceAndBeforeTheUpgrade() public {
        _upgradeAll();
        vm.prank(makerAdmin);
        vm.expectRevert(abi.encodeWithSelector(GovernedUpgradeable.GovernedUpgradeOnlyGovernance.selector, makerAdmin));
        carBook.backfillBookEventBlocks(bookA, _u32(10, 11));
        vm.startPrank(address(consortium));
        vm.expectRevert(abi.encodeWithSelector(IBookEventIndex.IndexBackfillInvalid.selector, bookA));
        carBook.backfillBookEventBlocks(bookA, _u32(11, 10)); // not increasing
        vm.expectRevert(abi.encodeWithSelector(IBookEventIndex.IndexBackfillInvalid.selector, bookA));
        carBook.backfillBookEventBlocks(bookA, _u32(10, 20)); // not before the upgrade
        carBook.backfillBookEventBlocks(bookA, _u32(10, 11));
        vm.expectRevert(abi.encodeWithSelector(IBookEventIndex.IndexBackfillInvalid.selector, bookA));
        carBook.backfillBookEventBlocks(bookA, _u32(10, 11)); // once
        vm.expectRevert(); // the reinitializer ran
        carBook.initializeIndexes();
        vm.stopPrank();
    }

    /// @dev Issue 14: a deployment from before the shard rule is one shard, until governance sets its rule.
    function test_upgrade_legacyDeploymentIsOneShardUntilGovernanceSetsTheRule() public {
        _upgradeAll();
        (uint256 index, uint256 count) = carBook.shardRule();
        assertEq(index, 0);
        assertEq(count, 1);
        _pass(IConsortium.ProposalAction.SetParameter, abi.encode(Parameters.wmiHolderKey(WMI), MAKER));
        bytes memory call = abi.encodeCall(ICarBook.setShardRule, (0, 2));
        _pass(
            IConsortium.ProposalAction.UpgradeContract,
            abi.encode(address(carBook), _implementation(address(carBook)), call)
        );
        (index, count) = carBook.shardRule();
        assertEq(count, 2);
        assertEq(_implementation(address(carBook)).code.length > 0, true);
    }

    function test_upgrade_legacyBooksStayValidUnderTheWmiBinding() public {
        _upgradeAll();
        _pass(IConsortium.ProposalAction.SetParameter, abi.encode(Parameters.wmiHolderKey(WMI), MAKER));
        assertEq(bookA, uint256(VIN_COMMITMENT), "a V1 book's id is the VIN digest");
        _append(workshop, bookA, 2_000);
        assertEq(carBook.book(bookA).mileage, 2_000);
        // The same car cannot get a second book under the new id scheme...
        vm.prank(dealer);
        vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookAlreadyExists.selector, bookA));
        carBook.createCarBook(WMI, VIN_COMMITMENT, owner, device, "");
        // ...unless governance voided the legacy book (e.g. created by another maker before the binding).
        bytes memory call = abi.encodeCall(ICarBook.voidBook, (bookA));
        _pass(
            IConsortium.ProposalAction.UpgradeContract,
            abi.encode(address(carBook), _implementation(address(carBook)), call)
        );
        vm.prank(dealer);
        assertEq(carBook.createCarBook(WMI, VIN_COMMITMENT, owner, device, ""), TOKEN);
    }

    function test_upgrade_otherRegistriesListLegacyState() public {
        _upgradeAll();
        // KeyRegistry: block list by governance, share keys by anyone (only live ones).
        _backfill(address(keys), bookB, _single(13));
        (uint256[] memory blocks, uint256 n) = keys.bookEventBlocks(bookB, 0, 10);
        assertEq(n, 1);
        assertEq(blocks[0], 13);
        (, n) = keys.shareKeysOf(bookB, 0, 10);
        assertEq(n, 0);
        bytes32[] memory candidates = new bytes32[](2);
        (candidates[0], candidates[1]) = (SHARE, keccak256("never added"));
        vm.prank(stranger);
        keys.indexLegacyShareKeys(bookB, candidates);
        bytes32[] memory live;
        (live, n) = keys.shareKeysOf(bookB, 0, 10);
        assertEq(n, 1);
        assertEq(live[0], SHARE);

        // Insurance: claims, mandates and covers from state, by anyone.
        (, n) = insurance.claimsOf(INSURER, 0, 10);
        assertEq(n, 0);
        uint256[] memory books = new uint256[](1);
        books[0] = bookA;
        vm.prank(stranger);
        insurance.indexLegacy(10, books);
        vm.prank(stranger);
        insurance.indexLegacy(10, books); // idempotent
        uint256[] memory ids;
        (ids, n) = insurance.claimsOf(INSURER, 0, 10);
        assertEq(n, 1);
        assertEq(ids[0], 1);
        (ids, n) = insurance.mandatesOf(expert, 0, 10);
        assertEq(n, 1);
        (ids, n) = insurance.coversOf(INSURER, 0, 10);
        assertEq(n, 1);
        assertEq(ids[0], bookA);

        // Consortium: staff from state, by anyone; a stranger is not listed.
        (, n) = consortium.staffOf(MAKER, 0, 10);
        assertEq(n, 0);
        address[] memory accounts = new address[](4);
        (accounts[0], accounts[1], accounts[2], accounts[3]) = (makerAdmin, dealer, workshop, stranger);
        consortium.indexLegacyStaff(accounts);
        (, n) = consortium.staffOf(MAKER, 0, 10);
        assertEq(n, 3);
    }

    /// A V1 deployment's readings (`TelematicsReadingRecorded` without a head, no list) are not in the readings'
    /// chain: after the upgrade the book's first reading starts it from zero, linked from block 0, and lists nothing
    /// in `readingBlocks`.
    function test_upgrade_v1ReadingsThenTheReadingChainFromZero() public {
        vm.roll(14);
        vm.warp(START + 1 days);
        ICarBook.TelematicsReading[] memory batch = _batch(_reading(deviceKey, bookA, 1_500, uint64(START + 1 hours)));
        vm.expectEmit(address(carBook));
        emit ICarBookV1.TelematicsReadingRecorded(bookA, 1_500, uint64(START + 1 hours));
        assertEq(carBook.submitReadings(batch), 1);
        _upgradeAll();
        assertEq(carBook.readingsHead(bookA), bytes32(0), "V1 readings have no head");
        vm.roll(21);
        batch = _batch(_reading(deviceKey, bookA, 1_600, uint64(START + 2 hours)));
        bytes32 head = _readingStep(bytes32(0), bookA, 1_600, uint64(START + 2 hours));
        vm.expectEmit(address(carBook));
        emit ICarBook.TelematicsReadingAppended(bookA, 1_600, uint64(START + 2 hours), head, 0);
        assertEq(carBook.submitReadings(batch), 1);
        assertEq(carBook.readingsHead(bookA), head);
        (, uint256 newestBlock, uint256 count) = carBook.readingChain(bookA);
        assertEq(newestBlock, 21);
        assertEq(count, 1);
        (, uint256 total) = carBook.readingBlocks(bookA, 0, 10);
        assertEq(total, 0);
        assertEq(carBook.book(bookA).mileage, 1_600);
    }

    function _single(uint32 a) internal pure returns (uint32[] memory l) {
        l = new uint32[](1);
        l[0] = a;
    }
}
