// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {GovernedUpgradeable} from "../src/base/GovernedUpgradeable.sol";
import {Base} from "./Base.t.sol";
import {IInsurance} from "../src/interfaces/IInsurance.sol";
import {ICarBook} from "../src/interfaces/ICarBook.sol";
import {Roles} from "../src/Roles.sol";
import {IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";

contract InsuranceTest is Base {
    uint256 internal tokenId;

    function setUp() public override {
        super.setUp();
        tokenId = _createBook();
    }

    function test_initialize_wiresRegistries() public view {
        assertEq(insurance.carBook(), address(carBook));
        assertEq(insurance.consortium(), address(consortium));
    }

    // ------------------------------------------------------------ requestCover / acceptCover

    function test_requestCover_thenAccept_activatesCover() public {
        vm.expectEmit(address(insurance));
        emit IInsurance.CoverRequested(tokenId, INSURER, owner);
        vm.prank(owner);
        insurance.requestCover(tokenId, INSURER);
        (bool covered,) = insurance.activeInsurer(tokenId);
        assertFalse(covered, "requested is not yet covered");

        vm.expectEmit(address(insurance));
        emit IInsurance.CoverAccepted(tokenId, INSURER, claimsHandler);
        vm.prank(claimsHandler);
        insurance.acceptCover(tokenId);
        uint32 insurer;
        (covered, insurer) = insurance.activeInsurer(tokenId);
        assertTrue(covered);
        assertEq(insurer, INSURER);
        IInsurance.Cover memory cover = insurance.coverOf(tokenId);
        assertEq(uint8(cover.status), uint8(IInsurance.CoverStatus.Active));
        assertEq(cover.holder, owner);
        assertEq(cover.since, block.timestamp);
    }

    function test_requestCover_revertsForNonOwner() public {
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IInsurance.InsuranceNotOwner.selector, tokenId, stranger));
        insurance.requestCover(tokenId, INSURER);
    }

    function test_requestCover_revertsForUnknownBook() public {
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 1));
        insurance.requestCover(1, INSURER);
    }

    function test_requestCover_revertsForNonInsurerOrg() public {
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(IInsurance.InsuranceNotInsurer.selector, MAKER));
        insurance.requestCover(tokenId, MAKER);
    }

    function test_requestCover_revertsWhenAlreadyCovered() public {
        _insure(tokenId);
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(IInsurance.InsuranceCoverAlreadyActive.selector, tokenId, INSURER));
        insurance.requestCover(tokenId, INSURER);
    }

    function test_requestCover_revertsForWreck() public {
        _wreck(tokenId);
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(IInsurance.InsuranceBookNotActive.selector, tokenId));
        insurance.requestCover(tokenId, INSURER);
    }

    function test_acceptCover_revertsForOtherOrgStaff() public {
        vm.prank(owner);
        insurance.requestCover(tokenId, INSURER);
        vm.prank(dealer);
        vm.expectRevert(abi.encodeWithSelector(IInsurance.InsuranceNotClaimsHandler.selector, INSURER, dealer));
        insurance.acceptCover(tokenId);
    }

    function test_acceptCover_revertsWithoutRequest() public {
        vm.prank(claimsHandler);
        vm.expectRevert(abi.encodeWithSelector(IInsurance.InsuranceNoCoverRequest.selector, tokenId));
        insurance.acceptCover(tokenId);
    }

    function test_acceptCover_revertsAfterSale() public {
        vm.prank(owner);
        insurance.requestCover(tokenId, INSURER);
        vm.prank(owner);
        carBook.transferFrom(owner, buyer, tokenId);
        vm.prank(claimsHandler);
        vm.expectRevert(abi.encodeWithSelector(IInsurance.InsuranceNoCoverRequest.selector, tokenId));
        insurance.acceptCover(tokenId);
    }

    function test_activeInsurer_lapsesOnSale() public {
        _insure(tokenId);
        vm.prank(owner);
        carBook.transferFrom(owner, buyer, tokenId);
        (bool covered,) = insurance.activeInsurer(tokenId);
        assertFalse(covered);
        // The new owner can ask for cover of their own.
        vm.prank(buyer);
        insurance.requestCover(tokenId, INSURER);
    }

    // ------------------------------------------------------------ endCover

    function test_endCover_byHolderOrInsurer() public {
        _insure(tokenId);
        vm.expectEmit(address(insurance));
        emit IInsurance.CoverEnded(tokenId, INSURER, owner);
        vm.prank(owner);
        insurance.endCover(tokenId);
        (bool covered,) = insurance.activeInsurer(tokenId);
        assertFalse(covered);

        _insure(tokenId);
        vm.prank(claimsHandler);
        insurance.endCover(tokenId);
        assertEq(uint8(insurance.coverOf(tokenId).status), uint8(IInsurance.CoverStatus.Ended));
    }

    function test_endCover_revertsForStranger() public {
        _insure(tokenId);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IInsurance.InsuranceNotClaimsHandler.selector, INSURER, stranger));
        insurance.endCover(tokenId);
    }

    function test_endCover_revertsWithoutCover() public {
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(IInsurance.InsuranceNotCovered.selector, tokenId));
        insurance.endCover(tokenId);
    }

    // ------------------------------------------------------------ claims

    function test_openClaim_byCoveringInsurer() public {
        _insure(tokenId);
        vm.expectEmit(address(insurance));
        emit IInsurance.ClaimOpened(1, tokenId, INSURER, claimsHandler);
        vm.prank(claimsHandler);
        uint256 claimId = insurance.openClaim(tokenId);
        assertEq(claimId, 1);
        assertEq(insurance.claimCount(), 1);
        IInsurance.Claim memory c = insurance.claim(claimId);
        assertEq(c.tokenId, tokenId);
        assertEq(c.insurerOrg, INSURER);
        assertEq(uint8(c.verdict), uint8(IInsurance.Verdict.None));
    }

    function test_openClaim_revertsWithoutCover() public {
        vm.prank(claimsHandler);
        vm.expectRevert(abi.encodeWithSelector(IInsurance.InsuranceNotCovered.selector, tokenId));
        insurance.openClaim(tokenId);
    }

    function test_openClaim_revertsForOtherStaff() public {
        _insure(tokenId);
        vm.prank(workshop);
        vm.expectRevert(abi.encodeWithSelector(IInsurance.InsuranceNotClaimsHandler.selector, INSURER, workshop));
        insurance.openClaim(tokenId);
    }

    function test_openClaim_revertsOnWreck() public {
        _wreck(tokenId);
        vm.prank(claimsHandler);
        vm.expectRevert(abi.encodeWithSelector(IInsurance.InsuranceBookNotActive.selector, tokenId));
        insurance.openClaim(tokenId);
    }

    function test_mandateExpert_setsExpert() public {
        _insure(tokenId);
        vm.prank(claimsHandler);
        uint256 claimId = insurance.openClaim(tokenId);
        vm.expectEmit(address(insurance));
        emit IInsurance.ExpertMandated(claimId, expert);
        vm.prank(insurerAdmin);
        insurance.mandateExpert(claimId, expert);
        assertEq(insurance.claim(claimId).expert, expert);
    }

    function test_mandateExpert_reverts() public {
        vm.prank(claimsHandler);
        vm.expectRevert(abi.encodeWithSelector(IInsurance.InsuranceUnknownClaim.selector, 9));
        insurance.mandateExpert(9, expert);

        _insure(tokenId);
        vm.prank(claimsHandler);
        uint256 claimId = insurance.openClaim(tokenId);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IInsurance.InsuranceNotClaimsHandler.selector, INSURER, stranger));
        insurance.mandateExpert(claimId, expert);
        vm.prank(claimsHandler);
        vm.expectRevert(abi.encodeWithSelector(IInsurance.InsuranceInvalidExpert.selector, address(0)));
        insurance.mandateExpert(claimId, address(0));
    }

    function test_submitDiagnosis_closesClaim() public {
        uint256 claimId = _claimWithExpert(tokenId);
        vm.expectEmit(address(insurance));
        emit IInsurance.DiagnosisSubmitted(claimId, tokenId, expert, IInsurance.Verdict.Repairable);
        vm.prank(expert);
        insurance.submitDiagnosis(claimId, 10, IInsurance.Verdict.Repairable, bytes32(0), "");
        assertEq(uint8(insurance.claim(claimId).verdict), uint8(IInsurance.Verdict.Repairable));

        vm.prank(expert);
        vm.expectRevert(
            abi.encodeWithSelector(IInsurance.InsuranceClaimClosed.selector, claimId, IInsurance.Verdict.Repairable)
        );
        insurance.submitDiagnosis(claimId, 10, IInsurance.Verdict.TotalLoss, bytes32(0), "");
    }

    function test_submitDiagnosis_revertsForOtherThanMandatedExpert() public {
        uint256 claimId = _claimWithExpert(tokenId);
        vm.prank(claimsHandler);
        vm.expectRevert(abi.encodeWithSelector(IInsurance.InsuranceNotMandatedExpert.selector, claimId, claimsHandler));
        insurance.submitDiagnosis(claimId, 10, IInsurance.Verdict.TotalLoss, bytes32(0), "");
    }

    function test_submitDiagnosis_revertsWithoutVerdict() public {
        uint256 claimId = _claimWithExpert(tokenId);
        vm.prank(expert);
        vm.expectRevert(IInsurance.InsuranceInvalidVerdict.selector);
        insurance.submitDiagnosis(claimId, 10, IInsurance.Verdict.None, bytes32(0), "");
    }

    function test_submitDiagnosis_expertHasNoOtherWriteRight() public {
        _claimWithExpert(tokenId);
        assertFalse(carBook.canWrite(tokenId, expert));
        vm.prank(expert);
        vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookNotWriter.selector, tokenId, expert));
        carBook.appendRecord(tokenId, 10, ICarBook.RecordKind.Note, bytes32(0), "");
    }

    // ------------------------------------------------------------ stale claims (issue 10 item 5)

    function test_mandateExpert_revertsAfterSale() public {
        _insure(tokenId);
        vm.prank(claimsHandler);
        uint256 claimId = insurance.openClaim(tokenId);
        vm.prank(owner);
        carBook.transferFrom(owner, buyer, tokenId);
        vm.prank(claimsHandler);
        vm.expectRevert(abi.encodeWithSelector(IInsurance.InsuranceClaimLapsed.selector, claimId));
        insurance.mandateExpert(claimId, expert);
    }

    function test_submitDiagnosis_afterSale_cannotWreckNewOwnersCar() public {
        uint256 claimId = _claimWithExpert(tokenId);
        vm.prank(owner);
        carBook.transferFrom(owner, buyer, tokenId);
        vm.prank(expert);
        vm.expectRevert(abi.encodeWithSelector(IInsurance.InsuranceClaimLapsed.selector, claimId));
        insurance.submitDiagnosis(claimId, 10, IInsurance.Verdict.TotalLoss, bytes32(0), "");
        assertEq(uint8(carBook.book(tokenId).status), uint8(ICarBook.BookStatus.Active));
    }

    function test_mandateExpert_revertsAfterHolderEndedCover() public {
        _insure(tokenId);
        vm.prank(claimsHandler);
        uint256 claimId = insurance.openClaim(tokenId);
        vm.prank(owner);
        insurance.endCover(tokenId);
        vm.prank(claimsHandler);
        vm.expectRevert(abi.encodeWithSelector(IInsurance.InsuranceClaimLapsed.selector, claimId));
        insurance.mandateExpert(claimId, expert);
    }

    function test_submitDiagnosis_revertsUnderALaterCover() public {
        uint256 claimId = _claimWithExpert(tokenId);
        vm.prank(owner);
        insurance.endCover(tokenId);
        _insure(tokenId); // a new cover by the same insurer: the old claim does not belong to it
        vm.prank(expert);
        vm.expectRevert(abi.encodeWithSelector(IInsurance.InsuranceClaimLapsed.selector, claimId));
        insurance.submitDiagnosis(claimId, 10, IInsurance.Verdict.TotalLoss, bytes32(0), "");
        vm.prank(claimsHandler);
        uint256 fresh = insurance.openClaim(tokenId);
        assertTrue(insurance.claimLive(fresh));
        assertFalse(insurance.claimLive(claimId));
    }

    function test_submitDiagnosis_revertsAfterClaimLifetime() public {
        uint256 claimId = _claimWithExpert(tokenId);
        uint256 expiresAt = block.timestamp + consortium.parameter(consortium.CLAIM_LIFETIME());
        assertEq(expiresAt, block.timestamp + 90 days);
        vm.warp(expiresAt);
        assertTrue(insurance.claimLive(claimId), "live until its last second");
        vm.warp(expiresAt + 1);
        assertFalse(insurance.claimLive(claimId));
        vm.prank(expert);
        vm.expectRevert(abi.encodeWithSelector(IInsurance.InsuranceClaimExpired.selector, claimId, expiresAt));
        insurance.submitDiagnosis(claimId, 10, IInsurance.Verdict.TotalLoss, bytes32(0), "");
        vm.prank(claimsHandler);
        vm.expectRevert(abi.encodeWithSelector(IInsurance.InsuranceClaimExpired.selector, claimId, expiresAt));
        insurance.mandateExpert(claimId, makeAddr("otherExpert"));
    }

    function test_claimLive_falseForUnknownOrDecidedClaim() public {
        uint256 claimId = _wreck(tokenId);
        assertFalse(insurance.claimLive(claimId));
        assertFalse(insurance.claimLive(claimId + 1));
    }

    // ------------------------------------------------------------ lapsed covers (issue 10 item 13)

    function test_activeInsurer_coverDoesNotComeBackWhenHolderBuysBack() public {
        _insure(tokenId);
        vm.prank(owner);
        carBook.transferFrom(owner, buyer, tokenId);
        vm.prank(buyer);
        carBook.transferFrom(buyer, owner, tokenId);
        (bool covered, uint32 insurer) = insurance.activeInsurer(tokenId);
        assertFalse(covered, "the cover lapsed at the sale for good");
        assertEq(insurer, 0);
        vm.prank(claimsHandler);
        vm.expectRevert(abi.encodeWithSelector(IInsurance.InsuranceNotCovered.selector, tokenId));
        insurance.openClaim(tokenId);
    }

    function test_acceptCover_revertsForRequestMadeBeforeSaleAndBuyBack() public {
        vm.prank(owner);
        insurance.requestCover(tokenId, INSURER);
        vm.prank(owner);
        carBook.transferFrom(owner, buyer, tokenId);
        vm.prank(buyer);
        carBook.transferFrom(buyer, owner, tokenId);
        vm.prank(claimsHandler);
        vm.expectRevert(abi.encodeWithSelector(IInsurance.InsuranceNoCoverRequest.selector, tokenId));
        insurance.acceptCover(tokenId);
    }

    function test_requestCover_afterBuyBack_coversAgain() public {
        _insure(tokenId);
        vm.prank(owner);
        carBook.transferFrom(owner, buyer, tokenId);
        vm.prank(buyer);
        carBook.transferFrom(buyer, owner, tokenId);
        _insure(tokenId);
        (bool covered,) = insurance.activeInsurer(tokenId);
        assertTrue(covered);
        assertEq(insurance.coverOf(tokenId).ownershipEpoch, 2);
    }

    // ------------------------------------------------------------ conflicts of interest (issue 12 item 7)

    function test_mandateExpert_revertsForTheOwner() public {
        _insure(tokenId);
        vm.prank(claimsHandler);
        uint256 claimId = insurance.openClaim(tokenId);
        vm.prank(claimsHandler);
        vm.expectRevert(abi.encodeWithSelector(IInsurance.InsuranceExpertConflict.selector, claimId, owner));
        insurance.mandateExpert(claimId, owner);
    }

    function test_mandateExpert_revertsForInsurerStaff() public {
        _insure(tokenId);
        vm.prank(claimsHandler);
        uint256 claimId = insurance.openClaim(tokenId);
        vm.prank(claimsHandler);
        vm.expectRevert(abi.encodeWithSelector(IInsurance.InsuranceExpertConflict.selector, claimId, insurerAdmin));
        insurance.mandateExpert(claimId, insurerAdmin);
        vm.prank(insurerAdmin);
        vm.expectRevert(abi.encodeWithSelector(IInsurance.InsuranceExpertConflict.selector, claimId, claimsHandler));
        insurance.mandateExpert(claimId, claimsHandler);
    }

    function test_mandateExpert_revertsForStaffOfOwnersOrganisation() public {
        // A car of the maker's own fleet, held by its dealer: the maker's workshop is no independent expert.
        vm.prank(owner);
        carBook.transferFrom(owner, dealer, tokenId);
        _insure(tokenId);
        vm.prank(claimsHandler);
        uint256 claimId = insurance.openClaim(tokenId);
        vm.prank(claimsHandler);
        vm.expectRevert(abi.encodeWithSelector(IInsurance.InsuranceExpertConflict.selector, claimId, workshop));
        insurance.mandateExpert(claimId, workshop);
        vm.prank(claimsHandler);
        vm.expectRevert(abi.encodeWithSelector(IInsurance.InsuranceExpertConflict.selector, claimId, makerAdmin));
        insurance.mandateExpert(claimId, makerAdmin);
        // Staff of an unrelated member is no conflict.
        vm.prank(claimsHandler);
        insurance.mandateExpert(claimId, archivist);
        assertEq(insurance.claim(claimId).expert, archivist);
    }

    function test_submitDiagnosis_revertsWhenExpertJoinedTheInsurerSinceMandate() public {
        uint256 claimId = _claimWithExpert(tokenId);
        vm.prank(insurerAdmin);
        consortium.setStaff(expert, Roles.CLAIMS_HANDLER);
        vm.prank(expert);
        vm.expectRevert(abi.encodeWithSelector(IInsurance.InsuranceExpertConflict.selector, claimId, expert));
        insurance.submitDiagnosis(claimId, 10, IInsurance.Verdict.Repairable, bytes32(0), "");
    }

    function test_upgrade_revertsOutsideGovernance() public {
        address next = address(new InsuranceNext());
        vm.prank(insurerAdmin);
        vm.expectRevert(
            abi.encodeWithSelector(GovernedUpgradeable.GovernedUpgradeOnlyGovernance.selector, insurerAdmin)
        );
        insurance.upgradeToAndCall(next, "");
    }
}

import {Insurance} from "../src/Insurance.sol";

contract InsuranceNext is Insurance {}
