// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Frozen copy of the registry as deployed before the reading-chain upgrade (commit 88333de), renamed with a
// PreChain suffix: the "previous layout" of `npm run check:storage` for that upgrade and the starting point of
// test/UpgradeToReadingChain.t.sol (readings with full-width heads, listed in `readingBlocks`). It compiles
// against today's ICarBook, whose types the libraries share: the two views that upgrade added (`readingChain`,
// `readingCheckpoints`) revert here, at the end of the contract. Never edit it to follow src/.

import {ERC721Upgradeable} from "@openzeppelin/contracts-upgradeable/token/ERC721/ERC721Upgradeable.sol";
import {GovernedUpgradeable} from "../../../src/base/GovernedUpgradeable.sol";
import {ICarBook} from "../../../src/interfaces/ICarBook.sol";
import {IConsortium} from "../../../src/interfaces/IConsortium.sol";
import {IBookEventIndex} from "../../../src/interfaces/IBookEventIndex.sol";
import {BlockIndex} from "../../../src/libraries/BlockIndex.sol";
import {CarBookTypedData} from "../../../src/libraries/CarBookTypedData.sol";
import {CarBookExtensionPreChain as CarBookExtension} from "./CarBookExtensionPreChain.sol";
import {CarBookStorageLocation} from "../../../src/libraries/CarBookStorageLocation.sol";
import {EnumerableSet} from "@openzeppelin/contracts/utils/structs/EnumerableSet.sol";
import {Roles} from "../../../src/Roles.sol";
import {Parameters} from "../../../src/Parameters.sol";
import {OneLineText} from "../../../src/libraries/OneLineText.sol";
import {BookState, PackedBookState} from "../../../src/libraries/PackedBookState.sol";

