// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {GovernedUpgradeable} from "../src/base/GovernedUpgradeable.sol";
import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";
import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {Base} from "./Base.t.sol";
import {KeyRegistry} from "../src/KeyRegistry.sol";
import {IKeyRegistry} from "../src/interfaces/IKeyRegistry.sol";
import {IConsortium} from "../src/interfaces/IConsortium.sol";

/// @notice Reading keys, organisation keys, and who may publish a book's epoch-key wraps (and when an epoch starts).
contract KeyRegistryTest is Base {
    KeyRegistry internal keys;
    uint256 internal tokenId;

    bytes32 internal constant OWNER_KEY = bytes32(uint256(0xa11ce));
    bytes32 internal constant MAKER_ORG_KEY = bytes32(uint256(0x0a0a));
    bytes32 internal constant WORKSHOP_KEY = bytes32(uint256(0xb0b));
    bytes32 internal constant SHARE_KEY = bytes32(uint256(0x5aa5e));

    function setUp() public override {
        super.setUp();
        keys = KeyRegistry(
            address(
                new ERC1967Proxy(
                    address(new KeyRegistry()), abi.encodeCall(KeyRegistry.initialize, (consortium, carBook))
                )
            )
        );
        tokenId = _createBook();
    }

    // ------------------------------------------------------------ helpers

    /// @dev A well-formed v1 wrap (137 bytes, version 0x01); its content is opaque to the contract.
    function _wrap(uint8 fill) internal pure returns (bytes memory w) {
        w = new bytes(137);
        w[0] = 0x01;
        for (uint256 i = 1; i < 137; ++i) {
            w[i] = bytes1(fill);
        }
    }

    function _one(bytes32 key) internal pure returns (bytes32[] memory list) {
        list = new bytes32[](1);
        list[0] = key;
    }

    function _oneWrap(bytes memory w) internal pure returns (bytes[] memory list) {
        list = new bytes[](1);
        list[0] = w;
    }

    function _publish(address by, uint32 epoch, bytes32 reader) internal {
        vm.prank(by);
        keys.publishEpochWraps(tokenId, epoch, _one(reader), _oneWrap(_wrap(uint8(epoch))));
    }

    /// @dev The owner registers OWNER_KEY, the maker publishes MAKER_ORG_KEY (the book's first readers).
    function _registerReaders() internal {
        vm.prank(owner);
        keys.registerReadingKey(OWNER_KEY);
        (address[] memory staff, bytes[] memory wraps) = _staffOfMaker();
        vm.prank(makerAdmin);
        keys.publishOrgKey(MAKER_ORG_KEY, 1, staff, wraps);
    }

    function _expectNotPublisher(address account) internal {
        vm.expectRevert(abi.encodeWithSelector(IKeyRegistry.KeyRegistryNotBookKeyPublisher.selector, tokenId, account));
        vm.prank(account);
        keys.publishEpochWraps(tokenId, 0, _one(OWNER_KEY), _oneWrap(_wrap(1)));
    }

    // ------------------------------------------------------------ proxy and upgrades

    function test_initialize_implementationIsLocked() public {
        KeyRegistry impl = new KeyRegistry();
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        impl.initialize(consortium, carBook);
    }

    function test_initialize_onlyOnce() public {
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        keys.initialize(consortium, carBook);
        assertEq(keys.consortium(), address(consortium));
        assertEq(keys.carBook(), address(carBook));
    }

    function test_upgradeToAndCall_refusedOutsideGovernance() public {
        address next = address(new KeyRegistry());
        vm.expectRevert(abi.encodeWithSelector(GovernedUpgradeable.GovernedUpgradeOnlyGovernance.selector, makerAdmin));
        vm.prank(makerAdmin);
        keys.upgradeToAndCall(next, "");
    }

    function test_upgradeToAndCall_byVoteKeepsState() public {
        vm.prank(owner);
        keys.registerReadingKey(OWNER_KEY);
        _publish(owner, 0, OWNER_KEY);
        address next = address(new KeyRegistry());
        _pass(IConsortium.ProposalAction.UpgradeContract, abi.encode(address(keys), next, bytes("")));
        bytes32 slot = 0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc;
        assertEq(address(uint160(uint256(vm.load(address(keys), slot)))), next);
        assertEq(keys.readingKeyOf(owner).publicKey, OWNER_KEY);
        (bool started, uint32 epoch) = keys.currentEpoch(tokenId);
        assertTrue(started);
        assertEq(epoch, 0);
    }

    // ------------------------------------------------------------ reading keys

    function test_registerReadingKey_storesKeyAndVersion() public {
        vm.expectEmit(address(keys));
        emit IKeyRegistry.ReadingKeyRegistered(owner, OWNER_KEY, 1);
        vm.prank(owner);
        keys.registerReadingKey(OWNER_KEY);
        IKeyRegistry.ReadingKey memory k = keys.readingKeyOf(owner);
        assertEq(k.publicKey, OWNER_KEY);
        assertEq(k.version, 1);
    }

    function test_registerReadingKey_reRegistrationBumpsVersion() public {
        vm.startPrank(owner);
        keys.registerReadingKey(OWNER_KEY);
        vm.expectEmit(address(keys));
        emit IKeyRegistry.ReadingKeyRegistered(owner, WORKSHOP_KEY, 2);
        keys.registerReadingKey(WORKSHOP_KEY);
        vm.stopPrank();
        assertEq(keys.readingKeyOf(owner).publicKey, WORKSHOP_KEY);
        assertEq(keys.readingKeyOf(owner).version, 2);
        assertEq(keys.readingKeyOf(stranger).version, 0);
    }

    function test_registerReadingKey_zeroKeyRefused() public {
        vm.expectRevert(IKeyRegistry.KeyRegistryInvalidPublicKey.selector);
        vm.prank(owner);
        keys.registerReadingKey(bytes32(0));
    }

    // ------------------------------------------------------------ organisation keys

    function _staffOfMaker() internal view returns (address[] memory staff, bytes[] memory wraps) {
        staff = new address[](2);
        staff[0] = makerAdmin;
        staff[1] = workshop;
        wraps = new bytes[](2);
        wraps[0] = _wrap(7);
        wraps[1] = _wrap(8);
    }

    function test_publishOrgKey_adminPublishesKeyAndStaffWraps() public {
        (address[] memory staff, bytes[] memory wraps) = _staffOfMaker();
        vm.expectEmit(address(keys));
        emit IKeyRegistry.OrgKeyPublished(MAKER, MAKER_ORG_KEY, 1, makerAdmin);
        vm.expectEmit(address(keys));
        emit IKeyRegistry.OrgKeyWrapped(MAKER, 1, makerAdmin, wraps[0]);
        vm.expectEmit(address(keys));
        emit IKeyRegistry.OrgKeyWrapped(MAKER, 1, workshop, wraps[1]);
        vm.prank(makerAdmin);
        keys.publishOrgKey(MAKER_ORG_KEY, 1, staff, wraps);
        IKeyRegistry.OrgKey memory k = keys.orgKeyOf(MAKER);
        assertEq(k.publicKey, MAKER_ORG_KEY);
        assertEq(k.keyVersion, 1);
    }

    function test_publishOrgKey_rotationNeedsNextVersion() public {
        (address[] memory staff, bytes[] memory wraps) = _staffOfMaker();
        vm.startPrank(makerAdmin);
        keys.publishOrgKey(MAKER_ORG_KEY, 1, staff, wraps);
        vm.expectRevert(abi.encodeWithSelector(IKeyRegistry.KeyRegistryOrgKeyVersionNotNext.selector, MAKER, 1, 2));
        keys.publishOrgKey(WORKSHOP_KEY, 1, staff, wraps);
        keys.publishOrgKey(WORKSHOP_KEY, 2, staff, wraps);
        vm.stopPrank();
        assertEq(keys.orgKeyOf(MAKER).keyVersion, 2);
        assertEq(keys.orgKeyOf(MAKER).publicKey, WORKSHOP_KEY);
    }

    function test_publishOrgKey_staffMemberIsNotAdmin() public {
        (address[] memory staff, bytes[] memory wraps) = _staffOfMaker();
        vm.expectRevert(abi.encodeWithSelector(IKeyRegistry.KeyRegistryNotOrgAdmin.selector, dealer));
        vm.prank(dealer);
        keys.publishOrgKey(MAKER_ORG_KEY, 1, staff, wraps);
    }

    function test_publishOrgKey_strangerIsNotAdmin() public {
        (address[] memory staff, bytes[] memory wraps) = _staffOfMaker();
        vm.expectRevert(abi.encodeWithSelector(IKeyRegistry.KeyRegistryNotOrgAdmin.selector, stranger));
        vm.prank(stranger);
        keys.publishOrgKey(MAKER_ORG_KEY, 1, staff, wraps);
    }

    function test_publishOrgKey_wrapForAnotherOrgsStaffRefused() public {
        (address[] memory staff, bytes[] memory wraps) = _staffOfMaker();
        staff[1] = claimsHandler;
        vm.expectRevert(abi.encodeWithSelector(IKeyRegistry.KeyRegistryNotStaff.selector, MAKER, claimsHandler));
        vm.prank(makerAdmin);
        keys.publishOrgKey(MAKER_ORG_KEY, 1, staff, wraps);
    }

    function test_publishOrgStaffWraps_onlyForCurrentVersion() public {
        (address[] memory staff, bytes[] memory wraps) = _staffOfMaker();
        vm.startPrank(makerAdmin);
        vm.expectRevert(abi.encodeWithSelector(IKeyRegistry.KeyRegistryOrgKeyVersionNotCurrent.selector, MAKER, 0, 0));
        keys.publishOrgStaffWraps(0, staff, wraps);
        keys.publishOrgKey(MAKER_ORG_KEY, 1, staff, wraps);
        vm.expectEmit(address(keys));
        emit IKeyRegistry.OrgKeyWrapped(MAKER, 1, dealer, wraps[0]);
        keys.publishOrgStaffWraps(1, _oneAddress(dealer), _oneWrap(wraps[0]));
        vm.expectRevert(abi.encodeWithSelector(IKeyRegistry.KeyRegistryOrgKeyVersionNotCurrent.selector, MAKER, 2, 1));
        keys.publishOrgStaffWraps(2, staff, wraps);
        vm.stopPrank();
    }

    function _oneAddress(address a) internal pure returns (address[] memory list) {
        list = new address[](1);
        list[0] = a;
    }

    // ------------------------------------------------------------ epochs

    function test_publishEpochWraps_firstWriteStartsEpochZero() public {
        vm.expectEmit(address(keys));
        emit IKeyRegistry.EpochStarted(tokenId, 0, owner);
        vm.expectEmit(address(keys));
        emit IKeyRegistry.EpochKeyWrapped(tokenId, 0, OWNER_KEY, _wrap(0), owner);
        _publish(owner, 0, OWNER_KEY);
        IKeyRegistry.BookKeys memory k = keys.bookKeys(tokenId);
        assertTrue(k.started);
        assertEq(k.currentEpoch, 0);
        assertEq(k.ownershipEpochAtStart, 0);
    }

    function test_publishEpochWraps_firstEpochMustBeZero() public {
        vm.expectRevert(abi.encodeWithSelector(IKeyRegistry.KeyRegistryEpochNotNext.selector, tokenId, 1, 0));
        _publish(owner, 1, OWNER_KEY);
        (bool started,) = keys.currentEpoch(tokenId);
        assertFalse(started);
    }

    function test_publishEpochWraps_epochMovesForwardByOne() public {
        _publish(owner, 0, OWNER_KEY);
        vm.expectRevert(abi.encodeWithSelector(IKeyRegistry.KeyRegistryEpochNotNext.selector, tokenId, 2, 1));
        _publish(owner, 2, OWNER_KEY);
        vm.expectEmit(address(keys));
        emit IKeyRegistry.EpochStarted(tokenId, 1, dealer);
        _publish(dealer, 1, OWNER_KEY);
        (, uint32 epoch) = keys.currentEpoch(tokenId);
        assertEq(epoch, 1);
    }

    function test_publishEpochWraps_pastAndCurrentEpochsAddReadersWithoutStarting() public {
        _publish(owner, 0, OWNER_KEY);
        _publish(owner, 1, OWNER_KEY);
        vm.recordLogs();
        _publish(owner, 0, WORKSHOP_KEY);
        _publish(owner, 1, WORKSHOP_KEY);
        assertEq(vm.getRecordedLogs().length, 2, "two wraps, no EpochStarted");
        (, uint32 epoch) = keys.currentEpoch(tokenId);
        assertEq(epoch, 1);
    }

    function test_publishEpochWraps_saleIsVisibleInBookKeys() public {
        _publish(owner, 0, OWNER_KEY);
        vm.prank(owner);
        carBook.transferFrom(owner, buyer, tokenId);
        assertEq(keys.bookKeys(tokenId).ownershipEpochAtStart, 0);
        assertEq(carBook.book(tokenId).ownershipEpoch, 1);
        _publish(buyer, 1, OWNER_KEY);
        assertEq(keys.bookKeys(tokenId).ownershipEpochAtStart, 1);
    }

    function test_publishEpochWrapsBatch_historyThenNextEpoch() public {
        _publish(owner, 0, OWNER_KEY);
        IKeyRegistry.EpochWraps[] memory batches = new IKeyRegistry.EpochWraps[](2);
        batches[0] = IKeyRegistry.EpochWraps(0, _one(WORKSHOP_KEY), _oneWrap(_wrap(1)));
        batches[1] = IKeyRegistry.EpochWraps(1, _one(WORKSHOP_KEY), _oneWrap(_wrap(2)));
        vm.prank(owner);
        keys.publishEpochWrapsBatch(tokenId, batches);
        (, uint32 epoch) = keys.currentEpoch(tokenId);
        assertEq(epoch, 1);
    }

    function test_publishEpochWrapsBatch_checksEveryEpoch() public {
        IKeyRegistry.EpochWraps[] memory batches = new IKeyRegistry.EpochWraps[](2);
        batches[0] = IKeyRegistry.EpochWraps(0, _one(OWNER_KEY), _oneWrap(_wrap(1)));
        batches[1] = IKeyRegistry.EpochWraps(2, _one(OWNER_KEY), _oneWrap(_wrap(2)));
        vm.expectRevert(abi.encodeWithSelector(IKeyRegistry.KeyRegistryEpochNotNext.selector, tokenId, 2, 1));
        vm.prank(owner);
        keys.publishEpochWrapsBatch(tokenId, batches);
    }

    function test_publishEpochWrapsBatch_emptyRefused() public {
        vm.expectRevert(IKeyRegistry.KeyRegistryEmptyWraps.selector);
        vm.prank(owner);
        keys.publishEpochWrapsBatch(tokenId, new IKeyRegistry.EpochWraps[](0));
    }

    // ------------------------------------------------------------ wrap format

    function test_publishEpochWraps_shortWrapRefused() public {
        bytes memory w = new bytes(136);
        w[0] = 0x01;
        vm.expectRevert(abi.encodeWithSelector(IKeyRegistry.KeyRegistryInvalidWrap.selector, 0, 136, 1));
        vm.prank(owner);
        keys.publishEpochWraps(tokenId, 0, _one(OWNER_KEY), _oneWrap(w));
    }

    function test_publishEpochWraps_unknownVersionRefused() public {
        bytes memory w = _wrap(3);
        w[0] = 0x02;
        vm.expectRevert(abi.encodeWithSelector(IKeyRegistry.KeyRegistryInvalidWrap.selector, 0, 137, 2));
        vm.prank(owner);
        keys.publishEpochWraps(tokenId, 0, _one(OWNER_KEY), _oneWrap(w));
    }

    function test_publishEpochWraps_emptyWrapRefused() public {
        vm.expectRevert(abi.encodeWithSelector(IKeyRegistry.KeyRegistryInvalidWrap.selector, 0, 0, 0));
        vm.prank(owner);
        keys.publishEpochWraps(tokenId, 0, _one(OWNER_KEY), _oneWrap(""));
    }

    function testFuzz_publishEpochWraps_onlyWrapLength137(uint256 length) public {
        length = bound(length, 0, 400);
        vm.assume(length != 137);
        bytes memory w = new bytes(length);
        if (length > 0) w[0] = 0x01;
        vm.expectRevert(
            abi.encodeWithSelector(IKeyRegistry.KeyRegistryInvalidWrap.selector, 0, length, length > 0 ? 1 : 0)
        );
        vm.prank(owner);
        keys.publishEpochWraps(tokenId, 0, _one(OWNER_KEY), _oneWrap(w));
    }

    function test_publishEpochWraps_lengthMismatchRefused() public {
        bytes32[] memory readers = new bytes32[](2);
        readers[0] = OWNER_KEY;
        readers[1] = WORKSHOP_KEY;
        vm.expectRevert(abi.encodeWithSelector(IKeyRegistry.KeyRegistryLengthMismatch.selector, 2, 1));
        vm.prank(owner);
        keys.publishEpochWraps(tokenId, 0, readers, _oneWrap(_wrap(1)));
    }

    function test_publishEpochWraps_noWrapsRefused() public {
        vm.expectRevert(IKeyRegistry.KeyRegistryEmptyWraps.selector);
        vm.prank(owner);
        keys.publishEpochWraps(tokenId, 0, new bytes32[](0), new bytes[](0));
    }

    function test_publishEpochWraps_zeroReaderKeyRefused() public {
        vm.expectRevert(IKeyRegistry.KeyRegistryInvalidPublicKey.selector);
        vm.prank(owner);
        keys.publishEpochWraps(tokenId, 0, _one(bytes32(0)), _oneWrap(_wrap(1)));
    }

    function test_publishEpochWraps_unknownBookRefused() public {
        vm.expectRevert(abi.encodeWithSelector(IKeyRegistry.KeyRegistryBookNotFound.selector, 42));
        vm.prank(owner);
        keys.publishEpochWraps(42, 0, _one(OWNER_KEY), _oneWrap(_wrap(1)));
        assertFalse(keys.canPublishEpochWraps(42, owner));
    }

    // ------------------------------------------------------------ who may publish

    function test_publishEpochWraps_makersNetworkMayPublish() public {
        _publish(makerAdmin, 0, OWNER_KEY);
        _publish(dealer, 0, OWNER_KEY);
        _publish(workshop, 0, OWNER_KEY);
        assertTrue(keys.canPublishEpochWraps(tokenId, workshop));
    }

    function test_publishEpochWraps_telematicsOperatorRefused() public {
        _expectNotPublisher(telematicsOperator);
        assertFalse(keys.canPublishEpochWraps(tokenId, telematicsOperator));
    }

    function test_publishEpochWraps_strangerRefused() public {
        _expectNotPublisher(stranger);
    }

    function test_publishEpochWraps_otherMembersRefused() public {
        _expectNotPublisher(archivist);
        _expectNotPublisher(dismantler);
        _expectNotPublisher(claimsHandler); // an insurer without cover of this book
    }

    function test_publishEpochWraps_grantedWorkshopUntilExpiry() public {
        uint64 expiresAt = uint64(block.timestamp + 7 days);
        vm.prank(owner);
        carBook.grantAccess(tokenId, independentWorkshop, expiresAt);
        vm.prank(independentWorkshop);
        keys.registerReadingKey(WORKSHOP_KEY);
        _publish(independentWorkshop, 0, WORKSHOP_KEY);
        vm.warp(expiresAt);
        _expectNotPublisher(independentWorkshop);
    }

    function test_publishEpochWraps_revokedWorkshopRefused() public {
        vm.startPrank(owner);
        carBook.grantAccess(tokenId, independentWorkshop, uint64(block.timestamp + 7 days));
        carBook.revokeAccess(tokenId, independentWorkshop);
        vm.stopPrank();
        _expectNotPublisher(independentWorkshop);
    }

    function test_publishEpochWraps_saleEndsSellerAndItsGrants() public {
        vm.startPrank(owner);
        carBook.grantAccess(tokenId, independentWorkshop, uint64(block.timestamp + 7 days));
        carBook.transferFrom(owner, buyer, tokenId);
        vm.stopPrank();
        _expectNotPublisher(owner);
        _expectNotPublisher(independentWorkshop);
        _publish(buyer, 0, OWNER_KEY);
    }

    function test_publishEpochWraps_coveringInsurerStaffOnly() public {
        _registerReaders();
        _insure(tokenId);
        _publish(claimsHandler, 0, OWNER_KEY);
        _publish(insurerAdmin, 0, MAKER_ORG_KEY);
        _expectNotPublisher(expert);
        vm.prank(owner);
        carBook.transferFrom(owner, buyer, tokenId); // the cover lapses with the title
        _expectNotPublisher(claimsHandler);
    }

    // ------------------------------------------------------------ share links

    function _uint32s(uint32 a) internal pure returns (uint32[] memory list) {
        list = new uint32[](1);
        list[0] = a;
    }

    function test_addShareKey_ownerAddsKeyWithHistoryWraps() public {
        _publish(owner, 0, OWNER_KEY);
        vm.expectEmit(address(keys));
        emit IKeyRegistry.ShareKeyAdded(tokenId, SHARE_KEY, 0);
        vm.expectEmit(address(keys));
        emit IKeyRegistry.EpochKeyWrapped(tokenId, 0, SHARE_KEY, _wrap(9), owner);
        vm.prank(owner);
        keys.addShareKey(tokenId, SHARE_KEY, _uint32s(0), _oneWrap(_wrap(9)));
        assertTrue(keys.isShareKeyLive(tokenId, SHARE_KEY));
    }

    function test_addShareKey_onlyStartedEpochs() public {
        vm.expectRevert(abi.encodeWithSelector(IKeyRegistry.KeyRegistryEpochNotNext.selector, tokenId, 0, 0));
        vm.prank(owner);
        keys.addShareKey(tokenId, SHARE_KEY, _uint32s(0), _oneWrap(_wrap(9)));
        _publish(owner, 0, OWNER_KEY);
        vm.expectRevert(abi.encodeWithSelector(IKeyRegistry.KeyRegistryEpochNotNext.selector, tokenId, 1, 1));
        vm.prank(owner);
        keys.addShareKey(tokenId, SHARE_KEY, _uint32s(1), _oneWrap(_wrap(9)));
    }

    function test_addShareKey_onlyOwner() public {
        vm.expectRevert(abi.encodeWithSelector(IKeyRegistry.KeyRegistryNotOwner.selector, tokenId, dealer));
        vm.prank(dealer);
        keys.addShareKey(tokenId, SHARE_KEY, new uint32[](0), new bytes[](0));
    }

    function test_revokeShareKey_endsTheLink() public {
        vm.startPrank(owner);
        keys.addShareKey(tokenId, SHARE_KEY, new uint32[](0), new bytes[](0));
        vm.expectEmit(address(keys));
        emit IKeyRegistry.ShareKeyRevoked(tokenId, SHARE_KEY);
        keys.revokeShareKey(tokenId, SHARE_KEY);
        assertFalse(keys.isShareKeyLive(tokenId, SHARE_KEY));
        vm.expectRevert(abi.encodeWithSelector(IKeyRegistry.KeyRegistryShareKeyNotLive.selector, tokenId, SHARE_KEY));
        keys.revokeShareKey(tokenId, SHARE_KEY);
        vm.stopPrank();
    }

    function test_revokeShareKey_onlyOwner() public {
        vm.prank(owner);
        keys.addShareKey(tokenId, SHARE_KEY, new uint32[](0), new bytes[](0));
        vm.expectRevert(abi.encodeWithSelector(IKeyRegistry.KeyRegistryNotOwner.selector, tokenId, stranger));
        vm.prank(stranger);
        keys.revokeShareKey(tokenId, SHARE_KEY);
    }

    function test_isShareKeyLive_saleEndsTheLink() public {
        vm.prank(owner);
        keys.addShareKey(tokenId, SHARE_KEY, new uint32[](0), new bytes[](0));
        vm.prank(owner);
        carBook.transferFrom(owner, buyer, tokenId);
        assertFalse(keys.isShareKeyLive(tokenId, SHARE_KEY));
        vm.prank(buyer);
        keys.addShareKey(tokenId, SHARE_KEY, new uint32[](0), new bytes[](0));
        assertTrue(keys.isShareKeyLive(tokenId, SHARE_KEY));
    }

    // ------------------------------------------------------------ low-order reader keys (issue 10, item 9)

    /// @dev X25519's low-order points as little-endian u-coordinates (libsodium's blocklist), and the same with the
    /// top bit set (X25519 ignores it).
    function _lowOrderKeys() internal pure returns (bytes32[] memory list) {
        list = new bytes32[](12);
        list[0] = 0x0100000000000000000000000000000000000000000000000000000000000000;
        list[1] = 0xe0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800;
        list[2] = 0x5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157;
        list[3] = 0xecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f;
        list[4] = 0xedffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f;
        list[5] = 0xeeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f;
        for (uint256 i; i < 6; ++i) {
            list[6 + i] = list[i] | bytes32(uint256(0x80));
        }
    }

    function test_registerReadingKey_lowOrderKeysRefused() public {
        bytes32[] memory lowOrder = _lowOrderKeys();
        for (uint256 i; i < lowOrder.length; ++i) {
            vm.expectRevert(IKeyRegistry.KeyRegistryInvalidPublicKey.selector);
            vm.prank(owner);
            keys.registerReadingKey(lowOrder[i]);
        }
        vm.prank(owner);
        keys.registerReadingKey(OWNER_KEY);
    }

    function test_publishEpochWraps_lowOrderReaderKeysRefused() public {
        bytes32[] memory lowOrder = _lowOrderKeys();
        for (uint256 i; i < lowOrder.length; ++i) {
            vm.expectRevert(IKeyRegistry.KeyRegistryInvalidPublicKey.selector);
            vm.prank(owner);
            keys.publishEpochWraps(tokenId, 0, _one(lowOrder[i]), _oneWrap(_wrap(1)));
        }
    }

    function test_publishOrgKey_lowOrderKeyRefused() public {
        (address[] memory staff, bytes[] memory wraps) = _staffOfMaker();
        vm.expectRevert(IKeyRegistry.KeyRegistryInvalidPublicKey.selector);
        vm.prank(makerAdmin);
        keys.publishOrgKey(_lowOrderKeys()[0], 1, staff, wraps);
    }

    function test_addShareKey_lowOrderKeyRefused() public {
        _publish(owner, 0, OWNER_KEY);
        vm.expectRevert(IKeyRegistry.KeyRegistryInvalidPublicKey.selector);
        vm.prank(owner);
        keys.addShareKey(tokenId, _lowOrderKeys()[1], _uint32s(0), _oneWrap(_wrap(3)));
    }

    // ------------------------------------------------------------ wrap bounds (issue 10, items 7 and 8)

    function _grantWorkshop() internal {
        vm.prank(owner);
        carBook.grantAccess(tokenId, independentWorkshop, uint64(block.timestamp + 1 hours));
        vm.prank(independentWorkshop);
        keys.registerReadingKey(WORKSHOP_KEY);
    }

    function test_publishEpochWraps_guestPublishesOneWrapPerReaderAndEpoch() public {
        _registerReaders();
        _grantWorkshop();
        _publish(owner, 0, OWNER_KEY);
        _publish(independentWorkshop, 0, WORKSHOP_KEY);
        vm.expectRevert(abi.encodeWithSelector(IKeyRegistry.KeyRegistryWrapLimit.selector, tokenId, 0, OWNER_KEY));
        _publish(independentWorkshop, 0, OWNER_KEY);
        vm.expectRevert(abi.encodeWithSelector(IKeyRegistry.KeyRegistryWrapLimit.selector, tokenId, 0, WORKSHOP_KEY));
        _publish(independentWorkshop, 0, WORKSHOP_KEY);
        assertEq(keys.wrapCount(tokenId, 0, WORKSHOP_KEY), 1);
    }

    function test_publishEpochWraps_guestWrapsOnlyForTheBooksReaders() public {
        _registerReaders();
        _grantWorkshop();
        _publish(owner, 0, OWNER_KEY);
        bytes32 junk = keccak256("not a reader of this book");
        vm.expectRevert(abi.encodeWithSelector(IKeyRegistry.KeyRegistryNotBookReader.selector, tokenId, junk));
        _publish(independentWorkshop, 0, junk);
        // The owner may wrap for a key that is not a reader yet (a buyer's key before the transfer).
        _publish(owner, 0, junk);
        _publish(independentWorkshop, 0, MAKER_ORG_KEY);
    }

    function test_publishEpochWraps_guestStartsAnEpochOnlyAfterARecord() public {
        _registerReaders();
        _grantWorkshop();
        _publish(owner, 0, OWNER_KEY);
        vm.expectRevert(abi.encodeWithSelector(IKeyRegistry.KeyRegistryEpochUnused.selector, tokenId, 0));
        _publish(independentWorkshop, 1, OWNER_KEY);
        _append(owner, tokenId, 1_000);
        _publish(independentWorkshop, 1, OWNER_KEY);
        vm.expectRevert(abi.encodeWithSelector(IKeyRegistry.KeyRegistryEpochUnused.selector, tokenId, 1));
        _publish(independentWorkshop, 2, WORKSHOP_KEY);
        // The owner's side may rotate at any time.
        _publish(owner, 2, OWNER_KEY);
    }

    /// @dev The issue's proof of concept: a one-hour grantee publishing thousands of junk wraps. Each kind of junk
    /// is refused after at most one wrap per reader key and epoch, and epochs do not multiply without records.
    function test_publishEpochWrapsBatch_guestJunkSpamBounded() public {
        _registerReaders();
        _grantWorkshop();
        _publish(owner, 0, OWNER_KEY);
        _append(owner, tokenId, 1_000);
        IKeyRegistry.EpochWraps[] memory batches = new IKeyRegistry.EpochWraps[](1);
        bytes32[] memory readers = new bytes32[](450);
        bytes[] memory wraps = new bytes[](450);
        for (uint256 i; i < readers.length; ++i) {
            readers[i] = OWNER_KEY;
            wraps[i] = _wrap(uint8(i));
        }
        batches[0] = IKeyRegistry.EpochWraps({epoch: 0, readerKeys: readers, wraps: wraps});
        vm.expectRevert(abi.encodeWithSelector(IKeyRegistry.KeyRegistryWrapLimit.selector, tokenId, 0, OWNER_KEY));
        vm.prank(independentWorkshop);
        keys.publishEpochWrapsBatch(tokenId, batches);
        // Many epochs at once: the second start needs a record in the first.
        batches = new IKeyRegistry.EpochWraps[](2);
        batches[0] = IKeyRegistry.EpochWraps({epoch: 1, readerKeys: _one(OWNER_KEY), wraps: _oneWrap(_wrap(1))});
        batches[1] = IKeyRegistry.EpochWraps({epoch: 2, readerKeys: _one(OWNER_KEY), wraps: _oneWrap(_wrap(2))});
        vm.expectRevert(abi.encodeWithSelector(IKeyRegistry.KeyRegistryEpochUnused.selector, tokenId, 1));
        vm.prank(independentWorkshop);
        keys.publishEpochWrapsBatch(tokenId, batches);
    }

    function test_publishEpochWraps_trustedPublishersReissueUpToTheLimit() public {
        _registerReaders();
        _grantWorkshop();
        _publish(owner, 0, OWNER_KEY);
        _publish(independentWorkshop, 0, WORKSHOP_KEY); // say it does not open
        _publish(owner, 0, WORKSHOP_KEY);
        _publish(workshop, 0, WORKSHOP_KEY);
        vm.expectRevert(abi.encodeWithSelector(IKeyRegistry.KeyRegistryWrapLimit.selector, tokenId, 0, WORKSHOP_KEY));
        _publish(makerAdmin, 0, WORKSHOP_KEY);
        assertTrue(keys.isTrustedPublisher(tokenId, owner));
        assertTrue(keys.isTrustedPublisher(tokenId, workshop));
        assertFalse(keys.isTrustedPublisher(tokenId, independentWorkshop));
        assertTrue(keys.canPublishEpochWraps(tokenId, independentWorkshop));
    }

    /// @dev Wrap squatting (item 8): the seller fills the buyer's key with wraps that do not open; after the sale the
    /// counts start again, so the maker's network (or the buyer) can re-issue them.
    function test_publishEpochWraps_saleLetsTheMakerReissueASquattedWrap() public {
        _publish(owner, 0, OWNER_KEY);
        bytes32 buyerKey = keccak256("buyer's reading key");
        for (uint256 i; i < keys.MAX_WRAPS_PER_READER(); ++i) {
            _publish(owner, 0, buyerKey);
        }
        vm.expectRevert(abi.encodeWithSelector(IKeyRegistry.KeyRegistryWrapLimit.selector, tokenId, 0, buyerKey));
        _publish(owner, 0, buyerKey);
        vm.prank(owner);
        carBook.transferFrom(owner, buyer, tokenId);
        assertEq(keys.wrapCount(tokenId, 0, buyerKey), 0);
        _publish(workshop, 0, buyerKey);
        assertFalse(keys.isTrustedPublisher(tokenId, owner));
    }
}
