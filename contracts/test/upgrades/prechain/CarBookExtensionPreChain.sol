// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Frozen copy of the registry as deployed before the reading-chain upgrade (commit 88333de), renamed with a
// PreChain suffix: the "previous layout" of `npm run check:storage` for that upgrade and the starting point of
// test/UpgradeToReadingChain.t.sol (readings with full-width heads, listed in `readingBlocks`). It compiles
// against today's ICarBook, whose types the libraries share: the two views that upgrade added (`readingChain`,
// `readingCheckpoints`) revert here, at the end of the contract. Never edit it to follow src/.

import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {EnumerableSet} from "@openzeppelin/contracts/utils/structs/EnumerableSet.sol";
import {CarBookPreChain as CarBook} from "./CarBookPreChain.sol";
import {ICarBook} from "../../../src/interfaces/ICarBook.sol";
import {IBookEventIndex} from "../../../src/interfaces/IBookEventIndex.sol";
import {BlockIndex} from "../../../src/libraries/BlockIndex.sol";
import {CarBookStorageLocation} from "../../../src/libraries/CarBookStorageLocation.sol";
import {IConsortium} from "../../../src/interfaces/IConsortium.sol";
import {Roles} from "../../../src/Roles.sol";
import {Parameters} from "../../../src/Parameters.sol";
import {GovernedUpgradeable} from "../../../src/base/GovernedUpgradeable.sol";
import {CarBookTypedData} from "../../../src/libraries/CarBookTypedData.sol";
import {BookState, PackedBookState} from "../../../src/libraries/PackedBookState.sol";

