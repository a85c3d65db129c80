// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IBookEventIndex} from "./IBookEventIndex.sol";

/// @title CarBook: one ERC-721 title per vehicle, with an append-only, hash-chained history.
/// @notice tokenId = uint256(vinCommitment). Record bodies live in events; each book stores the head of a
/// hash chain over its records so a client can prove that the history an RPC node returned is complete.
/// Read indexes (see contracts/README.md "Read indexes"): `bookEventBlocks` lists the blocks of every CarBook event
/// about a book except telematics readings, which have their own list (`readingBlocks`) and their own hash chain
/// (`readingsHead`); `booksOf` lists an owner's books; `granteesOf` a book's grantees under the current owner.
interface ICarBook is IBookEventIndex {
    enum BookStatus {
        None,
        Active,
        Wrecked,
        Destroyed
    }

    enum RecordKind {
        None,
        OdometerReading,
        Service,
        Repair,
        Inspection,
        ExpertDiagnosis,
        OdometerCorrection,
        Note
    }

    /// @notice A book as readers see it. Storage packs it differently (see CarBook's `BookState`/`BookInfo`).
    struct Book {
        uint64 mileage;
        uint32 recordCount;
        uint32 manufacturerOrg;
        BookStatus status;
        uint40 createdAt;
        /// @notice Number of odometer corrections: a permanent public marker, never reset.
        uint16 corrections;
        /// @notice Device time of the last accepted telematics reading (0 if none).
        uint64 lastReadingAt;
        /// @notice The insurer organisation whose expert declared the total loss (0 unless wrecked).
        uint32 wreckInsurerOrg;
        /// @notice Incremented on every title transfer; grants of earlier owners carry an older epoch.
        uint32 ownershipEpoch;
    }

    /// @notice An independent workshop's temporary write right, given by the owner of `epoch`.
    struct Grant {
        uint40 expiresAt;
        uint32 epoch;
    }

    /// @notice One telematics reading, EIP-712 signed by the book's device key (signature in EIP-2098 form).
    struct TelematicsReading {
        uint256 tokenId;
        uint64 mileage;
        uint64 timestamp;
        bytes32 r;
        bytes32 vs;
    }

    /// @notice A lower odometer value; both signatures are EIP-712 over `correctionDigest(...)`, which binds the
    /// book's current mileage and record count, so a signed correction can be used once only.
    struct OdometerCorrection {
        uint256 tokenId;
        uint64 correctedMileage;
        bytes32 documentHash;
        bytes payload;
        address workshop;
        bytes ownerSignature;
        bytes workshopSignature;
    }

    /// @notice Why a reading in a batch was skipped (the batch never reverts for one bad reading).
    enum ReadingSkipReason {
        None,
        BookNotActive,
        NoDeviceKey,
        BadSignature,
        FromTheFuture,
        NotNewer,
        TooSoon,
        MileageImplausible,
        MileageDecreased
    }

    error CarBookNotManufacturer(address account);
    error CarBookAlreadyExists(uint256 tokenId);
    error CarBookInvalidCommitment();
    error CarBookInvalidOwner(address owner);
    error CarBookNotFound(uint256 tokenId);
    error CarBookNotWriter(uint256 tokenId, address account);
    error CarBookMileageDecreased(uint64 last, uint64 given);
    error CarBookMileageImplausible(uint64 given, uint64 max);
    error CarBookRecordKindNotAllowed(RecordKind kind);
    error CarBookPayloadTooLarge(uint256 size, uint256 max);
    error CarBookNotActive(uint256 tokenId, BookStatus status);
    error CarBookDestroyed(uint256 tokenId);
    error CarBookOnlyGovernance(address caller);
    error CarBookNotOwner(uint256 tokenId, address account);
    error CarBookInvalidGrantee(address grantee);
    error CarBookGrantTooLong(uint64 expiresAt, uint64 maxExpiresAt);
    error CarBookGrantExpired(uint64 expiresAt);
    error CarBookNoGrant(uint256 tokenId, address grantee);
    error CarBookNotDeviceManager(uint256 tokenId, address account);
    error CarBookCorrectionNotLower(uint64 last, uint64 given);
    error CarBookInvalidSignature(address expected, address recovered);
    error CarBookNotOfficialWorkshop(uint256 tokenId, address workshop);
    error CarBookNotInsuranceRegistry(address caller);
    error CarBookNotRecycler(address account);
    error CarBookWreckTransferRefused(uint256 tokenId, address to);
    error CarBookEmptyBatch();

    event CarBookCreated(
        uint256 indexed tokenId,
        uint32 indexed manufacturerOrg,
        address indexed firstOwner,
        address deviceKey,
        string metadataURI
    );

    /// @notice One record of a book's history; `head` is the book's hash-chain head after this record.
    event RecordAppended(
        uint256 indexed tokenId,
        uint32 index,
        address indexed writer,
        uint32 indexed writerOrg,
        RecordKind kind,
        uint64 mileage,
        uint64 timestamp,
        bytes32 documentHash,
        bytes payload,
        bytes32 head
    );

    event AccessGranted(uint256 indexed tokenId, address indexed grantee, address indexed grantor, uint64 expiresAt);
    event AccessRevoked(uint256 indexed tokenId, address indexed grantee);
    event DeviceKeyRotated(uint256 indexed tokenId, address indexed previousKey, address indexed newKey);
    /// @notice A reading's mileage entered the book. Readings have their own hash chain, separate from the records':
    /// `head = keccak256(abi.encode(previousHead, tokenId, uint64 mileage, uint64 timestamp))`, starting from zero;
    /// `head` is the chain's head after this reading and equals `readingsHead(tokenId)` for the latest one.
    event TelematicsReadingRecorded(uint256 indexed tokenId, uint64 mileage, uint64 timestamp, bytes32 head);
    event TelematicsReadingSkipped(uint256 indexed tokenId, uint256 indexed batchIndex, ReadingSkipReason reason);
    /// @notice The permanent public marker of a lower odometer value, signed by the owner and an official workshop.
    event OdometerCorrected(
        uint256 indexed tokenId, uint64 previousMileage, uint64 correctedMileage, address indexed workshop, uint32 index
    );
    event BookWrecked(uint256 indexed tokenId, uint32 indexed insurerOrg);
    event BookDestroyed(uint256 indexed tokenId, uint32 indexed recyclerOrg);

