// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IBookEventIndex} from "./IBookEventIndex.sol";

/// @title Insurance registry: cover of a car book by an insurer, claims, mandated experts and their diagnoses.
/// @notice A total-loss diagnosis marks the car book WRECKED for good (CarBook enforces what a wreck may do).
/// Read indexes: `bookEventBlocks` lists the blocks of every cover and claim event about a book; `coversOf`,
/// `claimsOf` and `mandatesOf` list an insurer's covers and claims and an expert's mandates from state.
interface IInsurance is IBookEventIndex {
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

    /// @notice One cover per book, asked by `holder` (the owner then); it lapses for good when the title moves:
    /// it is bound to CarBook's `ownershipEpoch` at the request, so buying the car back does not revive it.
    /// `claimFloor` is the first claim id that belongs to this cover (claims opened under an earlier cover of the
    /// book have smaller ids); 0 until accepted, and on covers accepted before the fields were appended.
    struct Cover {
        uint32 insurerOrg;
        CoverStatus status;
        uint40 since;
        address holder;
        uint32 ownershipEpoch;
        uint64 claimFloor;
    }

    struct Claim {
        uint256 tokenId;
        uint32 insurerOrg;
        Verdict verdict;
        uint40 openedAt;
        address expert;
    }

    /// @notice `account` does not hold the book's title.
    error InsuranceNotOwner(uint256 tokenId, address account);
    /// @notice Organisation `orgId` is not a member insurer.
    error InsuranceNotInsurer(uint32 orgId);
    /// @notice `account` is not a claims handler (or the admin) of the insurer.
    error InsuranceNotClaimsHandler(uint32 insurerOrg, address account);
    /// @notice The book is wrecked or destroyed.
    error InsuranceBookNotActive(uint256 tokenId);
    /// @notice The caller's cover of the book is active already.
    error InsuranceCoverAlreadyActive(uint256 tokenId, uint32 insurerOrg);
    /// @notice The owner asked for no cover to accept.
    error InsuranceNoCoverRequest(uint256 tokenId);
    /// @notice The book has no active cover.
    error InsuranceNotCovered(uint256 tokenId);
    /// @notice No claim has this id.
    error InsuranceUnknownClaim(uint256 claimId);
    /// @notice The claim has its diagnosis already.
    error InsuranceClaimClosed(uint256 claimId, Verdict verdict);
    /// @notice The expert is the zero address.
    error InsuranceInvalidExpert(address expert);
    /// @notice `account` is not the expert mandated on the claim.
    error InsuranceNotMandatedExpert(uint256 claimId, address account);
    /// @notice The verdict must be repairable or total loss.
    error InsuranceInvalidVerdict();
    /// @notice The claim's lifetime (consortium parameter `insurance.claimLifetime`) ended at `expiredAt`.
    error InsuranceClaimExpired(uint256 claimId, uint256 expiredAt);
    /// @notice The cover the claim was opened under is no longer in force (ended, replaced, or the car was sold).
    error InsuranceClaimLapsed(uint256 claimId);
    /// @notice The expert owns the car, or is staff of the owner's organisation or of the insurer.
    error InsuranceExpertConflict(uint256 claimId, address expert);

    /// @notice The owner asked an insurer for cover.
    /// @param tokenId The book.
    /// @param insurerOrg The insurer asked.
    /// @param holder The owner who asked.
    event CoverRequested(uint256 indexed tokenId, uint32 indexed insurerOrg, address indexed holder);
    /// @notice The insurer accepted the cover.
    /// @param tokenId The book.
    /// @param insurerOrg The insurer.
    /// @param handler The claims handler (or admin) who accepted.
    event CoverAccepted(uint256 indexed tokenId, uint32 indexed insurerOrg, address indexed handler);
    /// @notice The holder or the insurer ended the cover.
    /// @param tokenId The book.
    /// @param insurerOrg The insurer.
    /// @param by The account that ended it.
    event CoverEnded(uint256 indexed tokenId, uint32 indexed insurerOrg, address indexed by);
    /// @notice The insurer opened a claim on a book it covers.
    /// @param claimId The new claim.
    /// @param tokenId The book.
    /// @param insurerOrg The insurer.
    /// @param handler The claims handler (or admin) who opened it.
    event ClaimOpened(uint256 indexed claimId, uint256 indexed tokenId, uint32 indexed insurerOrg, address handler);
    /// @notice The insurer mandated (or replaced) the expert of a claim.
    /// @param claimId The claim.
    /// @param expert The mandated expert.
    event ExpertMandated(uint256 indexed claimId, address indexed expert);
    /// @notice The mandated expert submitted the diagnosis, which closes the claim.
    /// @param claimId The claim.
    /// @param tokenId The book.
    /// @param expert The expert.
    /// @param verdict Repairable or total loss.
    event DiagnosisSubmitted(uint256 indexed claimId, uint256 indexed tokenId, address indexed expert, Verdict verdict);