/// @title CarBook's second code contract, run by delegatecall from CarBook: grants, device keys, destruction,
/// read-index views and the pre-upgrade backfill.
/// @notice Not a registry: CarBook deploys it in its constructor and forwards these functions to it (their rules
/// are CarBook's, documented in ICarBook), so that this code does not count against CarBook's 24,576-byte limit
/// (EIP-170). None of them is on a path with a gas ceiling; forwarding costs about 3,000 gas a call. It reads and writes CarBook's ERC-7201 namespace; called directly (not by delegatecall) it
/// sees its own empty storage and its governance check matches no caller.
contract CarBookExtensionPreChain {
    using BlockIndex for BlockIndex.List;
    using EnumerableSet for EnumerableSet.AddressSet;

    function _s() private pure returns (CarBook.CarBookStorage storage $) {
        bytes32 location = CarBookStorageLocation.VALUE;
        assembly {
            $.slot := location
        }
    }

    // ---------------------------------------------------------------- grants, device keys, destruction

    /// @notice See `ICarBook.grantAccess`.
    /// @param tokenId The book.
    /// @param grantee The workshop's account.
    /// @param expiresAt When the right ends.
    function grantAccess(uint256 tokenId, address grantee, uint64 expiresAt) external {
        CarBook.CarBookStorage storage $ = _s();
        ICarBook.BookStatus status = $.states[tokenId].statusOf();
        if (status == ICarBook.BookStatus.None) revert ICarBook.CarBookNotFound(tokenId);
        if (status != ICarBook.BookStatus.Active) revert ICarBook.CarBookNotActive(tokenId, status);
        address owner = _ownerOf(tokenId);
        if (owner != msg.sender) revert ICarBook.CarBookNotOwner(tokenId, msg.sender);
        if (grantee == address(0) || grantee == owner) revert ICarBook.CarBookInvalidGrantee(grantee);
        if (expiresAt <= block.timestamp) revert ICarBook.CarBookGrantExpired(expiresAt);
        uint256 maxExpiresAt = block.timestamp + $.consortium.parameter(Parameters.MAX_GRANT_DURATION);
        if (expiresAt > maxExpiresAt) revert ICarBook.CarBookGrantTooLong(expiresAt, uint64(maxExpiresAt));

        // expiresAt ≤ now + at most 365 days (the governance bound), far below 2^40 seconds.
        uint32 epoch = $.infos[tokenId].ownershipEpoch;
        $.grants[tokenId][grantee] = ICarBook.Grant(uint40(expiresAt), epoch);
        $.grantees[tokenId][epoch].add(grantee);
        _indexEvent(tokenId);
        emit ICarBook.AccessGranted(tokenId, grantee, msg.sender, expiresAt);
    }

    /// @notice See `ICarBook.revokeAccess`.
    /// @param tokenId The book.
    /// @param grantee The workshop's account.
    function revokeAccess(uint256 tokenId, address grantee) external {
        CarBook.CarBookStorage storage $ = _s();
        if (_ownerOf(tokenId) != msg.sender) revert ICarBook.CarBookNotOwner(tokenId, msg.sender);
        uint32 epoch = $.infos[tokenId].ownershipEpoch;
        if (!_grantValid($.grants[tokenId][grantee], epoch)) revert ICarBook.CarBookNoGrant(tokenId, grantee);
        delete $.grants[tokenId][grantee];
        $.grantees[tokenId][epoch].remove(grantee);
        _indexEvent(tokenId);
        emit ICarBook.AccessRevoked(tokenId, grantee);
    }

    /// @notice See `ICarBook.rotateDeviceKey`.
    /// @param tokenId The book.
    /// @param newKey The device key to accept from now on.
    function rotateDeviceKey(uint256 tokenId, address newKey) external {
        CarBook.CarBookStorage storage $ = _s();
        BookState storage st = $.states[tokenId];
        uint256 word = st.load();
        ICarBook.BookStatus status = PackedBookState.status(word);
        if (status == ICarBook.BookStatus.None) revert ICarBook.CarBookNotFound(tokenId);
        if (status == ICarBook.BookStatus.Destroyed) revert ICarBook.CarBookDestroyed(tokenId);
        (uint32 orgId,, bytes32 role) = $.consortium.membershipOf(msg.sender);
        if (
            orgId != $.infos[tokenId].manufacturerOrg
                || (role != Roles.ORG_ADMIN && role != Roles.TELEMATICS_OPERATOR && role != Roles.DEALER)
        ) revert ICarBook.CarBookNotDeviceManager(tokenId, msg.sender);
        address previous = PackedBookState.deviceKey(word);
        st.store(PackedBookState.withDeviceKey(word, newKey));
        if (previous != address(0) || newKey != address(0)) {
            $.connectedBlocks[orgId].pushCurrent(0);
            $.deviceKeyBlock[tokenId] = block.number;
        }
        _indexEvent(tokenId);
        emit ICarBook.DeviceKeyRotated(tokenId, previous, newKey);
    }

    // ---------------------------------------------------------------- connected books and skipped readings

    /// @notice Lists the current block in the book's `readingBlocks` after a `TelematicsReadingSkipped` of it, when
    /// the relayer is staff of the book's maker (admin, dealer or telematics operator: its ingester): a skip relayed
    /// by anyone else is emitted but not listed, so no stranger can grow a book's list. CarBook's `submitReadings`
    /// runs it (delegatecall) on a skip only; CarBook does not declare it, so no one reaches it from outside.
    /// @param tokenId The skipped reading's book.
    function indexSkippedReading(uint256 tokenId) external {
        CarBook.CarBookStorage storage $ = _s();
        uint32 maker = $.infos[tokenId].manufacturerOrg;
        if (maker == 0) return;
        (uint32 orgId,, bytes32 role) = $.consortium.membershipOf(msg.sender);
        if (orgId != maker || (role != Roles.ORG_ADMIN && role != Roles.TELEMATICS_OPERATOR && role != Roles.DEALER)) {
            return;
        }
        $.readingBlocks[tokenId].pushCurrent(0);
    }

    /// @notice See `ICarBook.backfillConnectedBlocks`.
    /// @param manufacturerOrg The maker's organisation.
    /// @param blocks Block numbers, oldest first.
    function backfillConnectedBlocks(uint32 manufacturerOrg, uint32[] calldata blocks) external {
        CarBook.CarBookStorage storage $ = _s();
        _onlyGovernance($);
        BlockIndex.List storage live = $.connectedBlocks[manufacturerOrg];
        uint256 limit = live.length() == 0 ? block.number : live.at(0);
        if (!BlockIndex.backfill($.legacyConnectedBlocks[manufacturerOrg], blocks, limit)) {
            revert ICarBook.CarBookInvalidBackfill(manufacturerOrg);
        }
    }

    /// @notice See `ICarBook.connectedBlocksOf`.
    /// @param manufacturerOrg The maker's organisation.
    /// @param start Index of the first entry to return.
    /// @param count Most entries to return.
    /// @return blocks Block numbers, oldest first.
    /// @return total Number of blocks in the maker's list.
    function connectedBlocksOf(uint32 manufacturerOrg, uint256 start, uint256 count)
        external
        view
        returns (uint256[] memory blocks, uint256 total)
    {
        CarBook.CarBookStorage storage $ = _s();
        return
            BlockIndex.page(
                $.legacyConnectedBlocks[manufacturerOrg], 0, $.connectedBlocks[manufacturerOrg], start, count
            );
    }

    /// @notice See `ICarBook.deviceKeyBlockOf`.
    /// @param tokenId The book.
    /// @return manufacturerOrg The book's current maker.
    /// @return deviceKey The book's current device key.
    /// @return blockNumber Block of its last rotation or reassignment (0 if none since the index).
    function deviceKeyBlockOf(uint256 tokenId)
        external
        view
        returns (uint32 manufacturerOrg, address deviceKey, uint256 blockNumber)
    {
        CarBook.CarBookStorage storage $ = _s();
        return (
            $.infos[tokenId].manufacturerOrg,
            PackedBookState.deviceKey($.states[tokenId].load()),
            $.deviceKeyBlock[tokenId]
        );
    }

    /// @notice See `ICarBook.declareDestroyed`.
    /// @param tokenId The book.
    function declareDestroyed(uint256 tokenId) external {
        CarBook.CarBookStorage storage $ = _s();
        BookState storage st = $.states[tokenId];
        uint256 word = st.load();
        ICarBook.BookStatus status = PackedBookState.status(word);
        if (status == ICarBook.BookStatus.None) revert ICarBook.CarBookNotFound(tokenId);
        if (status == ICarBook.BookStatus.Destroyed) revert ICarBook.CarBookDestroyed(tokenId);
        if (_ownerOf(tokenId) != msg.sender) revert ICarBook.CarBookNotOwner(tokenId, msg.sender);
        (uint32 orgId, IConsortium.OrgKind kind, bytes32 role) = $.consortium.membershipOf(msg.sender);
        if (kind != IConsortium.OrgKind.Recycler || (role != Roles.ORG_ADMIN && role != Roles.DISMANTLER)) {
            revert ICarBook.CarBookNotRecycler(msg.sender);
        }
        st.store(PackedBookState.withStatus(word, ICarBook.BookStatus.Destroyed));
        _indexEvent(tokenId);
        emit ICarBook.BookDestroyed(tokenId, orgId);
    }

    // ---------------------------------------------------------------- governance remedies

    /// @notice See `ICarBook.voidRecord`.
    /// @param tokenId The book.
    /// @param index The voided record's position.
    /// @param restoredMileage The mileage of the last plausible record.
    /// @param restoredAt The block time of that record.
    /// @param documentHash Hash of the governance decision (zero if none).
    function voidRecord(uint256 tokenId, uint32 index, uint64 restoredMileage, uint64 restoredAt, bytes32 documentHash)
        external
    {
        CarBook.CarBookStorage storage $ = _s();
        _onlyGovernance($);
        BookState memory st = $.states[tokenId].read();
        if (st.status == ICarBook.BookStatus.None) revert ICarBook.CarBookNotFound(tokenId);
        if (st.status != ICarBook.BookStatus.Active) revert ICarBook.CarBookNotActive(tokenId, st.status);
        CarBook.BookInfo storage info = $.infos[tokenId];
        if (
            index >= st.recordCount || restoredMileage > st.mileage || restoredAt > block.timestamp
                || restoredAt < info.createdAt
        ) revert ICarBook.CarBookInvalidVoid(tokenId, index);
        info.lastRecordAt = uint32(restoredAt);
        // The void is a record of the chain, written by governance (org 0) with its payload in clear, so that every
        // reader sees which entry it voids.
        _appendRecord(
            tokenId, msg.sender, 0, ICarBook.RecordKind.EntryVoided, restoredMileage, documentHash, abi.encode(index)
        );
        emit ICarBook.RecordVoided(tokenId, index, st.mileage, restoredMileage);
    }

    /// @notice See `ICarBook.correctOdometer`.
    /// @param correction The corrected value with both signatures.
    function correctOdometer(ICarBook.OdometerCorrection calldata correction) external {
        CarBook.CarBookStorage storage $ = _s();
        uint256 tokenId = correction.tokenId;
        BookState memory st = $.states[tokenId].read();
        if (st.status == ICarBook.BookStatus.None) revert ICarBook.CarBookNotFound(tokenId);
        if (st.status != ICarBook.BookStatus.Active) revert ICarBook.CarBookNotActive(tokenId, st.status);
        uint64 corrected = correction.correctedMileage;
        if (corrected >= st.mileage) revert ICarBook.CarBookCorrectionNotLower(st.mileage, corrected);
        uint256 maxPayload = CarBook(address(this)).MAX_PAYLOAD_BYTES();
        if (correction.payload.length > maxPayload) {
            revert ICarBook.CarBookPayloadTooLarge(correction.payload.length, maxPayload);
        }
        bytes32 digest = CarBookTypedData.correctionDigest(
            CarBookTypedData.domainSeparator(),
            tokenId,
            st.mileage,
            corrected,
            st.recordCount,
            correction.documentHash,
            keccak256(correction.payload)
        );
        uint32 orgId = _checkCorrectionSigners(tokenId, digest, correction);
        // A 16-bit counter of corrections: 65,535 instrument clusters per car is beyond any real vehicle.
        ++$.infos[tokenId].corrections;
        uint32 index = _appendRecord(
            tokenId,
            correction.workshop,
            orgId,
            ICarBook.RecordKind.OdometerCorrection,
            corrected,
            correction.documentHash,
            correction.payload
        );
        emit ICarBook.OdometerCorrected(tokenId, st.mileage, corrected, correction.workshop, index);
    }

    /// @dev Both the current owner and an official workshop of the book's maker signed the same correction, and they
    /// are two parties: an owner who is staff of the workshop's organisation (the workshop itself included) would
    /// sign both halves with the organisation's hand.
    function _checkCorrectionSigners(uint256 tokenId, bytes32 digest, ICarBook.OdometerCorrection calldata correction)
        private
        view
        returns (uint32 orgId)
    {
        CarBook.CarBookStorage storage $ = _s();
        address workshop = correction.workshop;
        address owner = _ownerOf(tokenId);
        CarBookTypedData.checkSigner(digest, correction.ownerSignature, owner);
        CarBookTypedData.checkSigner(digest, correction.workshopSignature, workshop);
        bytes32 role;
        (orgId,, role) = $.consortium.membershipOf(workshop);
        if (orgId != $.infos[tokenId].manufacturerOrg || role != Roles.OFFICIAL_WORKSHOP) {
            revert ICarBook.CarBookNotOfficialWorkshop(tokenId, workshop);
        }
        (uint32 ownerOrg,,) = $.consortium.membershipOf(owner);
        if (ownerOrg == orgId) revert ICarBook.CarBookCorrectionSignersNotDistinct(tokenId, owner, workshop);
    }

    /// @dev CarBook's `_append` for the paths that run here (corrections, voids): same hash-chain step, same event.
    /// The head's encoding is split in two `abi.encode` of static words, whose concatenation is the one encoding.
    function _appendRecord(
        uint256 tokenId,
        address writer,
        uint32 writerOrg,
        ICarBook.RecordKind kind,
        uint64 mileage,
        bytes32 documentHash,
        bytes memory payload
    ) private returns (uint32 index) {
        CarBook.CarBookStorage storage $ = _s();
        BookState storage st = $.states[tokenId];
        uint256 word = st.load();
        index = PackedBookState.recordCount(word);
        bytes32 head = keccak256(
            bytes.concat(
                abi.encode($.heads[tokenId], tokenId, index, writer, writerOrg),
                abi.encode(kind, mileage, uint64(block.timestamp), documentHash, keccak256(payload))
            )
        );
        // Callers checked mileage ≤ the current one (< 2^32); the uint24 increment is checked.
        st.store(PackedBookState.withRecord(word, uint32(mileage), uint24(index) + 1));
        $.heads[tokenId] = head;
        _indexEvent(tokenId);
        emit ICarBook.RecordAppended(
            tokenId, index, writer, writerOrg, kind, mileage, uint64(block.timestamp), documentHash, payload, head
        );
    }

    /// @notice See `ICarBook.reassignBook`.
    /// @param tokenId The book.
    /// @param manufacturerOrg An active manufacturer.
    function reassignBook(uint256 tokenId, uint32 manufacturerOrg) external {
        CarBook.CarBookStorage storage $ = _s();
        (BookState storage st, uint256 word) = _governedRemedyBook($, tokenId);
        IConsortium.Organisation memory org = $.consortium.organisation(manufacturerOrg);
        if (!org.active || org.kind != IConsortium.OrgKind.Manufacturer) {
            revert ICarBook.CarBookInvalidMaker(manufacturerOrg);
        }
        CarBook.BookInfo storage info = $.infos[tokenId];
        uint32 previous = info.manufacturerOrg;
        // The previous maker no longer sees the car (its maker changed); the new one lists it when it registers its
        // device key: until then no key change of the book is newer than this block, whose own is not listed.
        $.deviceKeyBlock[tokenId] = block.number;
        info.manufacturerOrg = manufacturerOrg;
        // The device key was registered by the wrong maker: the right one registers its own.
        address previousKey = PackedBookState.deviceKey(word);
        st.store(PackedBookState.withDeviceKey(word, address(0)));
        _indexEvent(tokenId);
        if (previousKey != address(0)) emit ICarBook.DeviceKeyRotated(tokenId, previousKey, address(0));
        emit ICarBook.BookReassigned(tokenId, previous, manufacturerOrg);
    }

    /// @notice See `ICarBook.voidBook`.
    /// @param tokenId The book.
    function voidBook(uint256 tokenId) external {
        CarBook.CarBookStorage storage $ = _s();
        (BookState storage st, uint256 word) = _governedRemedyBook($, tokenId);
        st.store(PackedBookState.withStatus(word, ICarBook.BookStatus.Voided));
        _indexEvent(tokenId);
        emit ICarBook.BookVoided(tokenId);
    }

    /// @dev The governance remedies' common checks: the caller is governance, and the book exists and is neither
    /// destroyed nor voided. Returns its packed state slot and word.
    function _governedRemedyBook(CarBook.CarBookStorage storage $, uint256 tokenId)
        private
        view
        returns (BookState storage st, uint256 word)
    {
        _onlyGovernance($);
        st = $.states[tokenId];
        word = st.load();
        ICarBook.BookStatus status = PackedBookState.status(word);
        if (status == ICarBook.BookStatus.None) revert ICarBook.CarBookNotFound(tokenId);
        if (status == ICarBook.BookStatus.Destroyed || status == ICarBook.BookStatus.Voided) {
            revert ICarBook.CarBookNotActive(tokenId, status);
        }
    }

    /// @notice See `ICarBook.setShardRule`.
    /// @param shardIndex This chain's shard, below `shardCount`.
    /// @param shardCount How many chains the consortium runs (at least 1).
    function setShardRule(uint32 shardIndex, uint32 shardCount) external {
        CarBook.CarBookStorage storage $ = _s();
        _onlyGovernance($);
        if (shardCount == 0 || shardIndex >= shardCount) {
            revert ICarBook.CarBookInvalidShardRule(shardIndex, shardCount);
        }
        $.shardIndex = shardIndex;
        $.shardCount = shardCount;
        emit ICarBook.ShardRuleSet(shardIndex, shardCount);
    }

    /// @notice See `ICarBook.shardRule`.
    /// @return shardIndex This chain's shard.
    /// @return shardCount How many chains the consortium runs (1 for a deployment from before the rule).
    function shardRule() external view returns (uint256 shardIndex, uint256 shardCount) {
        CarBook.CarBookStorage storage $ = _s();
        shardCount = $.shardCount;
        if (shardCount == 0) return (0, 1);
        shardIndex = $.shardIndex;
    }

    function _onlyGovernance(CarBook.CarBookStorage storage $) private view {
        if (msg.sender != address($.consortium)) {
            revert GovernedUpgradeable.GovernedUpgradeOnlyGovernance(msg.sender);
        }
    }

    function _ownerOf(uint256 tokenId) private view returns (address) {
        return IERC721(address(this)).ownerOf(tokenId);
    }

    function _grantValid(ICarBook.Grant memory grant, uint32 epoch) private view returns (bool) {
        return grant.expiresAt > block.timestamp && grant.epoch == epoch;
    }

    /// @dev Same as CarBook's: the current block joins the book's list unless it is already its last entry.
    function _indexEvent(uint256 tokenId) private {
        CarBook.CarBookStorage storage $ = _s();
        $.eventBlocks[tokenId].pushCurrent($.infos[tokenId].createdBlock);
    }

    // ---------------------------------------------------------------- read indexes

    /// @notice See `IBookEventIndex.bookEventBlocks`.
    /// @param tokenId The book.
    /// @param start Index of the first entry to return.
    /// @param count Most entries to return.
    /// @return blocks Block numbers, strictly increasing.
    /// @return total Number of entries in the whole list.
    function bookEventBlocks(uint256 tokenId, uint256 start, uint256 count)
        external
        view
        returns (uint256[] memory blocks, uint256 total)
    {
        CarBook.CarBookStorage storage $ = _s();
        return BlockIndex.page(
            $.legacyEventBlocks[tokenId], $.infos[tokenId].createdBlock, $.eventBlocks[tokenId], start, count
        );
    }

    /// @notice See `ICarBook.readingBlocks`.
    /// @param tokenId The book.
    /// @param start Index of the first entry to return.
    /// @param count Most entries to return.
    /// @return blocks Block numbers, strictly increasing.
    /// @return total Number of entries in the whole list.
    function readingBlocks(uint256 tokenId, uint256 start, uint256 count)
        external
        view
        returns (uint256[] memory blocks, uint256 total)
    {
        CarBook.CarBookStorage storage $ = _s();
        // Readings are never backfilled: book 0's legacy list (always empty) stands for "no prefix".
        return BlockIndex.page($.legacyEventBlocks[0], 0, $.readingBlocks[tokenId], start, count);
    }

    /// @notice See `ICarBook.booksOf`.
    /// @param owner The title holder.
    /// @param start Index of the first entry to return.
    /// @param count Most entries to return.
    /// @return tokenIds Book ids.
    /// @return total Number of books the owner holds.
    function booksOf(address owner, uint256 start, uint256 count)
        external
        view
        returns (uint256[] memory tokenIds, uint256 total)
    {
        mapping(uint256 => uint256) storage list = _s().owned[owner];
        total = IERC721(address(this)).balanceOf(owner);
        uint256 end = BlockIndex.pageEnd(start, count, total);
        tokenIds = new uint256[](end - start);
        for (uint256 i = start; i < end; ++i) {
            tokenIds[i - start] = list[i];
        }
    }

    /// @notice See `ICarBook.granteesOf`.
    /// @param tokenId The book.
    /// @param start Index of the first entry to return.
    /// @param count Most entries to return.
    /// @return grantees Granted accounts, in no particular order.
    /// @return total Number of listed grantees.
    function granteesOf(uint256 tokenId, uint256 start, uint256 count)
        external
        view
        returns (address[] memory grantees, uint256 total)
    {
        CarBook.CarBookStorage storage $ = _s();
        EnumerableSet.AddressSet storage set = $.grantees[tokenId][$.infos[tokenId].ownershipEpoch];
        total = set.length();
        grantees = set.values(start, BlockIndex.pageEnd(start, count, total));
    }

    /// @notice See `IBookEventIndex.backfillBookEventBlocks`; also lists a pre-upgrade book in its owner's list.
    /// @param tokenId The book.
    /// @param blocks Block numbers, strictly increasing, each below `indexStartBlock()`.
    function backfillBookEventBlocks(uint256 tokenId, uint32[] calldata blocks) external {
        CarBook.CarBookStorage storage $ = _s();
        if (msg.sender != address($.consortium)) {
            revert GovernedUpgradeable.GovernedUpgradeOnlyGovernance(msg.sender);
        }
        BlockIndex.List storage legacy = $.legacyEventBlocks[tokenId];
        if (
            $.states[tokenId].statusOf() == ICarBook.BookStatus.None
                || !BlockIndex.backfill(legacy, blocks, $.indexStartBlock)
        ) {
            revert IBookEventIndex.IndexBackfillInvalid(tokenId);
        }
        CarBook.BookInfo storage info = $.infos[tokenId];
        if (!info.ownerListed) {
            address owner = IERC721(address(this)).ownerOf(tokenId);
            mapping(uint256 => uint256) storage list = $.owned[owner];
            uint256 last = IERC721(address(this)).balanceOf(owner) - 1;
            uint256 index;
            while (index < last && list[index] != 0) ++index;
            list[index] = tokenId;
            info.ownerIndex = uint32(index);
            info.ownerListed = true;
        }
        emit IBookEventIndex.BookEventBlocksBackfilled(tokenId, blocks.length);
    }
}