/// @title CarBook registry: every vehicle's title and history in one contract behind a UUPS proxy.
/// @notice The car book registry; its interfaces `ICarBook` and `IBookEventIndex` document each function.
/// @dev One registry for all cars instead of the paper's contract per car: creating a book costs a mint,
/// not a deployment. Record bodies are events; storage keeps only what rules need and the hash-chain head
/// that lets a reader prove an RPC node returned every record.
///
/// Storage per book: `BookState` (one slot: device key, mileage, last reading time, status, record count) is
/// the only slot that records and telematics readings rewrite besides the chain heads and the block lists' tail
/// words; `BookInfo` (one slot) holds what changes rarely (maker, creation time, ownership epoch, correction
/// marker, wreck insurer, creation block, position in the owner's list). Read indexes: contracts/README.md.
contract CarBookPreChain is ICarBook, ERC721Upgradeable, GovernedUpgradeable {
    using BlockIndex for BlockIndex.List;

    /// @notice Largest encrypted payload a record may carry, in bytes.
    uint256 public constant MAX_PAYLOAD_BYTES = 4096;
    /// @notice No road vehicle reaches ten million km; anything above is a typing error or an attack.
    uint64 public constant MAX_MILEAGE_KM = 10_000_000;
    /// @notice Pace bound while governance has not set `carbook.maxKmPerDay`: 24 hours at 125 km/h.
    uint256 public constant DEFAULT_MAX_KM_PER_DAY = 3_000;
    /// @notice EIP-712 type a telematics device signs.
    bytes32 public constant READING_TYPEHASH = CarBookTypedData.READING_TYPEHASH;
    /// @notice EIP-712 type the owner and an official workshop both sign to lower the odometer.
    bytes32 public constant CORRECTION_TYPEHASH = CarBookTypedData.CORRECTION_TYPEHASH;

    /// @dev Cold state: written at creation, on a sale, a correction or a wreck. The last three members (read
    /// indexes) were appended by the index upgrade and are zero for books minted before it: `createdBlock` is the
    /// first entry of the book's block list, `ownerIndex` its position in its owner's list (`ownerListed`).
    /// `lastRecordAt` (appended by the pace upgrade, zero before) is the block time of the record that last raised
    /// the mileage, the start of the `carbook.maxKmPerDay` allowance (uint32 lasts until 2106).
    struct BookInfo {
        uint32 manufacturerOrg;
        uint40 createdAt;
        uint32 ownershipEpoch;
        uint16 corrections;
        uint32 wreckInsurerOrg;
        uint32 createdBlock;
        uint32 ownerIndex;
        bool ownerListed;
        uint32 lastRecordAt;
    }

    /// @custom:storage-location erc7201:carbook.storage.CarBook
    struct CarBookStorage {
        IConsortium consortium;
        /// @dev Hot state, one slot per book, read and written through `PackedBookState` only.
        mapping(uint256 tokenId => BookState) states;
        mapping(uint256 tokenId => bytes32) heads;
        mapping(uint256 tokenId => BookInfo) infos;
        mapping(uint256 tokenId => mapping(address grantee => Grant)) grants;
        // ---- read indexes (appended by the index upgrade)
        /// @dev Blocks of the book's events after its creation block (which is `BookInfo.createdBlock`).
        mapping(uint256 tokenId => BlockIndex.List) eventBlocks;
        /// @dev Blocks of events before the index upgrade, restored by governance.
        mapping(uint256 tokenId => BlockIndex.List) legacyEventBlocks;
        mapping(uint256 tokenId => BlockIndex.List) readingBlocks;
        mapping(uint256 tokenId => bytes32) readingHeads;
        /// @dev An owner's books at positions 0 … balanceOf(owner) - 1 (ERC721Enumerable's scheme, position in
        /// `BookInfo`); a book minted before the upgrade and not yet listed leaves a zero at some position.
        mapping(address owner => mapping(uint256 index => uint256 tokenId)) owned;
        mapping(uint256 tokenId => mapping(uint32 ownershipEpoch => EnumerableSet.AddressSet)) grantees;
        uint256 indexStartBlock;
        // ---- shard rule (appended by the sharding upgrade; zero count: a deployment from before it, one shard)
        /// @dev This chain holds the books whose `tokenId % shardCount == shardIndex`.
        uint32 shardIndex;
        uint32 shardCount;
        /// @dev Set by `initialize` (appended by the connected-cars upgrade, in the shard rule's slot): a deployment
        /// created after the WMI binding holds no book whose id is a bare VIN digest, so `createCarBook` skips
        /// that check (a cold read). False on every deployment from before, which keeps the check.
        bool wmiBoundFromGenesis;
        // ---- connected books (appended by the connected-cars upgrade)
        /// @dev Blocks in which one of the maker's books got or lost a device key (a creation with a key, a
        /// `rotateDeviceKey` from or to a key), each block once.
        mapping(uint32 manufacturerOrg => BlockIndex.List) connectedBlocks;
        /// @dev Such blocks from before the connected-cars index, restored by governance.
        mapping(uint32 manufacturerOrg => BlockIndex.List) legacyConnectedBlocks;
        /// @dev Block of the book's last `rotateDeviceKey` or `reassignBook` (0: none since the index; then its
        /// creation is its newest device key change).
        mapping(uint256 tokenId => uint256) deviceKeyBlock;
    }

    /// @notice The registry's second code contract (grants, device keys, destruction, read-index views and
    /// backfill), run by delegatecall on this contract's storage.
    /// @custom:oz-upgrades-unsafe-allow state-variable-immutable
    address public immutable EXTENSION;

    /// @dev The namespace's slot is `CarBookStorageLocation.VALUE` (shared with `CarBookExtension`).
    function _s() private pure returns (CarBookStorage storage $) {
        bytes32 location = CarBookStorageLocation.VALUE;
        assembly {
            $.slot := location
        }
    }

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
        EXTENSION = address(new CarBookExtension());
    }

    /// @notice Initialises a new deployment (whose indexes start with it) on one shard of the consortium's chains.
    /// @param consortium_ The consortium registry asked about organisations, roles and parameters.
    /// @param shardIndex_ This chain's shard, below `shardCount_` (0 for a single chain).
    /// @param shardCount_ How many chains the consortium runs (1 for a single chain).
    function initialize(IConsortium consortium_, uint32 shardIndex_, uint32 shardCount_) external initializer {
        __ERC721_init("CarBook", "CARBOOK");
        _s().consortium = consortium_;
        _s().indexStartBlock = block.number;
        if (shardCount_ == 0 || shardIndex_ >= shardCount_) revert CarBookInvalidShardRule(shardIndex_, shardCount_);
        _s().shardIndex = shardIndex_;
        _s().shardCount = shardCount_;
        _s().wmiBoundFromGenesis = true;
        emit ShardRuleSet(shardIndex_, shardCount_);
    }

    /// @notice Run by the upgrade that introduces the read indexes (as `upgradeToAndCall` data, so only the
    /// consortium can): records the block from which the indexes are complete.
    function initializeIndexes() external reinitializer(2) {
        _onlyGovernance();
        _s().indexStartBlock = block.number;
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc ICarBook
    function consortium() external view returns (address) {
        return address(_s().consortium);
    }

    /// @inheritdoc ICarBook
    function book(uint256 tokenId) external view returns (Book memory) {
        CarBookStorage storage $ = _s();
        BookState memory st = $.states[tokenId].read();
        BookInfo memory info = $.infos[tokenId];
        return Book({
            mileage: st.mileage,
            recordCount: st.recordCount,
            manufacturerOrg: info.manufacturerOrg,
            status: st.status,
            createdAt: info.createdAt,
            corrections: info.corrections,
            lastReadingAt: st.lastReadingAt,
            wreckInsurerOrg: info.wreckInsurerOrg,
            ownershipEpoch: info.ownershipEpoch
        });
    }

    /// @inheritdoc ICarBook
    function lastRecordAt(uint256 tokenId) external view returns (uint64) {
        return _s().infos[tokenId].lastRecordAt;
    }

    /// @inheritdoc ICarBook
    function historyHead(uint256 tokenId) external view returns (bytes32) {
        return _s().heads[tokenId];
    }

    /// @inheritdoc ICarBook
    function deviceKey(uint256 tokenId) external view returns (address) {
        return PackedBookState.deviceKey(_s().states[tokenId].load());
    }

    /// @inheritdoc ICarBook
    function grantOf(uint256 tokenId, address grantee) external view returns (Grant memory grant, bool valid) {
        CarBookStorage storage $ = _s();
        grant = $.grants[tokenId][grantee];
        valid = _grantValid(grant, $.infos[tokenId].ownershipEpoch);
    }

    /// @inheritdoc ICarBook
    function canWrite(uint256 tokenId, address account) external view returns (bool) {
        if (_s().states[tokenId].statusOf() != BookStatus.Active) return false;
        (bool allowed,) = _writerOrg(tokenId, account);
        return allowed;
    }

    /// @notice The EIP-712 domain separator (name "CarBook", version "1", this chain, this proxy).
    function domainSeparator() public view returns (bytes32) {
        return CarBookTypedData.domainSeparator();
    }

    /// @notice ERC-5267: the EIP-712 domain, so that wallets and clients need not hard-code it.
    /// @return fields 0x0f: name, version, chain id and verifying contract are set.
    /// @return name "CarBook".
    /// @return version "1".
    /// @return chainId This chain.
    /// @return verifyingContract This proxy.
    /// @return salt Unused (zero).
    /// @return extensions None.
    function eip712Domain()
        external
        view
        returns (
            bytes1 fields,
            string memory name,
            string memory version,
            uint256 chainId,
            address verifyingContract,
            bytes32 salt,
            uint256[] memory extensions
        )
    {
        return (hex"0f", "CarBook", "1", block.chainid, address(this), bytes32(0), new uint256[](0));
    }

    /// @inheritdoc ICarBook
    function readingDigest(uint256 tokenId, uint64 mileage, uint64 timestamp) public view returns (bytes32) {
        return CarBookTypedData.readingDigest(domainSeparator(), tokenId, mileage, timestamp);
    }

    /// @inheritdoc ICarBook
    function correctionDigest(uint256 tokenId, uint64 correctedMileage, bytes32 documentHash, bytes calldata payload)
        external
        view
        returns (bytes32)
    {
        BookState memory st = _s().states[tokenId].read();
        return CarBookTypedData.correctionDigest(
            domainSeparator(), tokenId, st.mileage, correctedMileage, st.recordCount, documentHash, keccak256(payload)
        );
    }

    // ---------------------------------------------------------------- creation and records

    /// @inheritdoc ICarBook
    function createCarBook(
        bytes3 wmi,
        bytes32 vinDigest,
        address firstOwner,
        address deviceKey_,
        string calldata metadataURI
    ) external returns (uint256 tokenId) {
        CarBookStorage storage $ = _s();
        (uint32 orgId, IConsortium.OrgKind kind, bytes32 role) = $.consortium.membershipOf(msg.sender);
        if (kind != IConsortium.OrgKind.Manufacturer || (role != Roles.DEALER && role != Roles.ORG_ADMIN)) {
            revert CarBookNotManufacturer(msg.sender);
        }
        // The id commits to the WMI in clear and the hidden VIN digest: another maker's car is out of reach.
        if ($.consortium.parameter(Parameters.wmiHolderKey(wmi)) != orgId) revert CarBookWmiNotHeld(wmi, orgId);
        if (vinDigest == bytes32(0)) revert CarBookInvalidCommitment();
        if (firstOwner == address(0)) revert CarBookInvalidOwner(firstOwner);
        if (!OneLineText.isOneLineCalldata(metadataURI)) revert CarBookMetadataNotOneLine();
        // A car with a book from before the WMI binding (id = the digest) keeps that one book unless it was voided.
        if (!$.wmiBoundFromGenesis) _noLiveLegacyBook($, vinDigest);
        tokenId = uint256(keccak256(abi.encodePacked(wmi, vinDigest)));
        BookState storage state = $.states[tokenId];
        // The shard rule: the book lives on the chain whose index is its id modulo the number of chains.
        uint256 shardCount = $.shardCount;
        if (shardCount > 1 && tokenId % shardCount != $.shardIndex) {
            revert CarBookWrongShard(tokenId % shardCount, $.shardIndex);
        }
        if (state.statusOf() != BookStatus.None) revert CarBookAlreadyExists(tokenId);

        state.write(
            BookState({deviceKey: deviceKey_, mileage: 0, lastReadingAt: 0, status: BookStatus.Active, recordCount: 0})
        );
        // The new book goes last in its owner's list; the creation block is the first entry of its block list.
        uint256 ownerIndex = balanceOf(firstOwner);
        $.infos[tokenId] = BookInfo({
            manufacturerOrg: orgId,
            createdAt: uint40(block.timestamp),
            ownershipEpoch: 0,
            corrections: 0,
            wreckInsurerOrg: 0,
            createdBlock: _blockNumber32(),
            ownerIndex: uint32(ownerIndex),
            ownerListed: true,
            lastRecordAt: 0
        });
        $.owned[firstOwner][ownerIndex] = tokenId;
        // The maker's connected blocks: one packed entry, nothing more for a second book in the same block.
        if (deviceKey_ != address(0)) $.connectedBlocks[orgId].pushCurrent(0);
        _mint(firstOwner, tokenId);
        emit CarBookCreated(tokenId, orgId, firstOwner, deviceKey_, metadataURI);
    }

    /// @dev Reverts when the car has a book from before the WMI binding (id = the digest) that was not voided.
    function _noLiveLegacyBook(CarBookStorage storage $, bytes32 vinDigest) private view {
        BookStatus legacy = $.states[uint256(vinDigest)].statusOf();
        if (legacy != BookStatus.None && legacy != BookStatus.Voided) revert CarBookAlreadyExists(uint256(vinDigest));
    }

    /// @inheritdoc ICarBook
    function appendRecord(
        uint256 tokenId,
        uint64 mileage,
        RecordKind kind,
        bytes32 documentHash,
        bytes calldata payload
    ) external {
        BookState memory st = _activeBook(tokenId);
        (bool allowed, uint32 writerOrg) = _writerOrg(tokenId, msg.sender);
        if (!allowed) revert CarBookNotWriter(tokenId, msg.sender);
        // Diagnoses belong to mandated experts, corrections need two signatures and voids a vote: none is a plain
        // append.
        if (
            kind == RecordKind.None || kind == RecordKind.ExpertDiagnosis || kind == RecordKind.OdometerCorrection
                || kind == RecordKind.EntryVoided
        ) revert CarBookRecordKindNotAllowed(kind);
        _checkRecord(st, mileage, payload);
        _checkPace(tokenId, st, mileage);
        _append(tokenId, st, msg.sender, writerOrg, kind, mileage, documentHash, payload);
    }

    /// @inheritdoc ICarBook
    /// @dev Runs in `CarBookExtension` (no gas ceiling; its signature checks would not fit in this contract).
    function correctOdometer(OdometerCorrection calldata) external {
        _forward();
    }

    // ---------------------------------------------------------------- workshop grants

    /// @inheritdoc ICarBook
    /// @dev Runs in `CarBookExtension` (like `revokeAccess`, `rotateDeviceKey`, `declareDestroyed`).
    function grantAccess(uint256, address, uint64) external {
        _forward();
    }

    /// @inheritdoc ICarBook
    function revokeAccess(uint256, address) external {
        _forward();
    }

    // ---------------------------------------------------------------- telematics

    /// @inheritdoc ICarBook
    function rotateDeviceKey(uint256, address) external {
        _forward();
    }

    /// @inheritdoc ICarBook
    /// @dev Measured hot path (`npm run bench:gas`, ceiling 25,000 gas a reading with the readings' index and
    /// chain): each reading reads and writes the book's packed `BookState` word once and hashes in scratch memory,
    /// instead of copying the struct.
    function submitReadings(TelematicsReading[] calldata readings) external returns (uint256 accepted) {
        if (readings.length == 0) revert CarBookEmptyBatch();
        CarBookStorage storage $ = _s();
        bytes32 domain = domainSeparator();
        uint256 minInterval = $.consortium.parameter(Parameters.MIN_READING_INTERVAL);
        uint256 blockNumber = _blockNumber32();
        for (uint256 i; i < readings.length; ++i) {
            TelematicsReading calldata reading = readings[i];
            BookState storage st = $.states[reading.tokenId];
            uint256 word = st.load();
            ReadingSkipReason reason = _readingSkipReason(domain, minInterval, word, reading);
            if (reason != ReadingSkipReason.None) {
                emit TelematicsReadingSkipped(reading.tokenId, i, reason);
                _delegate(abi.encodeCall(CarBookExtension.indexSkippedReading, (reading.tokenId)));
                continue;
            }
            // Both new values fit 32 bits: mileage ≤ MAX_MILEAGE_KM and timestamp ≤ block.timestamp were checked.
            st.store(PackedBookState.withReading(word, uint32(reading.mileage), uint32(reading.timestamp)));
            _acceptReading($, reading, blockNumber);
            // At most readings.length iterations.
            unchecked {
                ++accepted;
            }
        }
    }

    /// @dev The accepted reading's index entries, in one assembly block because it runs once per reading of a
    /// 100-reading batch (the ceiling is 25,000 gas a reading, whole transaction):
    /// - the current block joins `readingBlocks[tokenId]`: `BlockIndex.push` inlined (same layout; the library's
    ///   `page` reads it, and the telematics tests compare the two);
    /// - readingsHead' = keccak256(abi.encode(readingsHead, tokenId, uint64 mileage, uint64 timestamp)), the
    ///   three words being the reading's first three calldata words (validated by `_readingSkipReason`);
    /// - `TelematicsReadingRecorded(tokenId, mileage, timestamp, head)` is emitted.
    function _acceptReading(CarBookStorage storage $, TelematicsReading calldata reading, uint256 blockNumber) private {
        mapping(uint256 => BlockIndex.List) storage lists = $.readingBlocks;
        mapping(uint256 => bytes32) storage heads = $.readingHeads;
        bytes32 topic = TelematicsReadingRecorded.selector;
        assembly ("memory-safe") {
            let tokenId := calldataload(reading)
            mstore(0x00, tokenId)
            mstore(0x20, lists.slot)
            let tailSlot := keccak256(0x00, 0x40)
            mstore(0x20, heads.slot)
            let headSlot := keccak256(0x00, 0x40)
            let tail := sload(tailSlot)
            let n := and(tail, 0xffffffff)
            let pending := and(n, 7)
            // Last entry: newest pending one, or the shadow copy at position 0 right after a word was filled.
            let last := 0
            if n { last := and(shr(mul(32, add(pending, iszero(pending))), tail), 0xffffffff) }
            if iszero(eq(last, blockNumber)) {
                switch eq(pending, 7)
                case 1 {
                    mstore(0x00, shr(3, n))
                    mstore(0x20, add(tailSlot, 1))
                    sstore(keccak256(0x00, 0x40), or(shr(32, tail), shl(224, blockNumber)))
                    sstore(tailSlot, or(add(n, 1), shl(32, blockNumber)))
                }
                default {
                    let shift := add(32, mul(32, pending))
                    sstore(tailSlot, or(add(and(tail, not(shl(shift, 0xffffffff))), 1), shl(shift, blockNumber)))
                }
            }
            let ptr := mload(0x40)
            mstore(ptr, sload(headSlot))
            calldatacopy(add(ptr, 0x20), reading, 0x60)
            let head := keccak256(ptr, 0x80)
            sstore(headSlot, head)
            mstore(add(ptr, 0x80), head)
            log2(add(ptr, 0x40), 0x60, topic, tokenId)
        }
    }

    function _readingSkipReason(bytes32 domain, uint256 minInterval, uint256 word, TelematicsReading calldata reading)
        private
        view
        returns (ReadingSkipReason)
    {
        // The word's fields by the library's offsets, inline (see `PackedBookState.MILEAGE_SHIFT`).
        if (uint8(word >> PackedBookState.STATUS_SHIFT) != uint8(BookStatus.Active)) {
            return ReadingSkipReason.BookNotActive;
        }
        address device = address(uint160(word));
        if (device == address(0)) return ReadingSkipReason.NoDeviceKey;
        if (CarBookTypedData.recoverReading(domain, reading) != device) return ReadingSkipReason.BadSignature;
        uint256 lastReadingAt = uint32(word >> PackedBookState.LAST_READING_AT_SHIFT);
        if (reading.timestamp > block.timestamp) return ReadingSkipReason.FromTheFuture;
        if (reading.timestamp <= lastReadingAt) return ReadingSkipReason.NotNewer;
        if (lastReadingAt != 0 && reading.timestamp < lastReadingAt + minInterval) return ReadingSkipReason.TooSoon;
        if (reading.mileage > MAX_MILEAGE_KM) return ReadingSkipReason.MileageImplausible;
        if (reading.mileage < uint32(word >> PackedBookState.MILEAGE_SHIFT)) return ReadingSkipReason.MileageDecreased;
        return ReadingSkipReason.None;
    }

    // ---------------------------------------------------------------- accidents and end of life

    /// @inheritdoc ICarBook
    function recordDiagnosis(
        uint256 tokenId,
        address expert,
        uint32 insurerOrg,
        uint64 mileage,
        bool totalLoss,
        bytes32 documentHash,
        bytes calldata payload
    ) external {
        CarBookStorage storage $ = _s();
        if (msg.sender != address(uint160($.consortium.parameter(Parameters.INSURANCE_REGISTRY)))) {
            revert CarBookNotInsuranceRegistry(msg.sender);
        }
        BookState memory st = _activeBook(tokenId);
        _checkRecord(st, mileage, payload);
        _checkPace(tokenId, st, mileage);
        if (totalLoss) {
            st.status = BookStatus.Wrecked;
            $.infos[tokenId].wreckInsurerOrg = insurerOrg;
        }
        _append(tokenId, st, expert, insurerOrg, RecordKind.ExpertDiagnosis, mileage, documentHash, payload);
        if (totalLoss) emit BookWrecked(tokenId, insurerOrg);
    }

    /// @inheritdoc ICarBook
    function declareDestroyed(uint256) external {
        _forward();
    }

    /// @inheritdoc ICarBook
    /// @dev Runs in `CarBookExtension`, like `reassignBook` and `voidBook`; governance calls them through an
    /// `UpgradeContract` proposal to the current implementation with the call as data (contracts/README.md).
    function voidRecord(uint256, uint32, uint64, uint64, bytes32) external {
        _forward();
    }

    /// @inheritdoc ICarBook
    function reassignBook(uint256, uint32) external {
        _forward();
    }

    /// @inheritdoc ICarBook
    function setShardRule(uint32, uint32) external {
        _forward();
    }

    /// @inheritdoc ICarBook
    function shardRule() external view returns (uint256, uint256) {
        _forwardView();
    }

    /// @inheritdoc ICarBook
    function voidBook(uint256) external {
        _forward();
    }

    // ---------------------------------------------------------------- internals

    function _activeBook(uint256 tokenId) private view returns (BookState memory st) {
        st = _s().states[tokenId].read();
        if (st.status == BookStatus.None) revert CarBookNotFound(tokenId);
        if (st.status != BookStatus.Active) revert CarBookNotActive(tokenId, st.status);
    }

    /// @dev The format rules every record obeys: bounded payload, plausible and non-decreasing mileage.
    function _checkRecord(BookState memory st, uint64 mileage, bytes calldata payload) private pure {
        if (payload.length > MAX_PAYLOAD_BYTES) revert CarBookPayloadTooLarge(payload.length, MAX_PAYLOAD_BYTES);
        if (mileage > MAX_MILEAGE_KM) revert CarBookMileageImplausible(mileage, MAX_MILEAGE_KM);
        if (mileage < st.mileage) revert CarBookMileageDecreased(st.mileage, mileage);
    }

    /// @dev Mileage pace (`carbook.maxKmPerDay`): a record may raise the mileage by at most that many km per day since
    /// the record that last raised it (the book's creation if none), with one day's worth always allowed. The first
    /// mileage of a book is free (a book may be created for a used car); an implausible one is voided by governance.
    function _checkPace(uint256 tokenId, BookState memory st, uint64 mileage) private {
        if (mileage <= st.mileage) return;
        BookInfo storage info = _s().infos[tokenId];
        if (st.mileage != 0) {
            uint256 since = info.lastRecordAt;
            if (since == 0) since = info.createdAt;
            // A rise within the allowance at the range's minimum (the consortium refuses a lower parameter; the
            // default is higher) passes whatever the parameter: only a larger one pays the external read (≈ 9,000
            // gas cold). `rise > ⌊min · span / 1 day⌋` is `rise · 1 day > min · span` for integers. Unchecked: block
            // times only grow, the mileage rose (first line) and is below 2^24.
            uint256 span;
            uint256 rise;
            bool aboveMinimum;
            unchecked {
                span = block.timestamp - since + 1 days;
                rise = mileage - st.mileage;
                aboveMinimum = rise * 1 days > Parameters.MIN_MAX_KM_PER_DAY * span;
            }
            if (aboveMinimum) {
                uint256 perDay = _s().consortium.parameter(Parameters.MAX_KM_PER_DAY);
                if (perDay == 0) perDay = DEFAULT_MAX_KM_PER_DAY;
                // Bounded: perDay ≤ 20,000 (governance range) and the time is a block time, so no overflow.
                uint256 allowed = perDay * span / 1 days;
                if (rise > allowed) revert CarBookMileageTooFast(st.mileage, mileage, uint64(st.mileage + allowed));
            }
        }
        info.lastRecordAt = uint32(block.timestamp);
    }

    /// @dev The one place a record enters a book: updates hot state, extends the hash chain, indexes the block,
    /// emits the body.
    /// head' = keccak256(abi.encode(head, tokenId, uint32 index, writer, uint32 writerOrg, kind, uint64 mileage,
    ///                   uint64 timestamp, documentHash, keccak256(payload)))
    /// Telematics readings have their own chain (see `_acceptReading`):
    /// readingsHead' = keccak256(abi.encode(readingsHead, tokenId, uint64 mileage, uint64 timestamp))
    function _append(
        uint256 tokenId,
        BookState memory st,
        address writer,
        uint32 writerOrg,
        RecordKind kind,
        uint64 mileage,
        bytes32 documentHash,
        bytes calldata payload
    ) private {
        CarBookStorage storage $ = _s();
        uint32 index = st.recordCount;
        bytes32 head = keccak256(
            abi.encode(
                $.heads[tokenId],
                tokenId,
                index,
                writer,
                writerOrg,
                kind,
                mileage,
                uint64(block.timestamp),
                documentHash,
                keccak256(payload)
            )
        );
        // Callers checked mileage ≤ MAX_MILEAGE_KM < 2^32; the uint24 increment is checked (panics at 2^24 records).
        st.mileage = uint32(mileage);
        st.recordCount = st.recordCount + 1;
        $.states[tokenId].write(st);
        $.heads[tokenId] = head;
        _indexEvent(tokenId);
        emit RecordAppended(
            tokenId, index, writer, writerOrg, kind, mileage, uint64(block.timestamp), documentHash, payload, head
        );
    }

    /// @dev Who may write and for which organisation: the owner (as a private person, org 0), the maker's network
    /// (admin, dealers, official workshops), or a workshop while the current owner's grant lasts.
    function _writerOrg(uint256 tokenId, address account) private view returns (bool, uint32) {
        CarBookStorage storage $ = _s();
        if (_ownerOf(tokenId) == account) return (true, 0);
        BookInfo memory info = $.infos[tokenId];
        (uint32 orgId,, bytes32 role) = $.consortium.membershipOf(account);
        if (orgId == info.manufacturerOrg && Roles.isMakerNetwork(role)) return (true, orgId);
        if (_grantValid($.grants[tokenId][account], info.ownershipEpoch)) return (true, orgId);
        return (false, 0);
    }

    function _grantValid(Grant memory grant, uint32 epoch) private view returns (bool) {
        return grant.expiresAt > block.timestamp && grant.epoch == epoch;
    }

    /// @dev A wreck may only be handed to the insurer that declared it, or to a recycler.
    function _mayHoldWreck(uint256 tokenId, address to) private view returns (bool) {
        (uint32 orgId, IConsortium.OrgKind kind, bytes32 role) = _s().consortium.membershipOf(to);
        if (kind == IConsortium.OrgKind.Insurer) {
            return
                orgId == _s().infos[tokenId].wreckInsurerOrg
                    && (role == Roles.ORG_ADMIN || role == Roles.CLAIMS_HANDLER);
        }
        return kind == IConsortium.OrgKind.Recycler && (role == Roles.ORG_ADMIN || role == Roles.DISMANTLER);
    }

    /// @dev Title transfers are sales: a new ownership epoch voids the previous owner's grants. A destroyed car's
    /// title never moves again; a wreck moves only to its insurer or a recycler.
    function _update(address to, uint256 tokenId, address auth) internal override returns (address from) {
        CarBookStorage storage $ = _s();
        BookStatus status = $.states[tokenId].statusOf();
        if (status == BookStatus.Destroyed) revert CarBookDestroyed(tokenId);
        if (status == BookStatus.Voided) revert CarBookNotActive(tokenId, status);
        from = super._update(to, tokenId, auth);
        if (from != address(0)) {
            if (status == BookStatus.Wrecked && !_mayHoldWreck(tokenId, to)) {
                revert CarBookWreckTransferRefused(tokenId, to);
            }
            BookInfo memory info = $.infos[tokenId];
            // Wrapping would need 2^32 sales of one car.
            unchecked {
                ++info.ownershipEpoch;
            }
            // Owner lists (minting lists the book in createCarBook). CarBook never burns, so `to` is an owner.
            _unlist(from, info.ownerListed ? info.ownerIndex : _findHole(from, balanceOf(from)));
            uint256 index = balanceOf(to) - 1;
            $.owned[to][index] = tokenId;
            info.ownerIndex = uint32(index);
            info.ownerListed = true;
            $.infos[tokenId] = info;
            _indexEvent(tokenId);
        }
    }

    // ---------------------------------------------------------------- read indexes

    // The read-index views and the backfill run in `CarBookExtension` (delegatecall, same storage), like grants,
    // device keys and destruction: CarBook's own code must stay under the 24,576-byte limit (EIP-170).
    // Parameters are decoded there, not here.

    /// @inheritdoc IBookEventIndex
    function bookEventBlocks(uint256, uint256, uint256) external view returns (uint256[] memory, uint256) {
        _forwardView();
    }

    /// @inheritdoc ICarBook
    function readingBlocks(uint256, uint256, uint256) external view returns (uint256[] memory, uint256) {
        _forwardView();
    }

    /// @inheritdoc ICarBook
    function readingsHead(uint256 tokenId) external view returns (bytes32) {
        return _s().readingHeads[tokenId];
    }

    /// @inheritdoc ICarBook
    function booksOf(address, uint256, uint256) external view returns (uint256[] memory, uint256) {
        _forwardView();
    }

    /// @inheritdoc ICarBook
    function granteesOf(uint256, uint256, uint256) external view returns (address[] memory, uint256) {
        _forwardView();
    }

    /// @inheritdoc ICarBook
    function connectedBlocksOf(uint32, uint256, uint256) external view returns (uint256[] memory, uint256) {
        _forwardView();
    }

    /// @inheritdoc ICarBook
    function deviceKeyBlockOf(uint256) external view returns (uint32, address, uint256) {
        _forwardView();
    }

    /// @inheritdoc ICarBook
    function backfillConnectedBlocks(uint32, uint32[] calldata) external {
        _forward();
    }

    /// @inheritdoc IBookEventIndex
    function indexStartBlock() external view returns (uint256) {
        return _s().indexStartBlock;
    }

    /// @inheritdoc IBookEventIndex
    /// @dev Also lists a book minted before the upgrade in its owner's list (at one of the zero positions it left).
    function backfillBookEventBlocks(uint256, uint32[] calldata) external {
        _forward();
    }

    /// @dev Runs the current call in `CarBookExtension` on this contract's storage and returns (or reverts) with its
    /// result; never returns to the caller.
    /// @custom:oz-upgrades-unsafe-allow delegatecall
    function _forward() private {
        address target = EXTENSION;
        assembly {
            calldatacopy(0, 0, calldatasize())
            let ok := delegatecall(gas(), target, 0, calldatasize(), 0, 0)
            returndatacopy(0, 0, returndatasize())
            if iszero(ok) { revert(0, returndatasize()) }
            return(0, returndatasize())
        }
    }

    /// @dev Runs `data` (a call of `CarBookExtension`) on this contract's storage, reverting with its error; used
    /// for the extension's internal entries, which CarBook does not declare and so nobody can call from outside.
    /// @custom:oz-upgrades-unsafe-allow delegatecall
    function _delegate(bytes memory data) private {
        address target = EXTENSION;
        assembly {
            if iszero(delegatecall(gas(), target, add(data, 0x20), mload(data), 0, 0)) {
                returndatacopy(0, 0, returndatasize())
                revert(0, returndatasize())
            }
        }
    }

    /// @dev `_forward` from a view: `CarBookExtension`' view functions write nothing (an `eth_call` or a STATICCALL
    /// would fail if they did), so the cast of the function pointer only silences the compiler's mutability check.
    function _forwardView() private view {
        function() internal forward = _forward;
        function() internal view forwardView;
        assembly {
            forwardView := forward
        }
        forwardView();
    }

    /// @dev Pushes the current block to the book's list (deduplicated, the creation block included).
    function _indexEvent(uint256 tokenId) private {
        CarBookStorage storage $ = _s();
        BlockIndex.List storage list = $.eventBlocks[tokenId];
        // The creation block precedes the list; read the cold BookInfo word only while the list is empty.
        list.pushCurrent(list.length() == 0 ? $.infos[tokenId].createdBlock : 0);
    }

    /// @dev Removes position `index` of `from`'s list, whose length is now `balanceOf(from)` (the book already
    /// left): the last entry takes its place (a zero — an unlisted pre-upgrade book — moves like any entry).
    function _unlist(address from, uint256 index) private {
        CarBookStorage storage $ = _s();
        uint256 last = balanceOf(from);
        if (index != last) {
            uint256 moved = $.owned[from][last];
            $.owned[from][index] = moved;
            if (moved != 0) $.infos[moved].ownerIndex = uint32(index);
        }
        delete $.owned[from][last];
    }

    /// @dev A zero position in `owner`'s list at or below `lastIndex`: where an unlisted pre-upgrade book sits.
    /// Only books minted before the index upgrade and not yet backfilled reach this loop.
    function _findHole(address owner, uint256 lastIndex) private view returns (uint256 index) {
        mapping(uint256 => uint256) storage list = _s().owned[owner];
        while (index < lastIndex && list[index] != 0) ++index;
    }

    function _blockNumber32() private view returns (uint32) {
        if (block.number > type(uint32).max) revert BlockIndex.BlockIndexBlockNumberTooLarge(block.number);
        return uint32(block.number);
    }

    /// @dev Governance is the consortium registry.
    function _governance() internal view override returns (address) {
        return address(_s().consortium);
    }

    // ---------------------------------------------------------------- added by the reading-chain upgrade

    /// @dev Not in the deployed version (see the header).
    function readingChain(uint256) external pure returns (bytes32, uint256, uint256) {
        revert();
    }

    /// @dev Not in the deployed version (see the header).
    function readingCheckpoints(uint256, uint256, uint256) external pure returns (uint256[] memory, uint256) {
        revert();
    }
}
