// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IBookEventIndex} from "./IBookEventIndex.sol";

/// @title CarBook: one ERC-721 title per vehicle, with an append-only, hash-chained history.
/// @notice tokenId = uint256(vinCommitment). Record bodies live in events; each book stores the head of a
/// hash chain over its records so a client can prove that the history an RPC node returned is complete.
/// Read indexes (see contracts/README.md "Read indexes"): `bookEventBlocks` lists the blocks of every CarBook event
/// about a book except telematics readings, which have their own hash chain (`readingsHead`) and are linked block to
/// block: each `TelematicsReadingAppended` names the block of the reading before it, and a reader walks back from
/// `readingChain`'s newest block and from each `readingCheckpoints` entry, at most eight blocks a walk (readings from
/// before the reading-chain upgrade: the blocks in `readingBlocks`); `booksOf` lists an owner's books; `granteesOf` a
/// book's grantees under the current owner; `connectedBlocksOf` the blocks of a maker's cars' device key changes. A
/// skipped reading that the book's maker relayed is listed in `readingBlocks` (its `TelematicsReadingSkipped` event is
/// in that block).
interface ICarBook is IBookEventIndex {
    enum BookStatus {
        None,
        Active,
        Wrecked,
        Destroyed,
        /// @notice Governance voided a wrongly created book (e.g. another maker's car): it never changes again.
        Voided
    }

    enum RecordKind {
        None,
        OdometerReading,
        Service,
        Repair,
        Inspection,
        ExpertDiagnosis,
        OdometerCorrection,
        Note,
        /// @notice Governance voided an earlier, implausible entry: the payload is `abi.encode(uint32 index)` in
        /// clear (the voided record's position), the mileage is the restored one. Not an odometer correction.
        EntryVoided
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

    /// @notice `account` is neither a dealer nor the admin of a manufacturer.
    error CarBookNotManufacturer(address account);
    /// @notice A book with this VIN commitment exists already.
    error CarBookAlreadyExists(uint256 tokenId);
    /// @notice The VIN commitment is zero.
    error CarBookInvalidCommitment();
    /// @notice The first owner is the zero address.
    error CarBookInvalidOwner(address owner);
    /// @notice No book has this id.
    error CarBookNotFound(uint256 tokenId);
    /// @notice `account` may not append records to the book now.
    error CarBookNotWriter(uint256 tokenId, address account);
    /// @notice The mileage is below the book's last one.
    error CarBookMileageDecreased(uint64 last, uint64 given);
    /// @notice The mileage is above the plausible maximum.
    error CarBookMileageImplausible(uint64 given, uint64 max);
    /// @notice This kind of record is not written with `appendRecord`.
    error CarBookRecordKindNotAllowed(RecordKind kind);
    /// @notice The encrypted payload is larger than the maximum.
    error CarBookPayloadTooLarge(uint256 size, uint256 max);
    /// @notice The book is wrecked or destroyed, so it takes no more records.
    error CarBookNotActive(uint256 tokenId, BookStatus status);
    /// @notice The vehicle was declared destroyed: the book and its title never change again.
    error CarBookDestroyed(uint256 tokenId);
    /// @notice `account` does not hold the book's title.
    error CarBookNotOwner(uint256 tokenId, address account);
    /// @notice The grantee is the zero address or the owner.
    error CarBookInvalidGrantee(address grantee);
    /// @notice The grant ends later than the governance maximum allows.
    error CarBookGrantTooLong(uint64 expiresAt, uint64 maxExpiresAt);
    /// @notice The grant's end is not in the future.
    error CarBookGrantExpired(uint64 expiresAt);
    /// @notice `grantee` holds no valid grant from the current owner.
    error CarBookNoGrant(uint256 tokenId, address grantee);
    /// @notice `account` may not manage the book's telematics device key.
    error CarBookNotDeviceManager(uint256 tokenId, address account);
    /// @notice An odometer correction must lower the mileage.
    error CarBookCorrectionNotLower(uint64 last, uint64 given);
    /// @notice A signature does not recover to the account that had to sign.
    error CarBookInvalidSignature(address expected, address recovered);
    /// @notice `workshop` is not an official workshop of the book's maker.
    error CarBookNotOfficialWorkshop(uint256 tokenId, address workshop);
    /// @notice Only the insurance registry named by governance may record diagnoses.
    error CarBookNotInsuranceRegistry(address caller);
    /// @notice Only a recycler's admin or dismantler holding the title may declare the vehicle destroyed.
    error CarBookNotRecycler(address account);
    /// @notice A wreck may only go to the insurer that declared it or to a recycler.
    error CarBookWreckTransferRefused(uint256 tokenId, address to);
    /// @notice The batch of readings is empty.
    error CarBookEmptyBatch();
    /// @notice `orgId` does not hold the world manufacturer identifier `wmi` (governance assigns them).
    error CarBookWmiNotHeld(bytes3 wmi, uint32 orgId);
    /// @notice The book's public metadata must be one line without control or bidirectional-text characters.
    error CarBookMetadataNotOneLine();
    /// @notice The mileage rose faster than `carbook.maxKmPerDay` allows since the record that set the last one.
    error CarBookMileageTooFast(uint64 last, uint64 given, uint64 maxAllowed);
    /// @notice The owner who signs an odometer correction is staff of the correcting workshop's organisation.
    error CarBookCorrectionSignersNotDistinct(uint256 tokenId, address owner, address workshop);
    /// @notice The voided entry does not exist, or the restored mileage or time is not before the current one.
    error CarBookInvalidVoid(uint256 tokenId, uint32 index);
    /// @notice The organisation to reassign a book to is not an active manufacturer.
    error CarBookInvalidMaker(uint32 orgId);
    /// @notice A maker's restored connected blocks are already set, or the blocks given are empty, not strictly
    /// increasing, or not before its live list.
    error CarBookInvalidBackfill(uint32 manufacturerOrg);
    /// @notice The book belongs to another shard: `shard = tokenId % shardCount`, and this chain is `thisShard`.
    error CarBookWrongShard(uint256 shard, uint256 thisShard);
    /// @notice A shard rule needs at least one shard and this chain's index below their number.
    error CarBookInvalidShardRule(uint256 shardIndex, uint256 shardCount);