    /// @notice A manufacturer's staff creates the car book at first sale and gives the title to the first owner.
    function createCarBook(bytes32 vinCommitment, address firstOwner, address deviceKey, string calldata metadataURI)
        external
        returns (uint256 tokenId);

    /// @notice Appends a record; mileage in km never decreases.
    function appendRecord(
        uint256 tokenId,
        uint64 mileage,
        RecordKind kind,
        bytes32 documentHash,
        bytes calldata payload
    ) external;

    /// @notice A book's hot state.
    function book(uint256 tokenId) external view returns (Book memory);

    /// @notice A book's hash-chain head over all its records (zero before the first record).
    function historyHead(uint256 tokenId) external view returns (bytes32);

    /// @notice Whether `account` may append a record to `tokenId` now.
    function canWrite(uint256 tokenId, address account) external view returns (bool);

    /// @notice The consortium registry this book asks about organisations and roles.
    function consortium() external view returns (address);

    /// @notice The telematics device key registered for a book.
    function deviceKey(uint256 tokenId) external view returns (address);

    /// @notice An independent workshop's grant and whether it is valid now.
    function grantOf(uint256 tokenId, address grantee) external view returns (Grant memory grant, bool valid);

    /// @notice The owner gives `grantee` a temporary write right, expiring at `expiresAt` (≤ governance maximum).
    function grantAccess(uint256 tokenId, address grantee, uint64 expiresAt) external;

    /// @notice The owner revokes a grant at once.
    function revokeAccess(uint256 tokenId, address grantee) external;

    /// @notice The book's manufacturer (admin, dealer or telematics operator) registers a new device key.
    function rotateDeviceKey(uint256 tokenId, address newKey) external;

    /// @notice Anyone relays device-signed readings; bad readings are skipped with an event, never reverting.
    function submitReadings(TelematicsReading[] calldata readings) external returns (uint256 accepted);

    /// @notice A lower odometer value, signed (EIP-712) by the owner and an official workshop of the maker.
    function correctOdometer(OdometerCorrection calldata correction) external;

    /// @notice The insurance registry records a mandated expert's diagnosis; a total loss wrecks the book for good.
    function recordDiagnosis(
        uint256 tokenId,
        address expert,
        uint32 insurerOrg,
        uint64 mileage,
        bool totalLoss,
        bytes32 documentHash,
        bytes calldata payload
    ) external;

    /// @notice A recycler holding the title declares the vehicle destroyed; the book never changes again.
    function declareDestroyed(uint256 tokenId) external;

    // ---------------------------------------------------------------- read indexes

    /// @notice One page of the blocks where the book has accepted telematics readings (`TelematicsReadingRecorded`),
    /// oldest first, deduplicated. Readings are not in `bookEventBlocks`: a history page need not load them.
    /// @param tokenId The book.
    /// @param start Index of the first entry to return (0 = the oldest).
    /// @param count Most entries to return.
    /// @return blocks Block numbers, strictly increasing.
    /// @return total Number of entries in the whole list.
    function readingBlocks(uint256 tokenId, uint256 start, uint256 count)
        external
        view
        returns (uint256[] memory blocks, uint256 total);

    /// @notice Head of the book's telematics hash chain (zero before the first reading; readings accepted before the
    /// index upgrade are not in it). A reader recomputes it from the `TelematicsReadingRecorded` logs of the blocks
    /// in `readingBlocks` and detects a withheld reading; a suffix is checked from the `head` of the reading before.
    function readingsHead(uint256 tokenId) external view returns (bytes32);

    /// @notice One page of the books `owner` holds (a person's garage, an insurer's or a recycler's yard), in no
    /// particular order; `total` equals `balanceOf(owner)`. The order changes when a book leaves the list (the
    /// last entry takes its place), so read a page at one pinned block. On a deployment upgraded to the indexes, a
    /// book minted before the upgrade and not yet backfilled shows as a zero id (skip it).
    /// @param owner The title holder.
    /// @param start Index of the first entry to return.
    /// @param count Most entries to return.
    /// @return tokenIds Book ids.
    /// @return total Number of books the owner holds.
    function booksOf(address owner, uint256 start, uint256 count)
        external
        view
        returns (uint256[] memory tokenIds, uint256 total);

    /// @notice One page of the accounts the current owner granted write access to and has not revoked. A sale
    /// starts an empty list; an expired grant stays listed until revoked (check `grantOf` for validity).
    /// @param tokenId The book.
    /// @param start Index of the first entry to return.
    /// @param count Most entries to return.
    /// @return grantees Granted accounts, in no particular order.
    /// @return total Number of listed grantees.
    function granteesOf(uint256 tokenId, uint256 start, uint256 count)
        external
        view
        returns (address[] memory grantees, uint256 total);

    /// @notice The EIP-712 digest of a telematics reading.
    function readingDigest(uint256 tokenId, uint64 mileage, uint64 timestamp) external view returns (bytes32);

    /// @notice The EIP-712 digest both the owner and the workshop sign for an odometer correction.
    function correctionDigest(uint256 tokenId, uint64 correctedMileage, bytes32 documentHash, bytes calldata payload)
        external
        view
        returns (bytes32);
}