    /// @notice The owner asks insurer `insurerOrg` for cover (replaces an earlier request or ended cover).
    /// @param tokenId The book.
    /// @param insurerOrg The insurer asked.
    function requestCover(uint256 tokenId, uint32 insurerOrg) external;

    /// @notice A claims handler (or the admin) of the requested insurer accepts the cover.
    /// @param tokenId The book.
    function acceptCover(uint256 tokenId) external;

    /// @notice The holder or the insurer ends the cover.
    /// @param tokenId The book.
    function endCover(uint256 tokenId) external;

    /// @notice The insurer opens a claim on a book it covers now; returns the claim id.
    /// @param tokenId The book.
    /// @return claimId The new claim.
    function openClaim(uint256 tokenId) external returns (uint256 claimId);

    /// @notice The insurer mandates (or replaces) the expert of an undecided claim that is still live (see
    /// `claimLive`). The expert must have no conflict of interest: not the car's owner, not staff (or admin) of
    /// the owner's organisation nor of the insurer (`InsuranceExpertConflict`).
    /// @param claimId The claim.
    /// @param expert The expert's account.
    function mandateExpert(uint256 claimId, address expert) external;

    /// @notice The mandated expert writes the diagnosis into the car book; a total loss wrecks it. The claim must
    /// still be live and the expert still free of conflicts of interest (checked as in `mandateExpert`).
    /// @param claimId The claim.
    /// @param mileage The odometer value in km.
    /// @param verdict Repairable or total loss.
    /// @param documentHash Hash (sha256) of the expert's report document, or zero.
    /// @param payload The record body, sealed for the book's readers (lib/browser/privacy `sealedDiagnosis`).
    function submitDiagnosis(
        uint256 claimId,
        uint64 mileage,
        Verdict verdict,
        bytes32 documentHash,
        bytes calldata payload
    ) external;

    /// @notice The cover record of a book (whatever its state).
    /// @param tokenId The book.
    function coverOf(uint256 tokenId) external view returns (Cover memory);

    /// @notice Whether the book is covered now, and by which insurer (the title has not moved since the request).
    /// @param tokenId The book.
    /// @return covered Whether the cover is active and the ownership epoch is the one it was requested in.
    /// @return insurerOrg The covering insurer (0 if not covered).
    function activeInsurer(uint256 tokenId) external view returns (bool covered, uint32 insurerOrg);

    /// @notice A claim by id.
    /// @param claimId The claim.
    function claim(uint256 claimId) external view returns (Claim memory);

    /// @notice Whether an undecided claim may still get an expert and a diagnosis: it was opened under the cover
    /// in force now (same insurer, same cover, same ownership epoch) and its lifetime has not ended.
    /// @param claimId The claim.
    function claimLive(uint256 claimId) external view returns (bool);

    /// @notice One page of the books whose cover record names `insurerOrg` (requested, active or ended: read
    /// `coverOf` for the status). A book leaves the list when its owner asks another insurer.
    /// @param insurerOrg The insurer organisation.
    /// @param start Index of the first entry to return.
    /// @param count Most entries to return.
    /// @return tokenIds Book ids, in no particular order.
    /// @return total Number of listed books.
    function coversOf(uint32 insurerOrg, uint256 start, uint256 count)
        external
        view
        returns (uint256[] memory tokenIds, uint256 total);

    /// @notice One page of the claims `insurerOrg` opened, in the order they were listed: as they are opened, and
    /// (on a deployment upgraded to the indexes) earlier claims once `indexLegacy` listed them.
    /// @param insurerOrg The insurer organisation.
    /// @param start Index of the first entry to return.
    /// @param count Most entries to return.
    /// @return claimIds Claim ids.
    /// @return total Number of claims the insurer opened.
    function claimsOf(uint32 insurerOrg, uint256 start, uint256 count)
        external
        view
        returns (uint256[] memory claimIds, uint256 total);

    /// @notice One page of the claims `expert` was ever mandated on, in mandate order (a claim whose expert was
    /// replaced stays listed: compare `claim(id).expert`).
    /// @param expert The expert's account.
    /// @param start Index of the first entry to return.
    /// @param count Most entries to return.
    /// @return claimIds Claim ids.
    /// @return total Number of listed claims.
    function mandatesOf(address expert, uint256 start, uint256 count)
        external
        view
        returns (uint256[] memory claimIds, uint256 total);

    /// @notice Lists covers and claims that predate the index upgrade (anyone may call; everything it lists is read
    /// from state, so it needs no trust). Processes up to `maxClaims` claims not yet listed, then each given book's
    /// cover if it is not listed yet.
    /// @param maxClaims Most legacy claims to list in this call.
    /// @param tokenIds Books whose cover record to list under its insurer.
    function indexLegacy(uint256 maxClaims, uint256[] calldata tokenIds) external;

    /// @notice The car book registry this insurance registry writes diagnoses into.
    function carBook() external view returns (address);
}