    /// @notice A manufacturer created a book and gave its title to the first owner.
    /// @param tokenId The new book (`uint256(vinCommitment)`).
    /// @param manufacturerOrg The maker's organisation.
    /// @param firstOwner The first title holder.
    /// @param deviceKey The telematics device key (zero if none).
    /// @param metadataURI The book's public metadata.
    event CarBookCreated(
        uint256 indexed tokenId,
        uint32 indexed manufacturerOrg,
        address indexed firstOwner,
        address deviceKey,
        string metadataURI
    );

    /// @notice One record of a book's history; `head` is the book's hash-chain head after this record.
    /// @param tokenId The book.
    /// @param index The record's position in the book (0 = the first).
    /// @param writer The account that wrote it.
    /// @param writerOrg The writer's organisation (0 for the owner as a private person).
    /// @param kind What the record is.
    /// @param mileage The odometer value in km.
    /// @param timestamp The block time of the record.
    /// @param documentHash Hash of the supporting document (zero if none).
    /// @param payload The encrypted record body.
    /// @param head The book's hash-chain head after this record.
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

    /// @notice The owner gave a workshop a temporary write right.
    /// @param tokenId The book.
    /// @param grantee The workshop's account.
    /// @param grantor The owner who gave it.
    /// @param expiresAt When the right ends.
    event AccessGranted(uint256 indexed tokenId, address indexed grantee, address indexed grantor, uint64 expiresAt);
    /// @notice The owner revoked a workshop's write right.
    /// @param tokenId The book.
    /// @param grantee The workshop's account.
    event AccessRevoked(uint256 indexed tokenId, address indexed grantee);
    /// @notice The book's manufacturer registered a new telematics device key.
    /// @param tokenId The book.
    /// @param previousKey The key replaced (zero if none).
    /// @param newKey The key now accepted.
    event DeviceKeyRotated(uint256 indexed tokenId, address indexed previousKey, address indexed newKey);
    /// @notice A reading's mileage entered the book (emitted by deployments before the reading-chain upgrade, kept
    /// for readers of their logs). Its chain step: `head = keccak256(abi.encode(previousHead, tokenId, uint64
    /// mileage, uint64 timestamp))`, starting from zero; its blocks are listed in `readingBlocks`.
    /// @param tokenId The book.
    /// @param mileage The reading's odometer value in km.
    /// @param timestamp The device time of the reading.
    /// @param head The readings' hash-chain head after this reading.
    event TelematicsReadingRecorded(uint256 indexed tokenId, uint64 mileage, uint64 timestamp, bytes32 head);
    /// @notice A reading's mileage entered the book. Readings have their own hash chain, separate from the records':
    /// `head = keccak256(abi.encode(previousHead, tokenId, uint64 mileage, uint64 timestamp)) & ~(2^64 - 1)` (the
    /// low 64 bits cleared: they hold the chain's cursor in storage), starting from zero, or from the head of the
    /// book's `TelematicsReadingRecorded` readings on an upgraded deployment; `head` equals `readingsHead(tokenId)`
    /// for the latest one. `previousBlock` links the readings: the block of the book's reading before this one (0
    /// for its first reading since the reading-chain upgrade); a reader walks back from `readingChain`'s newest
    /// block and from each `readingCheckpoints` entry.
    /// @param tokenId The book.
    /// @param mileage The reading's odometer value in km.
    /// @param timestamp The device time of the reading.
    /// @param head The readings' hash-chain head after this reading.
    /// @param previousBlock Block of the book's reading before this one (0 if none since the upgrade).
    event TelematicsReadingAppended(
        uint256 indexed tokenId, uint64 mileage, uint64 timestamp, bytes32 head, uint256 previousBlock
    );
    /// @notice A reading of a batch was not accepted.
    /// @param tokenId The book the reading names.
    /// @param batchIndex The reading's position in the batch.
    /// @param reason Why it was skipped.
    event TelematicsReadingSkipped(uint256 indexed tokenId, uint256 indexed batchIndex, ReadingSkipReason reason);
    /// @notice The permanent public marker of a lower odometer value, signed by the owner and an official workshop.
    /// @param tokenId The book.
    /// @param previousMileage The odometer value before the correction, in km.
    /// @param correctedMileage The corrected value, in km.
    /// @param workshop The official workshop that signed.
    /// @param index The position of the correction's record in the book.
    event OdometerCorrected(
        uint256 indexed tokenId, uint64 previousMileage, uint64 correctedMileage, address indexed workshop, uint32 index
    );
    /// @notice An insurer's mandated expert declared a total loss; the book takes no more records.
    /// @param tokenId The book.
    /// @param insurerOrg The insurer whose expert declared it.
    event BookWrecked(uint256 indexed tokenId, uint32 indexed insurerOrg);
    /// @notice A recycler declared the vehicle destroyed; the book never changes again.
    /// @param tokenId The book.
    /// @param recyclerOrg The recycler's organisation.
    event BookDestroyed(uint256 indexed tokenId, uint32 indexed recyclerOrg);

