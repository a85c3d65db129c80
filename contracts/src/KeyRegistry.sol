// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {GovernedUpgradeable} from "./base/GovernedUpgradeable.sol";
import {IKeyRegistry} from "./interfaces/IKeyRegistry.sol";
import {IConsortium} from "./interfaces/IConsortium.sol";
import {ICarBook} from "./interfaces/ICarBook.sol";
import {IInsurance} from "./interfaces/IInsurance.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IBookEventIndex} from "./interfaces/IBookEventIndex.sol";
import {BlockIndex} from "./libraries/BlockIndex.sol";
import {EnumerableSet} from "@openzeppelin/contracts/utils/structs/EnumerableSet.sol";
import {Roles} from "./Roles.sol";
import {Parameters} from "./Parameters.sol";

/// @title Reading keys, organisation keys and book epoch-key wraps of the privacy protocol.
/// @notice The key registry behind a UUPS proxy; its interface `IKeyRegistry` documents each function.
/// @dev Who may publish a book's wraps mirrors who may write it (CarBook's writer rule) plus the covering insurer:
/// the owner, the maker's network (admin, dealers, official workshops), a workshop while the current owner's
/// grant lasts, and the claims handlers (or admin) of the insurer with active cover.
contract KeyRegistry is IKeyRegistry, Initializable, GovernedUpgradeable {
    using BlockIndex for BlockIndex.List;
    using EnumerableSet for EnumerableSet.Bytes32Set;

    /// @notice Key wrap format v1: 0x01 | ephemeral key (32) | nonce (24) | box (80).
    uint256 public constant WRAP_LENGTH = 137;
    /// @notice The version byte every wrap starts with.
    uint8 public constant WRAP_VERSION = 0x01;
    /// @notice Most wraps of one epoch for one reader key under one owner: the first may come from any publisher, the
    /// others only from the owner's side or the maker's network (re-issuing a wrap that does not open).
    uint8 public constant MAX_WRAPS_PER_READER = 3;

    /// @custom:storage-location erc7201:carbook.storage.KeyRegistry
    struct KeyRegistryStorage {
        IConsortium consortium;
        ICarBook carBook;
        mapping(address account => ReadingKey) readingKeys;
        mapping(uint32 orgId => OrgKey) orgKeys;
        mapping(uint256 tokenId => BookKeys) books;
        /// @dev CarBook ownership epoch + 1 of the owner who added the key (0 = not a share key / revoked).
        mapping(uint256 tokenId => mapping(bytes32 shareKey => uint32 ownershipEpochPlusOne)) shareKeys;
        // ---- read indexes (appended by the index upgrade)
        mapping(uint256 tokenId => BlockIndex.List) bookBlocks;
        mapping(uint256 tokenId => BlockIndex.List) legacyBookBlocks;
        mapping(uint32 orgId => BlockIndex.List) orgBlocks;
        /// @dev Live share keys per (book, ownership epoch): a sale starts an empty set.
        mapping(uint256 tokenId => mapping(uint32 ownershipEpoch => EnumerableSet.Bytes32Set)) liveShareKeys;
        uint256 indexStartBlock;
        // ---- wrap bounds (appended by the wrap-bounds upgrade)
        /// @dev Wraps accepted per (book, ownership epoch, epoch, reader key); a sale starts new counts.
        mapping(
            uint256 tokenId
                => mapping(uint32 ownershipEpoch => mapping(uint32 epoch => mapping(bytes32 readerKey => uint8)))
        ) wrapCounts;
        /// @dev CarBook's `recordCount` when the book's current epoch started (set from this upgrade on).
        mapping(uint256 tokenId => uint32 recordCount) recordCountAtEpochStart;
    }

    // keccak256(abi.encode(uint256(keccak256("carbook.storage.KeyRegistry")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant STORAGE_LOCATION = 0xb088f9b7ff6fae4c5ef7d5cd33f8e1fe16935f4a7be1fd17a785cb54a02dd700;

    function _s() private pure returns (KeyRegistryStorage storage $) {
        assembly {
            $.slot := STORAGE_LOCATION
        }
    }

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /// @notice Initialises a new deployment (whose indexes start with it).
    /// @param consortium_ The consortium registry.
    /// @param carBook_ The car book registry whose books' keys this registry holds.
    function initialize(IConsortium consortium_, ICarBook carBook_) external initializer {
        _s().consortium = consortium_;
        _s().carBook = carBook_;
        _s().indexStartBlock = block.number;
    }

    /// @notice The consortium registry asked about organisations, staff and the trusted insurance registry.
    function consortium() external view returns (address) {
        return address(_s().consortium);
    }

    /// @notice The car book registry whose books' keys this registry holds.
    function carBook() external view returns (address) {
        return address(_s().carBook);
    }

    // ---------------------------------------------------------------- reading keys

    /// @inheritdoc IKeyRegistry
    function registerReadingKey(bytes32 publicKey) external {
        _checkPublicKey(publicKey);
        ReadingKey storage key = _s().readingKeys[msg.sender];
        uint32 version = key.version + 1;
        key.publicKey = publicKey;
        key.version = version;
        emit ReadingKeyRegistered(msg.sender, publicKey, version);
    }

    /// @inheritdoc IKeyRegistry
    function readingKeyOf(address account) external view returns (ReadingKey memory) {
        return _s().readingKeys[account];
    }

    // ---------------------------------------------------------------- organisation keys

    /// @inheritdoc IKeyRegistry
    function publishOrgKey(bytes32 publicKey, uint32 keyVersion, address[] calldata staff, bytes[] calldata wraps)
        external
    {
        _checkPublicKey(publicKey);
        uint32 orgId = _adminOrg(msg.sender);
        OrgKey storage key = _s().orgKeys[orgId];
        uint32 next = key.keyVersion + 1;
        if (keyVersion != next) revert KeyRegistryOrgKeyVersionNotNext(orgId, keyVersion, next);
        key.publicKey = publicKey;
        key.keyVersion = keyVersion;
        _s().orgBlocks[orgId].pushCurrent(0);
        emit OrgKeyPublished(orgId, publicKey, keyVersion, msg.sender);
        _emitStaffWraps(orgId, keyVersion, staff, wraps);
    }

    /// @inheritdoc IKeyRegistry
    function publishOrgStaffWraps(uint32 keyVersion, address[] calldata staff, bytes[] calldata wraps) external {
        uint32 orgId = _adminOrg(msg.sender);
        uint32 current = _s().orgKeys[orgId].keyVersion;
        if (keyVersion != current || current == 0) {
            revert KeyRegistryOrgKeyVersionNotCurrent(orgId, keyVersion, current);
        }
        _s().orgBlocks[orgId].pushCurrent(0);
        _emitStaffWraps(orgId, keyVersion, staff, wraps);
    }

    /// @inheritdoc IKeyRegistry
    function orgKeyOf(uint32 orgId) external view returns (OrgKey memory) {
        return _s().orgKeys[orgId];
    }

    function _emitStaffWraps(uint32 orgId, uint32 keyVersion, address[] calldata staff, bytes[] calldata wraps)
        private
    {
        if (staff.length != wraps.length) revert KeyRegistryLengthMismatch(staff.length, wraps.length);
        if (staff.length == 0) revert KeyRegistryEmptyWraps();
        IConsortium c = _s().consortium;
        for (uint256 i; i < staff.length; ++i) {
            _checkWrap(i, wraps[i]);
            (uint32 staffOrg,,) = c.membershipOf(staff[i]);
            if (staffOrg != orgId) revert KeyRegistryNotStaff(orgId, staff[i]);
            emit OrgKeyWrapped(orgId, keyVersion, staff[i], wraps[i]);
        }
    }

    function _adminOrg(address account) private view returns (uint32 orgId) {
        bytes32 role;
        (orgId,, role) = _s().consortium.membershipOf(account);
        if (orgId == 0 || role != Roles.ORG_ADMIN) revert KeyRegistryNotOrgAdmin(account);
    }

    // ---------------------------------------------------------------- book epoch keys

    /// @inheritdoc IKeyRegistry
    function publishEpochWraps(uint256 tokenId, uint32 epoch, bytes32[] calldata readerKeys, bytes[] calldata wraps)
        external
    {
        ICarBook.Book memory b = _bookOf(tokenId);
        Publisher memory p = _publisher(tokenId, b, msg.sender);
        _publish(tokenId, b, p, epoch, readerKeys, wraps);
    }

    /// @inheritdoc IKeyRegistry
    function publishEpochWrapsBatch(uint256 tokenId, EpochWraps[] calldata batches) external {
        if (batches.length == 0) revert KeyRegistryEmptyWraps();
        ICarBook.Book memory b = _bookOf(tokenId);
        Publisher memory p = _publisher(tokenId, b, msg.sender);
        for (uint256 i; i < batches.length; ++i) {
            _publish(tokenId, b, p, batches[i].epoch, batches[i].readerKeys, batches[i].wraps);
        }
    }

    /// @inheritdoc IKeyRegistry
    function canPublishEpochWraps(uint256 tokenId, address account) external view returns (bool) {
        ICarBook.Book memory b = _s().carBook.book(tokenId);
        if (b.status == ICarBook.BookStatus.None) return false;
        return _mayPublish(tokenId, b, account) != NOT_PUBLISHER;
    }

    /// @inheritdoc IKeyRegistry
    function isTrustedPublisher(uint256 tokenId, address account) external view returns (bool) {
        ICarBook.Book memory b = _s().carBook.book(tokenId);
        if (b.status == ICarBook.BookStatus.None) return false;
        return _mayPublish(tokenId, b, account) == TRUSTED;
    }

    /// @inheritdoc IKeyRegistry
    function wrapCount(uint256 tokenId, uint32 epoch, bytes32 readerKey) external view returns (uint8) {
        KeyRegistryStorage storage $ = _s();
        return $.wrapCounts[tokenId][$.carBook.book(tokenId).ownershipEpoch][epoch][readerKey];
    }

    /// @inheritdoc IKeyRegistry
    function bookKeys(uint256 tokenId) external view returns (BookKeys memory) {
        return _s().books[tokenId];
    }

    /// @inheritdoc IKeyRegistry
    function currentEpoch(uint256 tokenId) external view returns (bool started, uint32 epoch) {
        BookKeys memory k = _s().books[tokenId];
        return (k.started, k.currentEpoch);
    }

    /// @dev Who may publish, and as what (`_mayPublish`): nobody; a guest — a workshop with a valid grant, the
    /// covering insurer's staff —; trusted — the owner, the maker's network. Plain constants, not an enum: the kinds
    /// never leave the contract.
    uint8 private constant NOT_PUBLISHER = 0;
    uint8 private constant GUEST = 1;
    uint8 private constant TRUSTED = 2;

    /// @dev A publisher of this call; for a guest, the reader keys it may wrap for (besides live share keys).
    struct Publisher {
        bool trusted;
        bytes32[] readerKeys;
    }

    function _publish(
        uint256 tokenId,
        ICarBook.Book memory b,
        Publisher memory p,
        uint32 epoch,
        bytes32[] calldata readerKeys,
        bytes[] calldata wraps
    ) private {
        if (readerKeys.length != wraps.length) {
            revert KeyRegistryLengthMismatch(readerKeys.length, wraps.length);
        }
        if (readerKeys.length == 0) revert KeyRegistryEmptyWraps();
        KeyRegistryStorage storage $ = _s();
        $.bookBlocks[tokenId].pushCurrent(0);
        BookKeys storage k = $.books[tokenId];
        if (!k.started || epoch > k.currentEpoch) {
            // Only the next epoch may start. `currentEpoch + 1` cannot overflow a meaningful book: 2^32 epochs
            // would take 2^32 rotations; the checked addition reverts rather than wrap.
            uint32 next = k.started ? k.currentEpoch + 1 : 0;
            if (epoch != next) revert KeyRegistryEpochNotNext(tokenId, epoch, next);
            // A guest starts an epoch only after a record was written in the current one: epochs, and the wraps
            // every later reader needs for each, cannot be multiplied without records.
            if (!p.trusted && k.started && b.recordCount == $.recordCountAtEpochStart[tokenId]) {
                revert KeyRegistryEpochUnused(tokenId, k.currentEpoch);
            }
            k.started = true;
            k.currentEpoch = epoch;
            k.ownershipEpochAtStart = b.ownershipEpoch;
            $.recordCountAtEpochStart[tokenId] = b.recordCount;
            emit EpochStarted(tokenId, epoch, msg.sender);
        }
        uint8 limit = p.trusted ? MAX_WRAPS_PER_READER : 1;
        for (uint256 i; i < readerKeys.length; ++i) {
            bytes32 readerKey = readerKeys[i];
            _checkPublicKey(readerKey);
            _checkWrap(i, wraps[i]);
            if (!p.trusted && !_isGuestTarget(tokenId, b, p.readerKeys, readerKey)) {
                revert KeyRegistryNotBookReader(tokenId, readerKey);
            }
            _countWrap(tokenId, b.ownershipEpoch, epoch, readerKey, limit);
            emit EpochKeyWrapped(tokenId, epoch, readerKey, wraps[i], msg.sender);
        }
    }

    /// @dev Counts one more wrap of `epoch` for `readerKey` under the current owner, refusing it past `limit`.
    function _countWrap(uint256 tokenId, uint32 ownershipEpoch, uint32 epoch, bytes32 readerKey, uint8 limit) private {
        mapping(bytes32 => uint8) storage counts = _s().wrapCounts[tokenId][ownershipEpoch][epoch];
        uint8 count = counts[readerKey];
        if (count >= limit) revert KeyRegistryWrapLimit(tokenId, epoch, readerKey);
        // count < limit ≤ MAX_WRAPS_PER_READER: the increment fits a uint8.
        unchecked {
            counts[readerKey] = count + 1;
        }
    }

    function _bookOf(uint256 tokenId) private view returns (ICarBook.Book memory b) {
        b = _s().carBook.book(tokenId);
        if (b.status == ICarBook.BookStatus.None) revert KeyRegistryBookNotFound(tokenId);
    }

    /// @dev The caller as a publisher of `tokenId`'s wraps; a guest also gets the book's reader keys it may wrap for.
    function _publisher(uint256 tokenId, ICarBook.Book memory b, address account)
        private
        view
        returns (Publisher memory p)
    {
        uint8 kind = _mayPublish(tokenId, b, account);
        if (kind == NOT_PUBLISHER) revert KeyRegistryNotBookKeyPublisher(tokenId, account);
        p.trusted = kind == TRUSTED;
        if (!p.trusted) p.readerKeys = _readerKeys(tokenId, b);
    }

    /// @dev The book's reader keys now, share keys aside: the owner's reading key, the maker's and the covering
    /// insurer's organisation keys, and the reading keys of workshops with a valid grant.
    function _readerKeys(uint256 tokenId, ICarBook.Book memory b) private view returns (bytes32[] memory list) {
        KeyRegistryStorage storage $ = _s();
        ICarBook carBook_ = $.carBook;
        (address[] memory grantees,) = carBook_.granteesOf(tokenId, 0, type(uint256).max);
        list = new bytes32[](3 + grantees.length);
        list[0] = $.readingKeys[IERC721(address(carBook_)).ownerOf(tokenId)].publicKey;
        list[1] = $.orgKeys[b.manufacturerOrg].publicKey;
        address insurance = address(uint160($.consortium.parameter(Parameters.INSURANCE_REGISTRY)));
        if (insurance != address(0)) {
            (bool covered, uint32 insurerOrg) = IInsurance(insurance).activeInsurer(tokenId);
            if (covered) list[2] = $.orgKeys[insurerOrg].publicKey;
        }
        for (uint256 i; i < grantees.length; ++i) {
            (, bool valid) = carBook_.grantOf(tokenId, grantees[i]);
            if (valid) list[3 + i] = $.readingKeys[grantees[i]].publicKey;
        }
    }

    /// @dev Whether a guest may wrap for `readerKey`: one of the book's reader keys, or a live share key.
    function _isGuestTarget(uint256 tokenId, ICarBook.Book memory b, bytes32[] memory readerKeys, bytes32 readerKey)
        private
        view
        returns (bool)
    {
        for (uint256 i; i < readerKeys.length; ++i) {
            if (readerKeys[i] == readerKey) return true;
        }
        return _s().shareKeys[tokenId][readerKey] == b.ownershipEpoch + 1;
    }

    /// @dev Trusted: the owner; the maker's admin, dealers and official workshops. Guest: a workshop with a valid
    /// grant; the admin or a claims handler of the insurer covering the book now.
    function _mayPublish(uint256 tokenId, ICarBook.Book memory b, address account) private view returns (uint8) {
        KeyRegistryStorage storage $ = _s();
        if (IERC721(address($.carBook)).ownerOf(tokenId) == account) return TRUSTED;
        (uint32 orgId, IConsortium.OrgKind kind, bytes32 role) = $.consortium.membershipOf(account);
        if (orgId != 0 && orgId == b.manufacturerOrg && Roles.isMakerNetwork(role)) return TRUSTED;
        (, bool valid) = $.carBook.grantOf(tokenId, account);
        if (valid) return GUEST;
        if (kind == IConsortium.OrgKind.Insurer && (role == Roles.ORG_ADMIN || role == Roles.CLAIMS_HANDLER)) {
            address insurance = address(uint160($.consortium.parameter(Parameters.INSURANCE_REGISTRY)));
            if (insurance != address(0)) {
                (bool covered, uint32 insurerOrg) = IInsurance(insurance).activeInsurer(tokenId);
                if (covered && insurerOrg == orgId) return GUEST;
            }
        }
        return NOT_PUBLISHER;
    }

    /// @dev Refuses the zero key and X25519's low-order points (with or without the ignored top bit): a reader key
    /// whose shared secret is all zero makes every honest writer's wrap fail.
    function _checkPublicKey(bytes32 publicKey) private pure {
        uint256 k = uint256(publicKey) & ~uint256(0x80); // byte 31 holds the top bit of the little-endian u-coordinate
        if (
            k == 0 || k == 0x0100000000000000000000000000000000000000000000000000000000000000
                || k == 0xe0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800
                || k == 0x5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157
                || k == 0xecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f
                || k == 0xedffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f
                || k == 0xeeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f
        ) revert KeyRegistryInvalidPublicKey();
    }

    function _checkWrap(uint256 index, bytes calldata wrap) private pure {
        uint8 version = wrap.length == 0 ? 0 : uint8(wrap[0]);
        if (wrap.length != WRAP_LENGTH || version != WRAP_VERSION) {
            revert KeyRegistryInvalidWrap(index, wrap.length, version);
        }
    }

    // ---------------------------------------------------------------- share links

    /// @inheritdoc IKeyRegistry
    function addShareKey(uint256 tokenId, bytes32 shareKey, uint32[] calldata epochs, bytes[] calldata wraps) external {
        _checkPublicKey(shareKey);
        if (epochs.length != wraps.length) revert KeyRegistryLengthMismatch(epochs.length, wraps.length);
        ICarBook.Book memory b = _bookOf(tokenId);
        if (IERC721(address(_s().carBook)).ownerOf(tokenId) != msg.sender) {
            revert KeyRegistryNotOwner(tokenId, msg.sender);
        }
        KeyRegistryStorage storage $ = _s();
        // The stored value is ownershipEpoch + 1 (0 means "none"); 2^32 - 1 sales of one car cannot happen.
        $.shareKeys[tokenId][shareKey] = b.ownershipEpoch + 1;
        $.liveShareKeys[tokenId][b.ownershipEpoch].add(shareKey);
        $.bookBlocks[tokenId].pushCurrent(0);
        emit ShareKeyAdded(tokenId, shareKey, b.ownershipEpoch);
        BookKeys memory k = $.books[tokenId];
        for (uint256 i; i < epochs.length; ++i) {
            // A share gets the epochs that exist; the next write wraps a new epoch for it as for any reader.
            if (!k.started || epochs[i] > k.currentEpoch) {
                revert KeyRegistryEpochNotNext(tokenId, epochs[i], k.started ? k.currentEpoch + 1 : 0);
            }
            _checkWrap(i, wraps[i]);
            _countWrap(tokenId, b.ownershipEpoch, epochs[i], shareKey, MAX_WRAPS_PER_READER);
            emit EpochKeyWrapped(tokenId, epochs[i], shareKey, wraps[i], msg.sender);
        }
    }

    /// @inheritdoc IKeyRegistry
    function revokeShareKey(uint256 tokenId, bytes32 shareKey) external {
        ICarBook.Book memory b = _bookOf(tokenId);
        if (IERC721(address(_s().carBook)).ownerOf(tokenId) != msg.sender) {
            revert KeyRegistryNotOwner(tokenId, msg.sender);
        }
        if (!_shareLive(tokenId, shareKey)) revert KeyRegistryShareKeyNotLive(tokenId, shareKey);
        KeyRegistryStorage storage $ = _s();
        delete $.shareKeys[tokenId][shareKey];
        $.liveShareKeys[tokenId][b.ownershipEpoch].remove(shareKey);
        $.bookBlocks[tokenId].pushCurrent(0);
        emit ShareKeyRevoked(tokenId, shareKey);
    }

    /// @inheritdoc IKeyRegistry
    function isShareKeyLive(uint256 tokenId, bytes32 shareKey) external view returns (bool) {
        return _shareLive(tokenId, shareKey);
    }

    function _shareLive(uint256 tokenId, bytes32 shareKey) private view returns (bool) {
        uint32 stored = _s().shareKeys[tokenId][shareKey];
        if (stored == 0) return false;
        ICarBook.Book memory b = _s().carBook.book(tokenId);
        return b.status != ICarBook.BookStatus.None && stored - 1 == b.ownershipEpoch;
    }

    // ---------------------------------------------------------------- read indexes

    /// @inheritdoc IBookEventIndex
    function bookEventBlocks(uint256 tokenId, uint256 start, uint256 count)
        external
        view
        returns (uint256[] memory blocks, uint256 total)
    {
        KeyRegistryStorage storage $ = _s();
        return BlockIndex.page($.legacyBookBlocks[tokenId], 0, $.bookBlocks[tokenId], start, count);
    }

    /// @inheritdoc IBookEventIndex
    function indexStartBlock() external view returns (uint256) {
        return _s().indexStartBlock;
    }

    /// @inheritdoc IBookEventIndex
    function backfillBookEventBlocks(uint256 tokenId, uint32[] calldata blocks) external {
        KeyRegistryStorage storage $ = _s();
        _onlyGovernance();
        BlockIndex.List storage legacy = $.legacyBookBlocks[tokenId];
        if (!BlockIndex.backfill(legacy, blocks, $.indexStartBlock)) revert IndexBackfillInvalid(tokenId);
        emit BookEventBlocksBackfilled(tokenId, blocks.length);
    }

    /// @notice Run by the upgrade that introduces the read indexes (as `upgradeToAndCall` data, so only the
    /// consortium can): records the block from which the indexes are complete.
    function initializeIndexes() external reinitializer(2) {
        KeyRegistryStorage storage $ = _s();
        _onlyGovernance();
        $.indexStartBlock = block.number;
    }

    /// @inheritdoc IKeyRegistry
    function orgKeyEventBlocks(uint32 orgId, uint256 start, uint256 count)
        external
        view
        returns (uint256[] memory blocks, uint256 total)
    {
        KeyRegistryStorage storage $ = _s();
        return BlockIndex.page($.legacyBookBlocks[0], 0, $.orgBlocks[orgId], start, count);
    }

    /// @inheritdoc IKeyRegistry
    function shareKeysOf(uint256 tokenId, uint256 start, uint256 count)
        external
        view
        returns (bytes32[] memory shareKeys, uint256 total)
    {
        KeyRegistryStorage storage $ = _s();
        EnumerableSet.Bytes32Set storage set = $.liveShareKeys[tokenId][$.carBook.book(tokenId).ownershipEpoch];
        total = set.length();
        shareKeys = set.values(start, BlockIndex.pageEnd(start, count, total));
    }

    /// @inheritdoc IKeyRegistry
    function indexLegacyShareKeys(uint256 tokenId, bytes32[] calldata shareKeys) external {
        KeyRegistryStorage storage $ = _s();
        uint32 epoch = $.carBook.book(tokenId).ownershipEpoch;
        for (uint256 i; i < shareKeys.length; ++i) {
            if (_shareLive(tokenId, shareKeys[i])) $.liveShareKeys[tokenId][epoch].add(shareKeys[i]);
        }
    }

    /// @dev Governance is the consortium registry.
    function _governance() internal view override returns (address) {
        return address(_s().consortium);
    }
}
