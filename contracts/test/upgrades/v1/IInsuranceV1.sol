// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Frozen copy of the registry as deployed before the read indexes (commit 4f0f214), renamed with a V1 suffix:
// the "previous layout" of `npm run check:storage` and the starting point of test/UpgradeToIndexes.t.sol.
// Never edit it to follow src/.

/// @title Insurance registry: cover of a car book by an insurer, claims, mandated experts and their diagnoses.
/// @notice A total-loss diagnosis marks the car book WRECKED for good (CarBook enforces what a wreck may do).
interface IInsuranceV1 {
    enum CoverStatus {
        None,
        Requested,
        Active,
        Ended
    }

    enum Verdict {
        None,
        Repairable,
        TotalLoss
    }

    /// @notice One cover per book, asked by `holder` (the owner then); it lapses by itself when the title moves.
    struct Cover {
        uint32 insurerOrg;
        CoverStatus status;
        uint40 since;
        address holder;
    }

    struct Claim {
        uint256 tokenId;
        uint32 insurerOrg;
        Verdict verdict;
        uint40 openedAt;
        address expert;
    }

    error InsuranceNotOwner(uint256 tokenId, address account);
    error InsuranceNotInsurer(uint32 orgId);
    error InsuranceNotClaimsHandler(uint32 insurerOrg, address account);
    error InsuranceBookNotActive(uint256 tokenId);
    error InsuranceCoverAlreadyActive(uint256 tokenId, uint32 insurerOrg);
    error InsuranceNoCoverRequest(uint256 tokenId);
    error InsuranceNotCovered(uint256 tokenId);
    error InsuranceUnknownClaim(uint256 claimId);
    error InsuranceClaimClosed(uint256 claimId, Verdict verdict);
    error InsuranceInvalidExpert(address expert);
    error InsuranceNotMandatedExpert(uint256 claimId, address account);
    error InsuranceInvalidVerdict();
    error InsuranceOnlyGovernance(address caller);

    event CoverRequested(uint256 indexed tokenId, uint32 indexed insurerOrg, address indexed holder);
    event CoverAccepted(uint256 indexed tokenId, uint32 indexed insurerOrg, address indexed handler);
    event CoverEnded(uint256 indexed tokenId, uint32 indexed insurerOrg, address indexed by);
    event ClaimOpened(uint256 indexed claimId, uint256 indexed tokenId, uint32 indexed insurerOrg, address handler);
    event ExpertMandated(uint256 indexed claimId, address indexed expert);
    event DiagnosisSubmitted(uint256 indexed claimId, uint256 indexed tokenId, address indexed expert, Verdict verdict);

    /// @notice The owner asks insurer `insurerOrg` for cover (replaces an earlier request or ended cover).
    function requestCover(uint256 tokenId, uint32 insurerOrg) external;

    /// @notice A claims handler (or the admin) of the requested insurer accepts the cover.
    function acceptCover(uint256 tokenId) external;

    /// @notice The holder or the insurer ends the cover.
    function endCover(uint256 tokenId) external;

    /// @notice The insurer opens a claim on a book it covers now; returns the claim id.
    function openClaim(uint256 tokenId) external returns (uint256 claimId);

    /// @notice The insurer mandates (or replaces) the expert of an undecided claim.
    function mandateExpert(uint256 claimId, address expert) external;

    /// @notice The mandated expert writes the diagnosis into the car book; a total loss wrecks it.
    function submitDiagnosis(
        uint256 claimId,
        uint64 mileage,
        Verdict verdict,
        bytes32 documentHash,
        bytes calldata payload
    ) external;

    /// @notice The cover record of a book (whatever its state).
    function coverOf(uint256 tokenId) external view returns (Cover memory);

    /// @notice Whether the book is covered now, and by which insurer (the holder must still own the title).
    function activeInsurer(uint256 tokenId) external view returns (bool covered, uint32 insurerOrg);

    /// @notice A claim by id.
    function claim(uint256 claimId) external view returns (Claim memory);

    /// @notice The car book registry this insurance registry writes diagnoses into.
    function carBook() external view returns (address);
}
