// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Base} from "./Base.t.sol";
import {IInsurance} from "../src/interfaces/IInsurance.sol";

/// @notice Insurance's write paths in the gas snapshot (contracts/gas-snapshot, checked by `npm run gas:check` with
/// `GasTest`): each test is the one measured call, on a book that `setUp` brought to the state the call needs (one
/// book per state, each with a record and a block of its own before the call's block).
contract GasInsuranceTest is Base {
    /// @dev A book with no cover.
    uint256 internal uncovered;
    /// @dev A cover requested, not yet accepted.
    uint256 internal requested;
    /// @dev An active cover.
    uint256 internal covered;
    /// @dev An active cover with an open claim (`openClaimId`).
    uint256 internal claimed;
    uint256 internal openClaimId;
    /// @dev An active cover, an open claim with a mandated expert (`mandatedClaimId`).
    uint256 internal mandated;
    uint256 internal mandatedClaimId;

    function _book(string memory vin) internal returns (uint256 tokenId) {
        vm.prank(dealer);
        tokenId = carBook.createCarBook(WMI, keccak256(bytes(vin)), owner, device, "ipfs://model");
        _append(owner, tokenId, 1_000);
    }

    function setUp() public override {
        super.setUp();
        vm.roll(100);
        uncovered = _book("uncovered");
        requested = _book("requested");
        covered = _book("covered");
        claimed = _book("claimed");
        mandated = _book("mandated");
        vm.roll(101);
        vm.prank(owner);
        insurance.requestCover(requested, INSURER);
        _insure(covered);
        _insure(claimed);
        vm.prank(claimsHandler);
        openClaimId = insurance.openClaim(claimed);
        mandatedClaimId = _claimWithExpert(mandated);
        vm.roll(102);
    }

    function test_gas_requestCover() public {
        vm.prank(owner);
        insurance.requestCover(uncovered, INSURER);
    }

    function test_gas_acceptCover() public {
        vm.prank(claimsHandler);
        insurance.acceptCover(requested);
    }

    function test_gas_endCover_byHolder() public {
        vm.prank(owner);
        insurance.endCover(covered);
    }

    function test_gas_openClaim() public {
        vm.prank(claimsHandler);
        insurance.openClaim(covered);
    }

    function test_gas_mandateExpert() public {
        vm.prank(claimsHandler);
        insurance.mandateExpert(openClaimId, expert);
    }

    /// @dev The diagnosis and its record in CarBook (`recordDiagnosis`), the car repairable.
    function test_gas_submitDiagnosis_repairable() public {
        vm.prank(expert);
        insurance.submitDiagnosis(mandatedClaimId, 1_000, IInsurance.Verdict.Repairable, keccak256("r"), hex"c0ffee");
    }

    /// @dev A total loss also marks the book a wreck.
    function test_gas_submitDiagnosis_totalLoss() public {
        vm.prank(expert);
        insurance.submitDiagnosis(mandatedClaimId, 1_000, IInsurance.Verdict.TotalLoss, keccak256("r"), hex"c0ffee");
    }
}
