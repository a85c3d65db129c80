// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Frozen copy of the registry as deployed before the read indexes (commit 4f0f214), renamed with a V1 suffix:
// the "previous layout" of `npm run check:storage` and the starting point of test/UpgradeToIndexes.t.sol.
// Never edit it to follow src/.

/// @title Key registry of the privacy protocol: reading keys, organisation keys, book epoch-key wraps, share links.
/// @notice Stores only public keys and the few numbers clients need to agree on (key versions, a book's current
/// epoch); the key wraps themselves are event data (137 bytes each, format v1 of lib/browser/crypto/PROTOCOL.md §3).
/// The contract never sees a secret: what it decides is *who may publish* a wrap, which is what makes a wrap
/// count for clients (anyone can encrypt to a public key).
interface IKeyRegistryV1 {
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

    error KeyRegistryInvalidPublicKey();
    error KeyRegistryBookNotFound(uint256 tokenId);
    /// @notice Only the owner, the maker's network, a workshop with a valid grant or the covering insurer's staff
    /// may publish epoch-key wraps of a book.
    error KeyRegistryNotBookKeyPublisher(uint256 tokenId, address account);
    error KeyRegistryNotOwner(uint256 tokenId, address account);
    error KeyRegistryNotOrgAdmin(address account);
    error KeyRegistryNotStaff(uint32 orgId, address account);
    /// @notice An epoch may start only as the next one (`next`); wraps for started epochs are always allowed.
    error KeyRegistryEpochNotNext(uint256 tokenId, uint32 given, uint32 next);
    error KeyRegistryOrgKeyVersionNotNext(uint32 orgId, uint32 given, uint32 next);
    error KeyRegistryOrgKeyVersionNotCurrent(uint32 orgId, uint32 given, uint32 current);
    error KeyRegistryLengthMismatch(uint256 keys, uint256 wraps);
    error KeyRegistryEmptyWraps();
    /// @notice A wrap must be 137 bytes with version byte 0x01.
    error KeyRegistryInvalidWrap(uint256 index, uint256 length, uint8 version);
    error KeyRegistryShareKeyNotLive(uint256 tokenId, bytes32 shareKey);
    error KeyRegistryOnlyGovernance(address caller);

    /// @notice `account` registered (or replaced) its reading key.
    event ReadingKeyRegistered(address indexed account, bytes32 publicKey, uint32 version);
    /// @notice An organisation's admin registered a new organisation key.
    event OrgKeyPublished(uint32 indexed orgId, bytes32 publicKey, uint32 keyVersion, address indexed admin);
    /// @notice The organisation secret of `keyVersion`, wrapped for one staff member's reading key.
    event OrgKeyWrapped(uint32 indexed orgId, uint32 keyVersion, address indexed staff, bytes wrap);
    /// @notice A book moved to a new epoch (the first is 0).
    event EpochStarted(uint256 indexed tokenId, uint32 epoch, address indexed publisher);
    /// @notice One epoch key of a book wrapped for one reader key.
    event EpochKeyWrapped(
        uint256 indexed tokenId, uint32 epoch, bytes32 indexed readerKey, bytes wrap, address indexed publisher
    );
    /// @notice The owner made `shareKey` a reader of the book (a buyer's share link) for the current ownership.
    event ShareKeyAdded(uint256 indexed tokenId, bytes32 indexed shareKey, uint32 ownershipEpoch);
    /// @notice The owner removed a share link's key: the next write rotates the epoch.
    event ShareKeyRevoked(uint256 indexed tokenId, bytes32 indexed shareKey);

    /// @notice Registers (or replaces) the caller's X25519 reading public key.
    function registerReadingKey(bytes32 publicKey) external;

    /// @notice An account's reading key (zero key and version 0 if never registered).
    function readingKeyOf(address account) external view returns (ReadingKey memory);

    /// @notice An org admin registers the organisation's key `keyVersion` (= current + 1) and wraps its secret
    /// for staff members (each must be staff of the organisation).
    function publishOrgKey(bytes32 publicKey, uint32 keyVersion, address[] calldata staff, bytes[] calldata wraps)
        external;

    /// @notice An org admin wraps the current organisation key (`keyVersion` must be current) for more staff.
    function publishOrgStaffWraps(uint32 keyVersion, address[] calldata staff, bytes[] calldata wraps) external;

    /// @notice An organisation's current key.
    function orgKeyOf(uint32 orgId) external view returns (OrgKey memory);

    /// @notice Publishes wraps of epoch `epoch` of book `tokenId`, one per reader key. `epoch` = current + 1 (or 0
    /// for the first) starts that epoch; `epoch` ≤ current adds readers to a past or the current epoch.
    function publishEpochWraps(uint256 tokenId, uint32 epoch, bytes32[] calldata readerKeys, bytes[] calldata wraps)
        external;

    /// @notice `publishEpochWraps` for several epochs in one transaction, applied in order.
    function publishEpochWrapsBatch(uint256 tokenId, EpochWraps[] calldata batches) external;

    /// @notice Whether `account` may publish epoch-key wraps of `tokenId` now.
    function canPublishEpochWraps(uint256 tokenId, address account) external view returns (bool);

    /// @notice A book's epoch state.
    function bookKeys(uint256 tokenId) external view returns (BookKeys memory);

    /// @notice A book's current epoch; `started` is false before the first one.
    function currentEpoch(uint256 tokenId) external view returns (bool started, uint32 epoch);

    /// @notice The owner adds a share link's reader key and its wraps of started epochs (each ≤ current).
    function addShareKey(uint256 tokenId, bytes32 shareKey, uint32[] calldata epochs, bytes[] calldata wraps) external;

    /// @notice The owner revokes a share link's key.
    function revokeShareKey(uint256 tokenId, bytes32 shareKey) external;

    /// @notice Whether a share key is a reader now (added by the current owner and not revoked).
    function isShareKeyLive(uint256 tokenId, bytes32 shareKey) external view returns (bool);
}
