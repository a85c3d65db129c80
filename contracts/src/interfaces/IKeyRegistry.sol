// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IBookEventIndex} from "./IBookEventIndex.sol";

/// @title Key registry of the privacy protocol: reading keys, organisation keys, book epoch-key wraps, share links.
/// @notice Stores only public keys and the few numbers clients need to agree on (key versions, a book's current
/// epoch); the key wraps themselves are event data (137 bytes each, format v1 of lib/browser/crypto/PROTOCOL.md §3).
/// The contract never sees a secret: what it decides is *who may publish* a wrap, which is what makes a wrap
/// count for clients (anyone can encrypt to a public key).
/// Read indexes: `bookEventBlocks` lists the blocks of a book's `EpochStarted`, `EpochKeyWrapped`, `ShareKeyAdded`
/// and `ShareKeyRevoked` logs; `orgKeyEventBlocks` those of an organisation's `OrgKeyPublished` and `OrgKeyWrapped`;
/// `shareKeysOf` a book's live share keys.
interface IKeyRegistry is IBookEventIndex {
    /// @notice A person's X25519 reading public key (derived from their wallet's EIP-712 signature).
    struct ReadingKey {
        bytes32 publicKey;
        /// @notice 1 for the first registration, + 1 for each re-registration (0 = never registered).
        uint32 version;
    }

    /// @notice An organisation's X25519 reading public key; books wrap epoch keys for it as for one reader.
    struct OrgKey {
        bytes32 publicKey;
        /// @notice The key version bound into every staff wrap's context (0 = no key yet, first key = 1).
        uint32 keyVersion;
    }

    /// @notice A book's epoch state.
    struct BookKeys {
        /// @notice False until the first epoch (0) was started.
        bool started;
        /// @notice The epoch records are encrypted under now (meaningful only once `started`).
        uint32 currentEpoch;
        /// @notice CarBook's `ownershipEpoch` when `currentEpoch` started: a different value now means the book
        /// was sold since, and the next write must start a new epoch.
        uint32 ownershipEpochAtStart;
    }

    /// @notice The wraps of one epoch key, one per reader key.
    struct EpochWraps {
        uint32 epoch;
        bytes32[] readerKeys;
        bytes[] wraps;
    }

    /// @notice The public key is zero or one of X25519's low-order points (whose shared secret is all zero).
    error KeyRegistryInvalidPublicKey();
    /// @notice No book has this id.
    error KeyRegistryBookNotFound(uint256 tokenId);
    /// @notice Only the owner, the maker's network, a workshop with a valid grant or the covering insurer's staff
    /// may publish epoch-key wraps of a book.
    error KeyRegistryNotBookKeyPublisher(uint256 tokenId, address account);
    /// @notice `account` does not hold the book's title.
    error KeyRegistryNotOwner(uint256 tokenId, address account);
    /// @notice `account` is not the admin of a member organisation.
    error KeyRegistryNotOrgAdmin(address account);
    /// @notice `account` is not staff of the organisation.
    error KeyRegistryNotStaff(uint32 orgId, address account);
    /// @notice An epoch may start only as the next one (`next`); wraps for started epochs are always allowed.
    error KeyRegistryEpochNotNext(uint256 tokenId, uint32 given, uint32 next);
    /// @notice A new organisation key must have the next version.
    error KeyRegistryOrgKeyVersionNotNext(uint32 orgId, uint32 given, uint32 next);
    /// @notice Staff wraps may only be added for the current organisation key.
    error KeyRegistryOrgKeyVersionNotCurrent(uint32 orgId, uint32 given, uint32 current);
    /// @notice The key and wrap lists have different lengths.
    error KeyRegistryLengthMismatch(uint256 keys, uint256 wraps);
    /// @notice No wraps were given.
    error KeyRegistryEmptyWraps();
    /// @notice A wrap must be 137 bytes with version byte 0x01.
    error KeyRegistryInvalidWrap(uint256 index, uint256 length, uint8 version);
    /// @notice The share key is not a reader of the book now.
    error KeyRegistryShareKeyNotLive(uint256 tokenId, bytes32 shareKey);
    /// @notice `readerKey` already has as many wraps of `epoch` as this publisher may add under the current owner
    /// (one from a workshop or insurer, `MAX_WRAPS_PER_READER` in all with the owner's side and the maker's network).
    error KeyRegistryWrapLimit(uint256 tokenId, uint32 epoch, bytes32 readerKey);
    /// @notice A workshop or insurer may wrap only for the book's readers (owner, maker, insurer, granted workshops,
    /// live share links).
    error KeyRegistryNotBookReader(uint256 tokenId, bytes32 readerKey);
    /// @notice A workshop or insurer may start a new epoch only after a record was written in the current one.
    error KeyRegistryEpochUnused(uint256 tokenId, uint32 epoch);