    /// @notice Governance voided an implausible entry (a `RecordKind.EntryVoided` record follows it in the chain).
    /// @param tokenId The book.
    /// @param voidedIndex The voided record's position.
    /// @param previousMileage The mileage before the void, in km.
    /// @param restoredMileage The mileage the book continues from, in km.
    event RecordVoided(uint256 indexed tokenId, uint32 voidedIndex, uint64 previousMileage, uint64 restoredMileage);
    /// @notice Governance gave a wrongly created book to the right maker (its device key is cleared).
    /// @param tokenId The book.
    /// @param previousOrg The maker that created it.
    /// @param manufacturerOrg The maker that now holds it.
    event BookReassigned(uint256 indexed tokenId, uint32 indexed previousOrg, uint32 indexed manufacturerOrg);
    /// @notice Governance voided a wrongly created book: it never changes again.
    /// @param tokenId The book.
    event BookVoided(uint256 indexed tokenId);
    /// @notice The shard rule was set (at deployment, or by an executed proposal): this chain holds the books whose
    /// `tokenId % shardCount == shardIndex`.
    /// @param shardIndex This chain's shard, from 0.
    /// @param shardCount How many chains the consortium runs.
    event ShardRuleSet(uint256 shardIndex, uint256 shardCount);

    /// @notice A manufacturer's staff creates the car book at first sale and gives the title to the first owner.
    /// The book's id binds the maker's world manufacturer identifier: `tokenId = uint256(keccak256(abi.encodePacked(
    /// wmi, vinDigest)))`, so a maker can only create books of VINs that start with a WMI it holds, and the VIN
    /// stays hidden (a buyer recomputes both from the VIN).
    /// @param wmi The VIN's first three characters (ASCII), held by the caller's organisation
    /// (`Parameters.wmiHolderKey`).
    /// @param vinDigest keccak256(scrypt(VIN, salt, N, r, p, 32)) with `IConsortium.vinCommitmentParams` (books
    /// created before the WMI binding have this digest as their id).
    /// @param firstOwner The first title holder.
    /// @param deviceKey The telematics device key (zero if none).
    /// @param metadataURI The book's public metadata (one line).
    /// @return tokenId The new book; refused with `CarBookWrongShard` unless `tokenId % shardCount` is this chain's
    /// shard (`shardRule`).
    function createCarBook(
        bytes3 wmi,
        bytes32 vinDigest,
        address firstOwner,
        address deviceKey,
        string calldata metadataURI
    ) external returns (uint256 tokenId);

