// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Frozen copy of the registry as deployed before the read indexes (commit 4f0f214), renamed with a V1 suffix:
// the "previous layout" of `npm run check:storage` and the starting point of test/UpgradeToIndexes.t.sol.
// Never edit it to follow src/.

import {ERC721Upgradeable} from "@openzeppelin/contracts-upgradeable/token/ERC721/ERC721Upgradeable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {MessageHashUtils} from "@openzeppelin/contracts/utils/cryptography/MessageHashUtils.sol";
import {ICarBookV1} from "./ICarBookV1.sol";
import {IConsortium} from "../../../src/interfaces/IConsortium.sol";
import {Roles} from "../../../src/Roles.sol";
import {Parameters} from "../../../src/Parameters.sol";

/// @title CarBook registry: every vehicle's title and history in one contract behind a UUPS proxy.
/// @dev One registry for all cars instead of the paper's contract per car: creating a book costs a mint,
/// not a deployment. Record bodies are events; storage keeps only what rules need and the hash-chain head
/// that lets a reader prove an RPC node returned every record.
///
/// Storage per book: `BookState` (one slot: device key, mileage, last reading time, status, record count) is
/// the only slot that records and telematics readings rewrite besides the chain head; `BookInfo` (one slot)
/// holds what changes rarely (maker, creation time, ownership epoch, correction marker, wreck insurer).
contract CarBookV1 is ICarBookV1, ERC721Upgradeable, UUPSUpgradeable {
    /// @notice Largest encrypted payload a record may carry, in bytes.
    uint256 public constant MAX_PAYLOAD_BYTES = 4096;
    /// @notice No road vehicle reaches ten million km; anything above is a typing error or an attack.
    uint64 public constant MAX_MILEAGE_KM = 10_000_000;

    bytes32 private constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 private constant NAME_HASH = keccak256("CarBook");
    bytes32 private constant VERSION_HASH = keccak256("1");
    /// @notice EIP-712 type a telematics device signs.
    bytes32 public constant READING_TYPEHASH =
        keccak256("TelematicsReading(uint256 tokenId,uint64 mileage,uint64 timestamp)");
    /// @notice EIP-712 type the owner and an official workshop both sign to lower the odometer.
    bytes32 public constant CORRECTION_TYPEHASH = keccak256(
        "OdometerCorrection(uint256 tokenId,uint64 previousMileage,uint64 correctedMileage,uint32 recordIndex,"
        "bytes32 documentHash,bytes32 payloadHash)"
    );

    /// @dev Hot state: 160 + 32 + 32 + 8 + 24 = 256 bits. Mileage ≤ MAX_MILEAGE_KM < 2^32; reading times are
    /// device seconds not after the block time (uint32 lasts until 2106); 2^24 records is 16.7 million.
    struct BookState {
        address deviceKey;
        uint32 mileage;
        uint32 lastReadingAt;
        BookStatus status;
        uint24 recordCount;
    }

    /// @dev Cold state: written at creation, on a sale, a correction or a wreck.
    struct BookInfo {
        uint32 manufacturerOrg;
        uint40 createdAt;
        uint32 ownershipEpoch;
        uint16 corrections;
        uint32 wreckInsurerOrg;
    }

    /// @custom:storage-location erc7201:carbook.storage.CarBook
    struct CarBookStorage {
        IConsortium consortium;
        mapping(uint256 tokenId => BookState) states;
        mapping(uint256 tokenId => bytes32) heads;
        mapping(uint256 tokenId => BookInfo) infos;
        mapping(uint256 tokenId => mapping(address grantee => Grant)) grants;
    }

    // keccak256(abi.encode(uint256(keccak256("carbook.storage.CarBook")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant STORAGE_LOCATION = 0x1dd5a9ce7f66bb5e86909f4dbdffef5e068c6f1455208d888a9f7fd8284e3e00;

    function _s() private pure returns (CarBookStorage storage $) {
        assembly {
            $.slot := STORAGE_LOCATION
        }
    }

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    function initialize(IConsortium consortium_) external initializer {
        __ERC721_init("CarBook", "CARBOOK");
        _s().consortium = consortium_;
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc ICarBookV1
    function consortium() external view returns (address) {
        return address(_s().consortium);
    }

    /// @inheritdoc ICarBookV1
    function book(uint256 tokenId) external view returns (Book memory) {
        CarBookStorage storage $ = _s();
        BookState memory st = $.states[tokenId];
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

    /// @inheritdoc ICarBookV1
    function historyHead(uint256 tokenId) external view returns (bytes32) {
        return _s().heads[tokenId];
    }

    /// @inheritdoc ICarBookV1
    function deviceKey(uint256 tokenId) external view returns (address) {
        return _s().states[tokenId].deviceKey;
    }

    /// @inheritdoc ICarBookV1
    function grantOf(uint256 tokenId, address grantee) external view returns (Grant memory grant, bool valid) {
        CarBookStorage storage $ = _s();
        grant = $.grants[tokenId][grantee];
        valid = _grantValid(grant, $.infos[tokenId].ownershipEpoch);
    }

    /// @inheritdoc ICarBookV1
    function canWrite(uint256 tokenId, address account) external view returns (bool) {
        if (_s().states[tokenId].status != BookStatus.Active) return false;
        (bool allowed,) = _writerOrg(tokenId, account);
        return allowed;
    }

    /// @notice The EIP-712 domain separator (name "CarBook", version "1", this chain, this proxy).
    function domainSeparator() public view returns (bytes32) {
        return keccak256(abi.encode(DOMAIN_TYPEHASH, NAME_HASH, VERSION_HASH, block.chainid, address(this)));
    }

    /// @notice ERC-5267: the EIP-712 domain, so that wallets and clients need not hard-code it.
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

    /// @inheritdoc ICarBookV1
    function readingDigest(uint256 tokenId, uint64 mileage, uint64 timestamp) public view returns (bytes32) {
        return _readingDigest(domainSeparator(), tokenId, mileage, timestamp);
    }

    /// @inheritdoc ICarBookV1
    function correctionDigest(uint256 tokenId, uint64 correctedMileage, bytes32 documentHash, bytes calldata payload)
        external
        view
        returns (bytes32)
    {
        BookState memory st = _s().states[tokenId];
        return
            _correctionDigest(tokenId, st.mileage, correctedMileage, st.recordCount, documentHash, keccak256(payload));
    }

    // ---------------------------------------------------------------- creation and records

    /// @inheritdoc ICarBookV1
    function createCarBook(bytes32 vinCommitment, address firstOwner, address deviceKey_, string calldata metadataURI)
        external
        returns (uint256 tokenId)
    {
        CarBookStorage storage $ = _s();
        (uint32 orgId, IConsortium.OrgKind kind, bytes32 role) = $.consortium.membershipOf(msg.sender);
        if (kind != IConsortium.OrgKind.Manufacturer || (role != Roles.DEALER && role != Roles.ORG_ADMIN)) {
            revert CarBookNotManufacturer(msg.sender);
        }
        if (vinCommitment == bytes32(0)) revert CarBookInvalidCommitment();
        if (firstOwner == address(0)) revert CarBookInvalidOwner(firstOwner);
        tokenId = uint256(vinCommitment);
        if ($.states[tokenId].status != BookStatus.None) revert CarBookAlreadyExists(tokenId);

        $.states[tokenId] =
            BookState({deviceKey: deviceKey_, mileage: 0, lastReadingAt: 0, status: BookStatus.Active, recordCount: 0});
        $.infos[tokenId] = BookInfo({
            manufacturerOrg: orgId,
            createdAt: uint40(block.timestamp),
            ownershipEpoch: 0,
            corrections: 0,
            wreckInsurerOrg: 0
        });
        _mint(firstOwner, tokenId);
        emit CarBookCreated(tokenId, orgId, firstOwner, deviceKey_, metadataURI);
    }

    /// @inheritdoc ICarBookV1
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
        // Diagnoses belong to mandated experts and corrections need two signatures: neither is a plain append.
        if (kind == RecordKind.None || kind == RecordKind.ExpertDiagnosis || kind == RecordKind.OdometerCorrection) {
            revert CarBookRecordKindNotAllowed(kind);
        }
        _checkRecord(st, mileage, payload);
        _append(tokenId, st, msg.sender, writerOrg, kind, mileage, documentHash, payload);
    }

    /// @inheritdoc ICarBookV1
    function correctOdometer(OdometerCorrection calldata correction) external {
        uint256 tokenId = correction.tokenId;
        BookState memory st = _activeBook(tokenId);
        uint64 corrected = correction.correctedMileage;
        if (corrected >= st.mileage) revert CarBookCorrectionNotLower(st.mileage, corrected);
        if (correction.payload.length > MAX_PAYLOAD_BYTES) {
            revert CarBookPayloadTooLarge(correction.payload.length, MAX_PAYLOAD_BYTES);
        }
        bytes32 digest = _correctionDigest(
            tokenId, st.mileage, corrected, st.recordCount, correction.documentHash, keccak256(correction.payload)
        );
        uint32 orgId = _checkCorrectionSigners(tokenId, digest, correction);
        uint32 index = st.recordCount;
        uint64 previous = st.mileage;
        // A 16-bit counter of corrections: 65,535 instrument clusters per car is beyond any real vehicle.
        ++_s().infos[tokenId].corrections;
        _append(
            tokenId,
            st,
            correction.workshop,
            orgId,
            RecordKind.OdometerCorrection,
            corrected,
            correction.documentHash,
            correction.payload
        );
        emit OdometerCorrected(tokenId, previous, corrected, correction.workshop, index);
    }

    /// @dev Both the current owner and an official workshop of the book's maker signed the same correction.
    function _checkCorrectionSigners(uint256 tokenId, bytes32 digest, OdometerCorrection calldata correction)
        private
        view
        returns (uint32 orgId)
    {
        address workshop = correction.workshop;
        _checkSigner(digest, correction.ownerSignature, _ownerOf(tokenId));
        _checkSigner(digest, correction.workshopSignature, workshop);
        bytes32 role;
        (orgId,, role) = _s().consortium.membershipOf(workshop);
        if (orgId != _s().infos[tokenId].manufacturerOrg || role != Roles.OFFICIAL_WORKSHOP) {
            revert CarBookNotOfficialWorkshop(tokenId, workshop);
        }
    }

    // ---------------------------------------------------------------- workshop grants

    /// @inheritdoc ICarBookV1
    function grantAccess(uint256 tokenId, address grantee, uint64 expiresAt) external {
        CarBookStorage storage $ = _s();
        _activeBook(tokenId);
        address owner = _ownerOf(tokenId);
        if (owner != msg.sender) revert CarBookNotOwner(tokenId, msg.sender);
        if (grantee == address(0) || grantee == owner) revert CarBookInvalidGrantee(grantee);
        if (expiresAt <= block.timestamp) revert CarBookGrantExpired(expiresAt);
        uint256 maxExpiresAt = block.timestamp + $.consortium.parameter(Parameters.MAX_GRANT_DURATION);
        if (expiresAt > maxExpiresAt) revert CarBookGrantTooLong(expiresAt, uint64(maxExpiresAt));

        // expiresAt ≤ now + at most 365 days (the governance bound), far below 2^40 seconds.
        $.grants[tokenId][grantee] = Grant(uint40(expiresAt), $.infos[tokenId].ownershipEpoch);
        emit AccessGranted(tokenId, grantee, msg.sender, expiresAt);
    }

    /// @inheritdoc ICarBookV1
    function revokeAccess(uint256 tokenId, address grantee) external {
        CarBookStorage storage $ = _s();
        if (_ownerOf(tokenId) != msg.sender) revert CarBookNotOwner(tokenId, msg.sender);
        if (!_grantValid($.grants[tokenId][grantee], $.infos[tokenId].ownershipEpoch)) {
            revert CarBookNoGrant(tokenId, grantee);
        }
        delete $.grants[tokenId][grantee];
        emit AccessRevoked(tokenId, grantee);
    }

    // ---------------------------------------------------------------- telematics

    /// @inheritdoc ICarBookV1
    function rotateDeviceKey(uint256 tokenId, address newKey) external {
        CarBookStorage storage $ = _s();
        BookState storage st = $.states[tokenId];
        if (st.status == BookStatus.None) revert CarBookNotFound(tokenId);
        if (st.status == BookStatus.Destroyed) revert CarBookDestroyed(tokenId);
        (uint32 orgId,, bytes32 role) = $.consortium.membershipOf(msg.sender);
        if (
            orgId != $.infos[tokenId].manufacturerOrg
                || (role != Roles.ORG_ADMIN && role != Roles.TELEMATICS_OPERATOR && role != Roles.DEALER)
        ) revert CarBookNotDeviceManager(tokenId, msg.sender);
        address previous = st.deviceKey;
        st.deviceKey = newKey;
        emit DeviceKeyRotated(tokenId, previous, newKey);
    }

    /// @inheritdoc ICarBookV1
    /// @dev Measured hot path (`npm run bench:gas`, target ≤ 15,000 gas a reading): each reading reads and writes
    /// the book's packed `BookState` word once and hashes in scratch memory, instead of copying the struct.
    function submitReadings(TelematicsReading[] calldata readings) external returns (uint256 accepted) {
        if (readings.length == 0) revert CarBookEmptyBatch();
        CarBookStorage storage $ = _s();
        bytes32 domain = domainSeparator();
        uint256 minInterval = $.consortium.parameter(Parameters.MIN_READING_INTERVAL);
        for (uint256 i; i < readings.length; ++i) {
            TelematicsReading calldata reading = readings[i];
            BookState storage st = $.states[reading.tokenId];
            uint256 word;
            assembly {
                word := sload(st.slot)
            }
            ReadingSkipReason reason = _readingSkipReason(domain, minInterval, word, reading);
            if (reason != ReadingSkipReason.None) {
                emit TelematicsReadingSkipped(reading.tokenId, i, reason);
                continue;
            }
            // BookState layout, low to high bits: deviceKey 0-159, mileage 160-191, lastReadingAt 192-223,
            // status 224-231, recordCount 232-255. Both new values fit 32 bits: mileage ≤ MAX_MILEAGE_KM and
            // timestamp ≤ block.timestamp were checked above.
            word = (word & ~(uint256(type(uint64).max) << 160)) | (uint256(reading.mileage) << 160)
                | (uint256(reading.timestamp) << 192);
            assembly {
                sstore(st.slot, word)
            }
            emit TelematicsReadingRecorded(reading.tokenId, reading.mileage, reading.timestamp);
            // At most readings.length iterations.
            unchecked {
                ++accepted;
            }
        }
    }

    function _readingSkipReason(bytes32 domain, uint256 minInterval, uint256 word, TelematicsReading calldata reading)
        private
        view
        returns (ReadingSkipReason)
    {
        if (uint8(word >> 224) != uint8(BookStatus.Active)) return ReadingSkipReason.BookNotActive;
        address device = address(uint160(word));
        if (device == address(0)) return ReadingSkipReason.NoDeviceKey;
        if (_recoverReading(domain, reading) != device) return ReadingSkipReason.BadSignature;
        uint256 lastReadingAt = uint32(word >> 192);
        if (reading.timestamp > block.timestamp) return ReadingSkipReason.FromTheFuture;
        if (reading.timestamp <= lastReadingAt) return ReadingSkipReason.NotNewer;
        if (lastReadingAt != 0 && reading.timestamp < lastReadingAt + minInterval) return ReadingSkipReason.TooSoon;
        if (reading.mileage > MAX_MILEAGE_KM) return ReadingSkipReason.MileageImplausible;
        if (reading.mileage < uint32(word >> 160)) return ReadingSkipReason.MileageDecreased;
        return ReadingSkipReason.None;
    }

    /// @dev EIP-712 digest and ecrecover in scratch memory (no allocation per reading), EIP-2098 compact
    /// signature. A high-s or invalid signature yields address(0), which never equals a registered key.
    function _recoverReading(bytes32 domain, TelematicsReading calldata reading) private view returns (address signer) {
        bytes32 typeHash = READING_TYPEHASH;
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore(ptr, typeHash)
            // tokenId, mileage, timestamp: the first three words of the calldata struct, hashed as given. A word
            // with dirty high bits hashes to a digest no device signed, so such a reading is skipped as BadSignature.
            calldatacopy(add(ptr, 0x20), reading, 0x60)
            let structHash := keccak256(ptr, 0x80)
            mstore(ptr, hex"1901")
            mstore(add(ptr, 0x02), domain)
            mstore(add(ptr, 0x22), structHash)
            let digest := keccak256(ptr, 0x42)
            let vs := calldataload(add(reading, 0x80))
            let s := and(vs, 0x7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff)
            // Upper bound of s for non-malleable signatures (as OpenZeppelin's ECDSA); the parity bit is vs's top bit.
            if iszero(gt(s, 0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0)) {
                mstore(ptr, digest)
                mstore(add(ptr, 0x20), add(shr(255, vs), 27))
                mstore(add(ptr, 0x40), calldataload(add(reading, 0x60)))
                mstore(add(ptr, 0x60), s)
                mstore(0x00, 0)
                if staticcall(gas(), 0x01, ptr, 0x80, 0x00, 0x20) { signer := mload(0x00) }
            }
        }
    }

    // ---------------------------------------------------------------- accidents and end of life

    /// @inheritdoc ICarBookV1
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
        if (totalLoss) {
            st.status = BookStatus.Wrecked;
            $.infos[tokenId].wreckInsurerOrg = insurerOrg;
        }
        _append(tokenId, st, expert, insurerOrg, RecordKind.ExpertDiagnosis, mileage, documentHash, payload);
        if (totalLoss) emit BookWrecked(tokenId, insurerOrg);
    }

    /// @inheritdoc ICarBookV1
    function declareDestroyed(uint256 tokenId) external {
        CarBookStorage storage $ = _s();
        BookState storage st = $.states[tokenId];
        if (st.status == BookStatus.None) revert CarBookNotFound(tokenId);
        if (st.status == BookStatus.Destroyed) revert CarBookDestroyed(tokenId);
        if (_ownerOf(tokenId) != msg.sender) revert CarBookNotOwner(tokenId, msg.sender);
        (uint32 orgId, IConsortium.OrgKind kind, bytes32 role) = $.consortium.membershipOf(msg.sender);
        if (kind != IConsortium.OrgKind.Recycler || (role != Roles.ORG_ADMIN && role != Roles.DISMANTLER)) {
            revert CarBookNotRecycler(msg.sender);
        }
        st.status = BookStatus.Destroyed;
        emit BookDestroyed(tokenId, orgId);
    }

    // ---------------------------------------------------------------- internals

    function _activeBook(uint256 tokenId) private view returns (BookState memory st) {
        st = _s().states[tokenId];
        if (st.status == BookStatus.None) revert CarBookNotFound(tokenId);
        if (st.status != BookStatus.Active) revert CarBookNotActive(tokenId, st.status);
    }

    /// @dev The format rules every record obeys: bounded payload, plausible and non-decreasing mileage.
    function _checkRecord(BookState memory st, uint64 mileage, bytes calldata payload) private pure {
        if (payload.length > MAX_PAYLOAD_BYTES) revert CarBookPayloadTooLarge(payload.length, MAX_PAYLOAD_BYTES);
        if (mileage > MAX_MILEAGE_KM) revert CarBookMileageImplausible(mileage, MAX_MILEAGE_KM);
        if (mileage < st.mileage) revert CarBookMileageDecreased(st.mileage, mileage);
    }

    /// @dev The one place a record enters a book: updates hot state, extends the hash chain, emits the body.
    /// head' = keccak256(abi.encode(head, tokenId, uint32 index, writer, uint32 writerOrg, kind, uint64 mileage,
    ///                   uint64 timestamp, documentHash, keccak256(payload)))
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
        _storeState($.states[tokenId], st);
        $.heads[tokenId] = head;
        emit RecordAppended(
            tokenId, index, writer, writerOrg, kind, mileage, uint64(block.timestamp), documentHash, payload, head
        );
    }

    /// @dev Writes the packed `BookState` word with one SSTORE (the compiler's struct copy re-reads and re-writes
    /// the slot once per member). Layout, low to high bits: deviceKey 0-159, mileage 160-191, lastReadingAt
    /// 192-223, status 224-231, recordCount 232-255.
    function _storeState(BookState storage slot, BookState memory st) private {
        uint256 word = uint256(uint160(st.deviceKey)) | (uint256(st.mileage) << 160)
            | (uint256(st.lastReadingAt) << 192) | (uint256(uint8(st.status)) << 224) | (uint256(st.recordCount) << 232);
        assembly {
            sstore(slot.slot, word)
        }
    }

    /// @dev Who may write and for which organisation: the owner (as a private person, org 0), the maker's network
    /// (admin, dealers, official workshops), or a workshop while the current owner's grant lasts.
    function _writerOrg(uint256 tokenId, address account) private view returns (bool, uint32) {
        CarBookStorage storage $ = _s();
        if (_ownerOf(tokenId) == account) return (true, 0);
        BookInfo memory info = $.infos[tokenId];
        (uint32 orgId,, bytes32 role) = $.consortium.membershipOf(account);
        if (
            orgId == info.manufacturerOrg
                && (role == Roles.OFFICIAL_WORKSHOP || role == Roles.DEALER || role == Roles.ORG_ADMIN)
        ) return (true, orgId);
        if (_grantValid($.grants[tokenId][account], info.ownershipEpoch)) return (true, orgId);
        return (false, 0);
    }

    function _grantValid(Grant memory grant, uint32 epoch) private view returns (bool) {
        return grant.expiresAt > block.timestamp && grant.epoch == epoch;
    }

    function _readingDigest(bytes32 domain, uint256 tokenId, uint64 mileage, uint64 timestamp)
        private
        pure
        returns (bytes32)
    {
        return MessageHashUtils.toTypedDataHash(
            domain, keccak256(abi.encode(READING_TYPEHASH, tokenId, mileage, timestamp))
        );
    }

    function _correctionDigest(
        uint256 tokenId,
        uint64 previousMileage,
        uint64 correctedMileage,
        uint32 recordIndex,
        bytes32 documentHash,
        bytes32 payloadHash
    ) private view returns (bytes32) {
        return MessageHashUtils.toTypedDataHash(
            domainSeparator(),
            keccak256(
                abi.encode(
                    CORRECTION_TYPEHASH,
                    tokenId,
                    previousMileage,
                    correctedMileage,
                    recordIndex,
                    documentHash,
                    payloadHash
                )
            )
        );
    }

    function _checkSigner(bytes32 digest, bytes calldata signature, address expected) private pure {
        (address recovered, ECDSA.RecoverError error,) = ECDSA.tryRecover(digest, signature);
        if (error != ECDSA.RecoverError.NoError || recovered != expected || expected == address(0)) {
            revert CarBookInvalidSignature(expected, recovered);
        }
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
        BookStatus status = $.states[tokenId].status;
        if (status == BookStatus.Destroyed) revert CarBookDestroyed(tokenId);
        from = super._update(to, tokenId, auth);
        if (from != address(0)) {
            if (status == BookStatus.Wrecked && !_mayHoldWreck(tokenId, to)) {
                revert CarBookWreckTransferRefused(tokenId, to);
            }
            // Wrapping would need 2^32 sales of one car.
            unchecked {
                ++$.infos[tokenId].ownershipEpoch;
            }
        }
    }

    /// @dev Upgrades execute only from the consortium, i.e. after a strict-majority proposal.
    function _authorizeUpgrade(address) internal view override {
        if (msg.sender != address(_s().consortium)) revert CarBookOnlyGovernance(msg.sender);
    }
}