    /// @notice `account` registered (or replaced) its reading key.
    /// @param account The account.
    /// @param publicKey Its X25519 reading public key.
    /// @param version The registration's version (1 for the first).
    event ReadingKeyRegistered(address indexed account, bytes32 publicKey, uint32 version);
    /// @notice An organisation's admin registered a new organisation key.
    /// @param orgId The organisation.
    /// @param publicKey The organisation's X25519 public key.
    /// @param keyVersion The key's version.
    /// @param admin The admin who published it.
    event OrgKeyPublished(uint32 indexed orgId, bytes32 publicKey, uint32 keyVersion, address indexed admin);
    /// @notice The organisation secret of `keyVersion`, wrapped for one staff member's reading key.
    /// @param orgId The organisation.
    /// @param keyVersion The organisation key's version.
    /// @param staff The staff member.
    /// @param wrap The wrap (137 bytes, format v1).
    event OrgKeyWrapped(uint32 indexed orgId, uint32 keyVersion, address indexed staff, bytes wrap);
    /// @notice A book moved to a new epoch (the first is 0).
    /// @param tokenId The book.
    /// @param epoch The new epoch.
    /// @param publisher The account that started it.
    event EpochStarted(uint256 indexed tokenId, uint32 epoch, address indexed publisher);
    /// @notice One epoch key of a book wrapped for one reader key.
    /// @param tokenId The book.
    /// @param epoch The epoch.
    /// @param readerKey The reader's X25519 public key.
    /// @param wrap The wrap (137 bytes, format v1).
    /// @param publisher The account that published it.
    event EpochKeyWrapped(
        uint256 indexed tokenId, uint32 epoch, bytes32 indexed readerKey, bytes wrap, address indexed publisher
    );
    /// @notice The owner made `shareKey` a reader of the book (a buyer's share link) for the current ownership.
    /// @param tokenId The book.
    /// @param shareKey The share link's X25519 public key.
    /// @param ownershipEpoch CarBook's ownership epoch of the owner who added it.
    event ShareKeyAdded(uint256 indexed tokenId, bytes32 indexed shareKey, uint32 ownershipEpoch);
    /// @notice The owner removed a share link's key: the next write rotates the epoch.
    /// @param tokenId The book.
    /// @param shareKey The share link's X25519 public key.
    event ShareKeyRevoked(uint256 indexed tokenId, bytes32 indexed shareKey);

    /// @notice Registers (or replaces) the caller's X25519 reading public key.
    /// @param publicKey The X25519 public key (not zero, not a low-order point).
    function registerReadingKey(bytes32 publicKey) external;

    /// @notice An account's reading key (zero key and version 0 if never registered).
    /// @param account The account.
    function readingKeyOf(address account) external view returns (ReadingKey memory);

    /// @notice An org admin registers the organisation's key `keyVersion` (= current + 1) and wraps its secret
    /// for staff members (each must be staff of the organisation).
    /// @param publicKey The organisation's new X25519 public key.
    /// @param keyVersion The new key's version (current + 1).
    /// @param staff Staff members to wrap the secret for.
    /// @param wraps One wrap per staff member, in the same order.
    function publishOrgKey(bytes32 publicKey, uint32 keyVersion, address[] calldata staff, bytes[] calldata wraps)
        external;

    /// @notice An org admin wraps the current organisation key (`keyVersion` must be current) for more staff.
    /// @param keyVersion The current key's version.
    /// @param staff Staff members to wrap the secret for.
    /// @param wraps One wrap per staff member, in the same order.
    function publishOrgStaffWraps(uint32 keyVersion, address[] calldata staff, bytes[] calldata wraps) external;

    /// @notice An organisation's current key.
    /// @param orgId The organisation.
    function orgKeyOf(uint32 orgId) external view returns (OrgKey memory);