    /// @notice Governance (an executed proposal) voids an implausible entry: appends a `RecordKind.EntryVoided`
    /// record naming it and restores the mileage and the pace clock to the last plausible record's.
    /// @param tokenId The book.
    /// @param index The voided record's position.
    /// @param restoredMileage The mileage of the last plausible record (≤ the current one).
    /// @param restoredAt The block time of that record (≤ now).
    /// @param documentHash Hash of the governance decision (zero if none).
    function voidRecord(uint256 tokenId, uint32 index, uint64 restoredMileage, uint64 restoredAt, bytes32 documentHash)
        external;

    /// @notice Governance gives a wrongly created book to the maker of the car (clears its device key).
    /// @param tokenId The book.
    /// @param manufacturerOrg An active manufacturer.
    function reassignBook(uint256 tokenId, uint32 manufacturerOrg) external;

    /// @notice Governance voids a wrongly created book for good (status `Voided`).
    /// @param tokenId The book.
    function voidBook(uint256 tokenId) external;

    /// @notice Governance (an executed `UpgradeContract` proposal to the current implementation with this call as
    /// data, executed on every shard) changes the shard rule; a deployment from before the rule sets it this way.
    /// @param shardIndex This chain's shard, below `shardCount`.
    /// @param shardCount How many chains the consortium runs (at least 1).
    function setShardRule(uint32 shardIndex, uint32 shardCount) external;

    /// @notice The public shard rule: this chain holds the books whose `tokenId % shardCount == shardIndex`, where
    /// `tokenId = uint256(keccak256(abi.encodePacked(wmi, vinDigest)))` (so a book id alone routes). A deployment
    /// from before the rule that governance has not set answers (0, 1): one shard, every book.
    /// @return shardIndex This chain's shard, from 0.
    /// @return shardCount How many chains the consortium runs.
    function shardRule() external view returns (uint256 shardIndex, uint256 shardCount);

    /// @notice Appends a record; mileage in km never decreases.
    /// @param tokenId The book.
    /// @param mileage The odometer value in km.
    /// @param kind What the record is (not `None`, `OdometerCorrection` or `ExpertDiagnosis`).
    /// @param documentHash Hash of the supporting document (zero if none).
    /// @param payload The encrypted record body.
    function appendRecord(
        uint256 tokenId,
        uint64 mileage,
        RecordKind kind,
        bytes32 documentHash,
        bytes calldata payload
    ) external;

    /// @notice A book's hot state.
    /// @param tokenId The book.
    function book(uint256 tokenId) external view returns (Book memory);

