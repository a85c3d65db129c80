// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {GovernedUpgradeable} from "./base/GovernedUpgradeable.sol";
import {IInsurance} from "./interfaces/IInsurance.sol";
import {IConsortium} from "./interfaces/IConsortium.sol";
import {ICarBook} from "./interfaces/ICarBook.sol";
import {CarBook} from "./CarBook.sol";
import {IBookEventIndex} from "./interfaces/IBookEventIndex.sol";
import {BlockIndex} from "./libraries/BlockIndex.sol";
import {EnumerableSet} from "@openzeppelin/contracts/utils/structs/EnumerableSet.sol";
import {Roles} from "./Roles.sol";
import {Parameters} from "./Parameters.sol";

/// @title Insurance registry: covers, claims, mandated experts; writes diagnoses into CarBook.
/// @notice The insurance registry behind a UUPS proxy; its interface `IInsurance` documents each function.
/// @dev CarBook trusts this registry through the consortium parameter `registry.insurance` (set by a vote), so
/// replacing the registry CarBook listens to takes a strict majority, like an upgrade.
contract Insurance is IInsurance, Initializable, GovernedUpgradeable {
    using BlockIndex for BlockIndex.List;
    using EnumerableSet for EnumerableSet.UintSet;

    /// @custom:storage-location erc7201:carbook.storage.Insurance
    struct InsuranceStorage {
        IConsortium consortium;
        CarBook carBook;
        mapping(uint256 tokenId => Cover) covers;
        uint256 claimCount;
        mapping(uint256 claimId => Claim) claims;
        // ---- read indexes (appended by the index upgrade)
        mapping(uint256 tokenId => BlockIndex.List) bookBlocks;
        mapping(uint256 tokenId => BlockIndex.List) legacyBookBlocks;
        mapping(uint32 insurerOrg => EnumerableSet.UintSet) coveredBooks;
        mapping(uint32 insurerOrg => uint256[]) insurerClaims;
        mapping(address expert => uint256[]) expertMandates;
        uint256 indexStartBlock;
        /// @dev Claims 1 … legacyClaimCount were opened before the index upgrade; those up to legacyClaimsListed are
        /// listed by `indexLegacy`.
        uint256 legacyClaimCount;
        uint256 legacyClaimsListed;
    }

    // keccak256(abi.encode(uint256(keccak256("carbook.storage.Insurance")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant STORAGE_LOCATION = 0x205c3cd4de80f2adf7497f823d1a4870b00346da03d094d90240fb3871c0cc00;

    function _s() private pure returns (InsuranceStorage storage $) {
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
    /// @param carBook_ The car book registry diagnoses are written into.
    function initialize(IConsortium consortium_, CarBook carBook_) external initializer {
        InsuranceStorage storage $ = _s();
        $.consortium = consortium_;
        $.carBook = carBook_;
        $.indexStartBlock = block.number;
    }

    // ---------------------------------------------------------------- views

    /// @notice The consortium registry asked who handles claims for which insurer.
    function consortium() external view returns (address) {
        return address(_s().consortium);
    }

    /// @inheritdoc IInsurance
    function carBook() external view returns (address) {
        return address(_s().carBook);
    }

    /// @inheritdoc IInsurance
    function coverOf(uint256 tokenId) external view returns (Cover memory) {
        return _s().covers[tokenId];
    }

    /// @inheritdoc IInsurance
    function activeInsurer(uint256 tokenId) public view returns (bool covered, uint32 insurerOrg) {
        Cover storage cover = _s().covers[tokenId];
        if (cover.status != CoverStatus.Active || !_sameOwnership(tokenId, cover)) return (false, 0);
        return (true, cover.insurerOrg);
    }

    /// @inheritdoc IInsurance
    function claim(uint256 claimId) external view returns (Claim memory) {
        return _s().claims[claimId];
    }

    /// @inheritdoc IInsurance
    function claimLive(uint256 claimId) external view returns (bool) {
        Claim storage c = _s().claims[claimId];
        if (c.insurerOrg == 0 || c.verdict != Verdict.None) return false;
        return _liveError(claimId, c).length == 0;
    }

    /// @notice Number of claims ever opened (ids run from 1).
    function claimCount() external view returns (uint256) {
        return _s().claimCount;
    }

    // ---------------------------------------------------------------- cover

    /// @inheritdoc IInsurance
    function requestCover(uint256 tokenId, uint32 insurerOrg) external {
        InsuranceStorage storage $ = _s();
        if ($.carBook.ownerOf(tokenId) != msg.sender) revert InsuranceNotOwner(tokenId, msg.sender);
        _requireActiveBook(tokenId);
        IConsortium.Organisation memory org = $.consortium.organisation(insurerOrg);
        if (org.kind != IConsortium.OrgKind.Insurer || !org.active) revert InsuranceNotInsurer(insurerOrg);
        Cover memory current = $.covers[tokenId];
        // An active cover of the current ownership (so the caller's own) must be ended first; a lapsed one is replaced.
        if (current.status == CoverStatus.Active && current.ownershipEpoch == _ownershipEpoch(tokenId)) {
            revert InsuranceCoverAlreadyActive(tokenId, current.insurerOrg);
        }
        if (current.insurerOrg != insurerOrg && current.insurerOrg != 0) {
            $.coveredBooks[current.insurerOrg].remove(tokenId);
        }
        $.coveredBooks[insurerOrg].add(tokenId);
        $.covers[tokenId] = Cover(insurerOrg, CoverStatus.Requested, 0, msg.sender, _ownershipEpoch(tokenId), 0);
        $.bookBlocks[tokenId].pushCurrent(0);
        emit CoverRequested(tokenId, insurerOrg, msg.sender);
    }

    /// @inheritdoc IInsurance
    function acceptCover(uint256 tokenId) external {
        InsuranceStorage storage $ = _s();
        Cover storage cover = $.covers[tokenId];
        if (cover.status != CoverStatus.Requested || !_sameOwnership(tokenId, cover)) {
            revert InsuranceNoCoverRequest(tokenId);
        }
        _requireHandler(cover.insurerOrg, msg.sender);
        cover.status = CoverStatus.Active;
        cover.since = uint40(block.timestamp);
        // Claims opened from now on belong to this cover; earlier ones (under an ended cover) never come back.
        cover.claimFloor = uint64($.claimCount + 1);
        $.bookBlocks[tokenId].pushCurrent(0);
        emit CoverAccepted(tokenId, cover.insurerOrg, msg.sender);
    }

    /// @inheritdoc IInsurance
    function endCover(uint256 tokenId) external {
        Cover storage cover = _s().covers[tokenId];
        if (cover.status != CoverStatus.Active && cover.status != CoverStatus.Requested) {
            revert InsuranceNotCovered(tokenId);
        }
        if (msg.sender != cover.holder) _requireHandler(cover.insurerOrg, msg.sender);
        cover.status = CoverStatus.Ended;
        _s().bookBlocks[tokenId].pushCurrent(0);
        emit CoverEnded(tokenId, cover.insurerOrg, msg.sender);
    }

    // ---------------------------------------------------------------- claims

    /// @inheritdoc IInsurance
    function openClaim(uint256 tokenId) external returns (uint256 claimId) {
        InsuranceStorage storage $ = _s();
        (bool covered, uint32 insurerOrg) = activeInsurer(tokenId);
        if (!covered) revert InsuranceNotCovered(tokenId);
        _requireHandler(insurerOrg, msg.sender);
        _requireActiveBook(tokenId);
        claimId = ++$.claimCount;
        $.claims[claimId] = Claim(tokenId, insurerOrg, Verdict.None, uint40(block.timestamp), address(0));
        $.insurerClaims[insurerOrg].push(claimId);
        $.bookBlocks[tokenId].pushCurrent(0);
        emit ClaimOpened(claimId, tokenId, insurerOrg, msg.sender);
    }

    /// @inheritdoc IInsurance
    function mandateExpert(uint256 claimId, address expert) external {
        Claim storage c = _liveClaim(claimId);
        _requireHandler(c.insurerOrg, msg.sender);
        if (expert == address(0)) revert InsuranceInvalidExpert(expert);
        _requireNoConflict(claimId, c, expert);
        InsuranceStorage storage $ = _s();
        if (c.expert != expert) $.expertMandates[expert].push(claimId);
        c.expert = expert;
        $.bookBlocks[c.tokenId].pushCurrent(0);
        emit ExpertMandated(claimId, expert);
    }

    /// @inheritdoc IInsurance
    function submitDiagnosis(
        uint256 claimId,
        uint64 mileage,
        Verdict verdict,
        bytes32 documentHash,
        bytes calldata payload
    ) external {
        Claim storage c = _liveClaim(claimId);
        if (c.expert != msg.sender) revert InsuranceNotMandatedExpert(claimId, msg.sender);
        if (verdict == Verdict.None) revert InsuranceInvalidVerdict();
        _requireNoConflict(claimId, c, msg.sender);
        c.verdict = verdict;
        _s().bookBlocks[c.tokenId].pushCurrent(0);
        emit DiagnosisSubmitted(claimId, c.tokenId, msg.sender, verdict);
        _s().carBook
            .recordDiagnosis(
                c.tokenId, msg.sender, c.insurerOrg, mileage, verdict == Verdict.TotalLoss, documentHash, payload
            );
    }

    // ---------------------------------------------------------------- internals

    /// @dev An undecided claim that may still be worked on (see `claimLive`), or the reason why not.
    function _liveClaim(uint256 claimId) private view returns (Claim storage c) {
        c = _s().claims[claimId];
        if (c.insurerOrg == 0) revert InsuranceUnknownClaim(claimId);
        if (c.verdict != Verdict.None) revert InsuranceClaimClosed(claimId, c.verdict);
        bytes memory reason = _liveError(claimId, c);
        if (reason.length != 0) {
            assembly {
                revert(add(reason, 32), mload(reason))
            }
        }
    }

    /// @dev Empty if the claim is live; otherwise the encoded error. A claim belongs to the cover and the ownership
    /// in force when it was opened: the cover must still be active, in the same ownership epoch, by the same
    /// insurer, and not replaced since (claim ids below the cover's `claimFloor` were opened under an earlier one).
    function _liveError(uint256 claimId, Claim storage c) private view returns (bytes memory) {
        InsuranceStorage storage $ = _s();
        uint256 lifetime = $.consortium.parameter(Parameters.CLAIM_LIFETIME);
        uint256 expiresAt = uint256(c.openedAt) + (lifetime == 0 ? Parameters.DEFAULT_CLAIM_LIFETIME : lifetime);
        if (block.timestamp > expiresAt) {
            return abi.encodeWithSelector(InsuranceClaimExpired.selector, claimId, expiresAt);
        }
        Cover storage cover = $.covers[c.tokenId];
        if (
            cover.status != CoverStatus.Active || cover.insurerOrg != c.insurerOrg || claimId < cover.claimFloor
                || !_sameOwnership(c.tokenId, cover)
        ) {
            return abi.encodeWithSelector(InsuranceClaimLapsed.selector, claimId);
        }
        return "";
    }

    /// @dev Conflicts of interest: the owner of the car, staff of the owner's organisation, staff of the insurer.
    function _requireNoConflict(uint256 claimId, Claim storage c, address expert) private view {
        InsuranceStorage storage $ = _s();
        address owner = $.carBook.ownerOf(c.tokenId);
        if (expert == owner) revert InsuranceExpertConflict(claimId, expert);
        (uint32 expertOrg,,) = $.consortium.membershipOf(expert);
        if (expertOrg == 0) return;
        (uint32 ownerOrg,,) = $.consortium.membershipOf(owner);
        if (expertOrg == c.insurerOrg || expertOrg == ownerOrg) revert InsuranceExpertConflict(claimId, expert);
    }

    /// @dev The cover was requested in the current ownership epoch: the title has not moved since (a sale, even
    /// to the holder again, ends it for good). The holder owned the title at the request.
    function _sameOwnership(uint256 tokenId, Cover storage cover) private view returns (bool) {
        return cover.ownershipEpoch == _ownershipEpoch(tokenId);
    }

    function _ownershipEpoch(uint256 tokenId) private view returns (uint32) {
        return _s().carBook.book(tokenId).ownershipEpoch;
    }

    function _requireActiveBook(uint256 tokenId) private view {
        if (_s().carBook.book(tokenId).status != ICarBook.BookStatus.Active) revert InsuranceBookNotActive(tokenId);
    }

    /// @dev Checks the role and the organisation: a claims handler or the admin of exactly this insurer.
    function _requireHandler(uint32 insurerOrg, address account) private view {
        (uint32 orgId,, bytes32 role) = _s().consortium.membershipOf(account);
        if (orgId != insurerOrg || (role != Roles.CLAIMS_HANDLER && role != Roles.ORG_ADMIN)) {
            revert InsuranceNotClaimsHandler(insurerOrg, account);
        }
    }

    // ---------------------------------------------------------------- read indexes

    /// @inheritdoc IBookEventIndex
    function bookEventBlocks(uint256 tokenId, uint256 start, uint256 count)
        external
        view
        returns (uint256[] memory blocks, uint256 total)
    {
        InsuranceStorage storage $ = _s();
        return BlockIndex.page($.legacyBookBlocks[tokenId], 0, $.bookBlocks[tokenId], start, count);
    }

    /// @inheritdoc IBookEventIndex
    function indexStartBlock() external view returns (uint256) {
        return _s().indexStartBlock;
    }

    /// @inheritdoc IBookEventIndex
    function backfillBookEventBlocks(uint256 tokenId, uint32[] calldata blocks) external {
        InsuranceStorage storage $ = _s();
        _onlyGovernance();
        BlockIndex.List storage legacy = $.legacyBookBlocks[tokenId];
        if (!BlockIndex.backfill(legacy, blocks, $.indexStartBlock)) revert IndexBackfillInvalid(tokenId);
        emit BookEventBlocksBackfilled(tokenId, blocks.length);
    }

    /// @notice Run by the upgrade that introduces the read indexes (as `upgradeToAndCall` data, so only the
    /// consortium can): records the block from which the indexes are complete.
    function initializeIndexes() external reinitializer(2) {
        InsuranceStorage storage $ = _s();
        _onlyGovernance();
        $.indexStartBlock = block.number;
        $.legacyClaimCount = $.claimCount;
    }

    /// @inheritdoc IInsurance
    function coversOf(uint32 insurerOrg, uint256 start, uint256 count)
        external
        view
        returns (uint256[] memory tokenIds, uint256 total)
    {
        EnumerableSet.UintSet storage set = _s().coveredBooks[insurerOrg];
        total = set.length();
        tokenIds = set.values(start, BlockIndex.pageEnd(start, count, total));
    }

    /// @inheritdoc IInsurance
    function claimsOf(uint32 insurerOrg, uint256 start, uint256 count)
        external
        view
        returns (uint256[] memory claimIds, uint256 total)
    {
        return BlockIndex.slice(_s().insurerClaims[insurerOrg], start, count);
    }

    /// @inheritdoc IInsurance
    function mandatesOf(address expert, uint256 start, uint256 count)
        external
        view
        returns (uint256[] memory claimIds, uint256 total)
    {
        return BlockIndex.slice(_s().expertMandates[expert], start, count);
    }

    /// @inheritdoc IInsurance
    function indexLegacy(uint256 maxClaims, uint256[] calldata tokenIds) external {
        InsuranceStorage storage $ = _s();
        uint256 id = $.legacyClaimsListed;
        uint256 end = BlockIndex.pageEnd(id, maxClaims, $.legacyClaimCount);
        while (id < end) {
            Claim storage c = $.claims[++id];
            $.insurerClaims[c.insurerOrg].push(id);
            if (c.expert != address(0)) $.expertMandates[c.expert].push(id);
        }
        $.legacyClaimsListed = id;
        for (uint256 i; i < tokenIds.length; ++i) {
            uint32 insurerOrg = $.covers[tokenIds[i]].insurerOrg;
            if (insurerOrg != 0) $.coveredBooks[insurerOrg].add(tokenIds[i]);
        }
    }

    /// @dev Governance is the consortium registry.
    function _governance() internal view override returns (address) {
        return address(_s().consortium);
    }
}