    /// @notice Publishes wraps of epoch `epoch` of book `tokenId`, one per reader key. `epoch` = current + 1 (or 0
    /// for the first) starts that epoch; `epoch` ≤ current adds readers to a past or the current epoch.
    /// Bounds: per epoch and reader key, under one owner, a workshop or insurer may publish only the first wrap and
    /// only for the book's reader keys; the owner's side and the maker's network up to `MAX_WRAPS_PER_READER` wraps
    /// (to re-issue one that does not open); a workshop or insurer starts an epoch only after a record in the current.
    /// @param tokenId The book.
    /// @param epoch The epoch the wrapped key belongs to.
    /// @param readerKeys The readers' X25519 public keys.
    /// @param wraps One wrap per reader key, in the same order.
    function publishEpochWraps(uint256 tokenId, uint32 epoch, bytes32[] calldata readerKeys, bytes[] calldata wraps)
        external;

    /// @notice `publishEpochWraps` for several epochs in one transaction, applied in order.
    /// @param tokenId The book.
    /// @param batches One entry per epoch.
    function publishEpochWrapsBatch(uint256 tokenId, EpochWraps[] calldata batches) external;

    /// @notice Whether `account` may publish epoch-key wraps of `tokenId` now.
    /// @param tokenId The book.
    /// @param account The would-be publisher.
    function canPublishEpochWraps(uint256 tokenId, address account) external view returns (bool);

    /// @notice Whether `account` is a trusted publisher of `tokenId` now: the owner, or the maker's admin, a dealer or
    /// an official workshop. Readers prefer their wraps; writers re-issue wraps only others published.
    /// @param tokenId The book.
    /// @param account The publisher.
    function isTrustedPublisher(uint256 tokenId, address account) external view returns (bool);

    /// @notice How many wraps of `epoch` for `readerKey` were accepted under the book's current owner.
    /// @param tokenId The book.
    /// @param epoch The epoch.
    /// @param readerKey The reader key.
    function wrapCount(uint256 tokenId, uint32 epoch, bytes32 readerKey) external view returns (uint8);

    /// @notice A book's epoch state.
    /// @param tokenId The book.
    function bookKeys(uint256 tokenId) external view returns (BookKeys memory);

    /// @notice A book's current epoch; `started` is false before the first one.
    /// @param tokenId The book.
    /// @return started Whether the first epoch was started.
    /// @return epoch The current epoch.
    function currentEpoch(uint256 tokenId) external view returns (bool started, uint32 epoch);

    /// @notice The owner adds a share link's reader key and its wraps of started epochs (each ≤ current).
    /// @param tokenId The book.
    /// @param shareKey The share link's X25519 public key.
    /// @param epochs The epochs whose keys are wrapped.
    /// @param wraps One wrap per epoch, in the same order.
    function addShareKey(uint256 tokenId, bytes32 shareKey, uint32[] calldata epochs, bytes[] calldata wraps) external;

    /// @notice The owner revokes a share link's key.
    /// @param tokenId The book.
    /// @param shareKey The share link's X25519 public key.
    function revokeShareKey(uint256 tokenId, bytes32 shareKey) external;

    /// @notice One page of the blocks where this registry emitted `OrgKeyPublished` or `OrgKeyWrapped` for an
    /// organisation, oldest first, deduplicated (a staff member finds its wrap of the current key there).
    /// @param orgId The organisation.
    /// @param start Index of the first entry to return.
    /// @param count Most entries to return.
    /// @return blocks Block numbers, strictly increasing.
    /// @return total Number of entries in the whole list.
    function orgKeyEventBlocks(uint32 orgId, uint256 start, uint256 count)
        external
        view
        returns (uint256[] memory blocks, uint256 total);

    /// @notice One page of the share keys the current owner added and has not revoked (`isShareKeyLive` for each).
    /// A sale starts an empty list.
    /// @param tokenId The book.
    /// @param start Index of the first entry to return.
    /// @param count Most entries to return.
    /// @return shareKeys Live share keys, in no particular order.
    /// @return total Number of live share keys.
    function shareKeysOf(uint256 tokenId, uint256 start, uint256 count)
        external
        view
        returns (bytes32[] memory shareKeys, uint256 total);

    /// @notice Lists share keys added before the index upgrade that are still live (anyone may call; a key is
    /// listed only if `isShareKeyLive` says so, so it needs no trust).
    /// @param tokenId The book.
    /// @param shareKeys Candidate keys (from the book's `ShareKeyAdded` logs).
    function indexLegacyShareKeys(uint256 tokenId, bytes32[] calldata shareKeys) external;

    /// @notice Whether a share key is a reader now (added by the current owner and not revoked).
    /// @param tokenId The book.
    /// @param shareKey The share link's X25519 public key.
    function isShareKeyLive(uint256 tokenId, bytes32 shareKey) external view returns (bool);
}