    /// @notice Block time of the record that last raised the book's mileage (0 if none since the pace upgrade): the
    /// start of the `carbook.maxKmPerDay` allowance. Not in `Book`, whose layout registries compiled earlier decode.
    /// @param tokenId The book.
    function lastRecordAt(uint256 tokenId) external view returns (uint64);

    /// @notice A book's hash-chain head over all its records (zero before the first record).
    /// @param tokenId The book.
    function historyHead(uint256 tokenId) external view returns (bytes32);

    /// @notice Whether `account` may append a record to `tokenId` now.
    /// @param tokenId The book.
    /// @param account The would-be writer.
    function canWrite(uint256 tokenId, address account) external view returns (bool);

    /// @notice The consortium registry this book asks about organisations and roles.
    function consortium() external view returns (address);

    /// @notice The telematics device key registered for a book.
    /// @param tokenId The book.
    function deviceKey(uint256 tokenId) external view returns (address);

    /// @notice An independent workshop's grant and whether it is valid now.
    /// @param tokenId The book.
    /// @param grantee The workshop's account.
    /// @return grant The grant as stored (zero if none).
    /// @return valid Whether it was given by the current owner and has not expired.
    function grantOf(uint256 tokenId, address grantee) external view returns (Grant memory grant, bool valid);

    /// @notice The owner gives `grantee` a temporary write right, expiring at `expiresAt` (≤ governance maximum).
    /// @param tokenId The book.
    /// @param grantee The workshop's account.
    /// @param expiresAt When the right ends.
    function grantAccess(uint256 tokenId, address grantee, uint64 expiresAt) external;

    /// @notice The owner revokes a grant at once.
    /// @param tokenId The book.
    /// @param grantee The workshop's account.
    function revokeAccess(uint256 tokenId, address grantee) external;

    /// @notice The book's manufacturer (admin, dealer or telematics operator) registers a new device key.
    /// @param tokenId The book.
    /// @param newKey The device key to accept from now on.
    function rotateDeviceKey(uint256 tokenId, address newKey) external;

    /// @notice Anyone relays device-signed readings; bad readings are skipped with an event, never reverting. Each
    /// accepted reading emits `TelematicsReadingAppended` and moves the book's `readingChain` cursor (one storage
    /// word); a skip moves nothing of it.
    /// @param readings The signed readings, of one or several books.
    /// @return accepted How many readings entered their books.
    function submitReadings(TelematicsReading[] calldata readings) external returns (uint256 accepted);

    /// @notice A lower odometer value, signed (EIP-712) by the owner and an official workshop of the maker.
    /// @param correction The corrected value with both signatures.
    function correctOdometer(OdometerCorrection calldata correction) external;

    /// @notice The insurance registry records a mandated expert's diagnosis; a total loss wrecks the book for good.
    /// @param tokenId The book.
    /// @param expert The mandated expert who made the diagnosis.
    /// @param insurerOrg The insurer that mandated the expert.
    /// @param mileage The odometer value in km.
    /// @param totalLoss Whether the vehicle is a total loss.
    /// @param documentHash Hash of the expert's report.
    /// @param payload The encrypted record body.
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
    /// @param tokenId The book.
    function declareDestroyed(uint256 tokenId) external;

    // ---------------------------------------------------------------- read indexes

    /// @notice One page of the blocks where the book had telematics readings accepted before the reading-chain
    /// upgrade (`TelematicsReadingRecorded`; later ones are found through `readingChain`) or skipped readings
    /// relayed by its maker's staff (`TelematicsReadingSkipped`), oldest first, deduplicated.
    /// Readings are not in `bookEventBlocks`: a history page need not load them. A skip relayed by anyone else is
    /// emitted but not listed, so that no stranger can grow a book's list.
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
    /// index upgrade are not in it). A reader recomputes it from the reading logs (`TelematicsReadingRecorded` in
    /// the blocks of `readingBlocks`, then `TelematicsReadingAppended` along `readingChain`) and detects a withheld
    /// reading; a suffix is checked from the `head` of the reading before.
    /// @param tokenId The book.
    function readingsHead(uint256 tokenId) external view returns (bytes32);

