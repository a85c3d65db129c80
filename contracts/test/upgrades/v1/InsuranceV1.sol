// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Frozen copy of the registry as deployed before the read indexes (commit 4f0f214), renamed with a V1 suffix:
// the "previous layout" of `npm run check:storage` and the starting point of test/UpgradeToIndexes.t.sol.
// Never edit it to follow src/.

import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";
import {IInsuranceV1} from "./IInsuranceV1.sol";
import {IConsortium} from "../../../src/interfaces/IConsortium.sol";
import {ICarBook} from "../../../src/interfaces/ICarBook.sol";
import {CarBook} from "../../../src/CarBook.sol";
import {Roles} from "../../../src/Roles.sol";

/// @title Insurance registry: covers, claims, mandated experts; writes diagnoses into CarBook.
/// @dev CarBook trusts this registry through the consortium parameter `registry.insurance` (set by a vote), so
/// replacing the registry CarBook listens to takes a strict majority, like an upgrade.
contract InsuranceV1 is IInsuranceV1, Initializable, UUPSUpgradeable {
    /// @custom:storage-location erc7201:carbook.storage.Insurance
    struct InsuranceStorage {
        IConsortium consortium;
        CarBook carBook;
        mapping(uint256 tokenId => Cover) covers;
        uint256 claimCount;
        mapping(uint256 claimId => Claim) claims;
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

    function initialize(IConsortium consortium_, CarBook carBook_) external initializer {
        InsuranceStorage storage $ = _s();
        $.consortium = consortium_;
        $.carBook = carBook_;
    }

    // ---------------------------------------------------------------- views

    /// @notice The consortium registry asked who handles claims for which insurer.
    function consortium() external view returns (address) {
        return address(_s().consortium);
    }

    /// @inheritdoc IInsuranceV1
    function carBook() external view returns (address) {
        return address(_s().carBook);
    }

    /// @inheritdoc IInsuranceV1
    function coverOf(uint256 tokenId) external view returns (Cover memory) {
        return _s().covers[tokenId];
    }

    /// @inheritdoc IInsuranceV1
    function activeInsurer(uint256 tokenId) public view returns (bool covered, uint32 insurerOrg) {
        Cover memory cover = _s().covers[tokenId];
        if (cover.status != CoverStatus.Active) return (false, 0);
        if (_s().carBook.ownerOf(tokenId) != cover.holder) return (false, 0);
        return (true, cover.insurerOrg);
    }

    /// @inheritdoc IInsuranceV1
    function claim(uint256 claimId) external view returns (Claim memory) {
        return _s().claims[claimId];
    }

    /// @notice Number of claims ever opened (ids run from 1).
    function claimCount() external view returns (uint256) {
        return _s().claimCount;
    }

    // ---------------------------------------------------------------- cover

    /// @inheritdoc IInsuranceV1
    function requestCover(uint256 tokenId, uint32 insurerOrg) external {
        InsuranceStorage storage $ = _s();
        if ($.carBook.ownerOf(tokenId) != msg.sender) revert InsuranceNotOwner(tokenId, msg.sender);
        _requireActiveBook(tokenId);
        IConsortium.Organisation memory org = $.consortium.organisation(insurerOrg);
        if (org.kind != IConsortium.OrgKind.Insurer || !org.active) revert InsuranceNotInsurer(insurerOrg);
        Cover memory current = $.covers[tokenId];
        if (current.status == CoverStatus.Active && current.holder == msg.sender) {
            revert InsuranceCoverAlreadyActive(tokenId, current.insurerOrg);
        }
        $.covers[tokenId] = Cover(insurerOrg, CoverStatus.Requested, 0, msg.sender);
        emit CoverRequested(tokenId, insurerOrg, msg.sender);
    }

    /// @inheritdoc IInsuranceV1
    function acceptCover(uint256 tokenId) external {
        InsuranceStorage storage $ = _s();
        Cover storage cover = $.covers[tokenId];
        if (cover.status != CoverStatus.Requested || $.carBook.ownerOf(tokenId) != cover.holder) {
            revert InsuranceNoCoverRequest(tokenId);
        }
        _requireHandler(cover.insurerOrg, msg.sender);
        cover.status = CoverStatus.Active;
        cover.since = uint40(block.timestamp);
        emit CoverAccepted(tokenId, cover.insurerOrg, msg.sender);
    }

    /// @inheritdoc IInsuranceV1
    function endCover(uint256 tokenId) external {
        Cover storage cover = _s().covers[tokenId];
        if (cover.status != CoverStatus.Active && cover.status != CoverStatus.Requested) {
            revert InsuranceNotCovered(tokenId);
        }
        if (msg.sender != cover.holder) _requireHandler(cover.insurerOrg, msg.sender);
        cover.status = CoverStatus.Ended;
        emit CoverEnded(tokenId, cover.insurerOrg, msg.sender);
    }

    // ---------------------------------------------------------------- claims

    /// @inheritdoc IInsuranceV1
    function openClaim(uint256 tokenId) external returns (uint256 claimId) {
        InsuranceStorage storage $ = _s();
        (bool covered, uint32 insurerOrg) = activeInsurer(tokenId);
        if (!covered) revert InsuranceNotCovered(tokenId);
        _requireHandler(insurerOrg, msg.sender);
        _requireActiveBook(tokenId);
        claimId = ++$.claimCount;
        $.claims[claimId] = Claim(tokenId, insurerOrg, Verdict.None, uint40(block.timestamp), address(0));
        emit ClaimOpened(claimId, tokenId, insurerOrg, msg.sender);
    }

    /// @inheritdoc IInsuranceV1
    function mandateExpert(uint256 claimId, address expert) external {
        Claim storage c = _openClaim(claimId);
        _requireHandler(c.insurerOrg, msg.sender);
        if (expert == address(0)) revert InsuranceInvalidExpert(expert);
        c.expert = expert;
        emit ExpertMandated(claimId, expert);
    }

    /// @inheritdoc IInsuranceV1
    function submitDiagnosis(
        uint256 claimId,
        uint64 mileage,
        Verdict verdict,
        bytes32 documentHash,
        bytes calldata payload
    ) external {
        Claim storage c = _openClaim(claimId);
        if (c.expert != msg.sender) revert InsuranceNotMandatedExpert(claimId, msg.sender);
        if (verdict == Verdict.None) revert InsuranceInvalidVerdict();
        c.verdict = verdict;
        emit DiagnosisSubmitted(claimId, c.tokenId, msg.sender, verdict);
        _s().carBook
            .recordDiagnosis(
                c.tokenId, msg.sender, c.insurerOrg, mileage, verdict == Verdict.TotalLoss, documentHash, payload
            );
    }

    // ---------------------------------------------------------------- internals

    function _openClaim(uint256 claimId) private view returns (Claim storage c) {
        c = _s().claims[claimId];
        if (c.insurerOrg == 0) revert InsuranceUnknownClaim(claimId);
        if (c.verdict != Verdict.None) revert InsuranceClaimClosed(claimId, c.verdict);
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

    /// @dev Upgrades execute only from the consortium, i.e. after a strict-majority proposal.
    function _authorizeUpgrade(address) internal view override {
        if (msg.sender != address(_s().consortium)) revert InsuranceOnlyGovernance(msg.sender);
    }
}