    /// @notice The book's readings since the reading-chain upgrade (all of them on a deployment made after it):
    /// their chain's head, the block of the newest one and how many there are. Each `TelematicsReadingAppended`
    /// names the block of the reading before it, so a reader walks back from `newestBlock`, and in parallel from
    /// each entry of `readingCheckpoints` (at most eight readings apart).
    /// @param tokenId The book.
    /// @return head Equal to `readingsHead(tokenId)` once the book has such a reading (zero before).
    /// @return newestBlock Block of the newest reading (0 if none).
    /// @return count Number of readings since the upgrade.
    function readingChain(uint256 tokenId) external view returns (bytes32 head, uint256 newestBlock, uint256 count);

    /// @notice One page of the blocks of the book's readings number 0, 8, 16, … (counted as in `readingChain`),
    /// oldest first, a block listed once when several such readings share it.
    /// @param tokenId The book.
    /// @param start Index of the first entry to return (0 = the oldest).
    /// @param count Most entries to return.
    /// @return blocks Block numbers, strictly increasing.
    /// @return total Number of entries in the whole list.
    function readingCheckpoints(uint256 tokenId, uint256 start, uint256 count)
        external
        view
        returns (uint256[] memory blocks, uint256 total);

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

    /// @notice One page of the blocks in which one of a manufacturer's books got or lost a device key: a creation
    /// with a key (`CarBookCreated`) or a `rotateDeviceKey` from or to a key (`DeviceKeyRotated`), each block once,
    /// blocks restored by `backfillConnectedBlocks` first. A client reads those blocks' logs and keeps the books
    /// whose current maker is the organisation and whose newest device key change is in that block
    /// (`deviceKeyBlockOf`): each car once. A book reassigned away drops out (its maker changed); the new maker
    /// lists it when it registers its own key.
    /// @param manufacturerOrg The maker's organisation.
    /// @param start Index of the first entry to return.
    /// @param count Most entries to return.
    /// @return blocks Block numbers, oldest first.
    /// @return total Number of blocks in the maker's list.
    function connectedBlocksOf(uint32 manufacturerOrg, uint256 start, uint256 count)
        external
        view
        returns (uint256[] memory blocks, uint256 total);

    /// @notice What a client needs to place a book in its maker's connected cars.
    /// @param tokenId The book.
    /// @return manufacturerOrg The book's current maker.
    /// @return deviceKey The book's current device key (zero if none).
    /// @return blockNumber Block of its last `rotateDeviceKey` or `reassignBook`; 0 if none since the connected-cars
    /// index (its newest key change is then its creation, or for an older book the last one a client finds).
    function deviceKeyBlockOf(uint256 tokenId)
        external
        view
        returns (uint32 manufacturerOrg, address deviceKey, uint256 blockNumber);

    /// @notice Governance restores a maker's connected blocks from before the connected-cars index (blocks in which
    /// one of its books was created with, or rotated from or to, a device key), once per maker; they page before the
    /// live list. Reverts `CarBookInvalidBackfill` unless the maker's restored list is empty and `blocks` is
    /// non-empty, strictly increasing and before the live list's first block (or the current block).
    /// @param manufacturerOrg The maker's organisation.
    /// @param blocks Block numbers, oldest first.
    function backfillConnectedBlocks(uint32 manufacturerOrg, uint32[] calldata blocks) external;

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
    /// @param tokenId The book.
    /// @param mileage The odometer value in km.
    /// @param timestamp The device time of the reading.
    function readingDigest(uint256 tokenId, uint64 mileage, uint64 timestamp) external view returns (bytes32);

    /// @notice The EIP-712 digest both the owner and the workshop sign for an odometer correction.
    /// @param tokenId The book.
    /// @param correctedMileage The corrected value, in km.
    /// @param documentHash Hash of the supporting document.
    /// @param payload The encrypted record body.
    function correctionDigest(uint256 tokenId, uint64 correctedMileage, bytes32 documentHash, bytes calldata payload)
        external
        view
        returns (bytes32);
}
