// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Base} from "./Base.t.sol";
import {ICarBook} from "../src/interfaces/ICarBook.sol";
import {IConsortium} from "../src/interfaces/IConsortium.sol";
import {Roles} from "../src/Roles.sol";
import {Parameters} from "../src/Parameters.sol";
import {GovernedUpgradeable} from "../src/base/GovernedUpgradeable.sol";
import {OneLineText} from "../src/libraries/OneLineText.sol";

/// @notice Issue 10's CarBook findings: VIN squatting (6), one party signing both halves of a correction (14),
/// mileage inflation (15), bidirectional-text controls in one-line fields (17).
contract CarBookSecurityTest is Base {
    uint32 internal constant OTHER_MAKER = 5;
    bytes3 internal constant OTHER_WMI = "1HG";
    address internal otherAdmin = makeAddr("otherMakerAdmin");
    address internal otherDealer = makeAddr("otherDealer");

    function setUp() public override {
        super.setUp();
        _pass(
            IConsortium.ProposalAction.AddMember,
            abi.encode("Honda Europe", IConsortium.OrgKind.Manufacturer, otherAdmin)
        );
        _pass(IConsortium.ProposalAction.SetParameter, abi.encode(Parameters.wmiHolderKey(OTHER_WMI), OTHER_MAKER));
        vm.prank(otherAdmin);
        consortium.setStaff(otherDealer, Roles.DEALER);
    }

    // ------------------------------------------------------------ 6. VIN-commitment squatting

    function test_squatting_otherMakersDealerCannotCreateUnderAWmiItDoesNotHold() public {
        vm.prank(otherDealer);
        vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookWmiNotHeld.selector, WMI, OTHER_MAKER));
        carBook.createCarBook(WMI, VIN_COMMITMENT, buyer, device, "");
    }

    function test_squatting_realMakerStillCreatesItsCarAfterAnotherMakersAttempt() public {
        // The squatter can only use its own WMI, which gives another id than the real car's.
        vm.prank(otherDealer);
        uint256 squatted = carBook.createCarBook(OTHER_WMI, VIN_COMMITMENT, buyer, device, "");
        assertTrue(squatted != TOKEN);
        uint256 real = _createBook();
        assertEq(real, TOKEN);
        assertEq(carBook.book(real).manufacturerOrg, MAKER);
        // The squatter's network cannot write to or rotate the key of the real book.
        assertFalse(carBook.canWrite(real, otherDealer));
        vm.prank(otherDealer);
        vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookNotDeviceManager.selector, real, otherDealer));
        carBook.rotateDeviceKey(real, stranger);
    }

    function test_squatting_idBindsWmiAndDigest() public {
        assertEq(_createBook(), uint256(keccak256(abi.encodePacked(bytes3("WVW"), VIN_COMMITMENT))));
    }

    /// @dev The same id as lib/browser/vin/vectors.json's WVWZZZ1JZXW000001 vector (N = 1024) and `bookIdOf` there,
    /// and the same WMI parameter key as `wmiHolderKey`.
    function test_squatting_idMatchesTheDappVector() public {
        bytes32 digest = 0x5d75e181e62897c229ee80c9933c35f590843ff0c8bd12a15a0ecae0205f60c7;
        vm.prank(dealer);
        uint256 id = carBook.createCarBook("WVW", digest, owner, device, "");
        assertEq(id, 0x15e1343126c845a7783ad6711d76df8664e4c0c647fc00ad124a7f82d29aab1d);
        assertEq(
            Parameters.wmiHolderKey("WVW"),
            keccak256(
                hex"000000000000000000000000000000000000000000000000000000000000004057565700000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000011636172626f6f6b2e776d69486f6c646572000000000000000000000000000000"
            )
        );
    }

    function test_squatting_unassignedWmiRefused() public {
        vm.prank(dealer);
        vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookWmiNotHeld.selector, bytes3("ZZZ"), MAKER));
        carBook.createCarBook("ZZZ", VIN_COMMITMENT, owner, device, "");
    }

    function test_reassignBook_givesAWronglyCreatedBookToTheRealMaker() public {
        vm.prank(otherDealer);
        uint256 wrong = carBook.createCarBook(OTHER_WMI, VIN_COMMITMENT, buyer, device, "");
        _governCarBook(abi.encodeCall(ICarBook.reassignBook, (wrong, MAKER)));
        assertEq(carBook.book(wrong).manufacturerOrg, MAKER);
        assertEq(carBook.deviceKey(wrong), address(0), "the squatter's device key is cleared");
        assertFalse(carBook.canWrite(wrong, otherDealer));
        assertTrue(carBook.canWrite(wrong, dealer));
    }

    function test_reassignBook_refusesANonManufacturer() public {
        uint256 tokenId = _createBook();
        vm.expectRevert(); // the proposal's execution reverts with CarBookInvalidMaker(INSURER)
        this.governExternal(abi.encodeCall(ICarBook.reassignBook, (tokenId, INSURER)));
    }

    function test_voidBook_freezesAWronglyCreatedBook() public {
        vm.prank(otherDealer);
        uint256 wrong = carBook.createCarBook(OTHER_WMI, VIN_COMMITMENT, buyer, device, "");
        _governCarBook(abi.encodeCall(ICarBook.voidBook, (wrong)));
        assertEq(uint8(carBook.book(wrong).status), uint8(ICarBook.BookStatus.Voided));
        assertFalse(carBook.canWrite(wrong, buyer));
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookNotActive.selector, wrong, ICarBook.BookStatus.Voided));
        carBook.transferFrom(buyer, stranger, wrong);
    }

    function test_governanceRemedies_onlyGovernance() public {
        uint256 tokenId = _createBook();
        vm.startPrank(makerAdmin);
        vm.expectRevert(abi.encodeWithSelector(GovernedUpgradeable.GovernedUpgradeOnlyGovernance.selector, makerAdmin));
        carBook.voidBook(tokenId);
        vm.expectRevert(abi.encodeWithSelector(GovernedUpgradeable.GovernedUpgradeOnlyGovernance.selector, makerAdmin));
        carBook.reassignBook(tokenId, MAKER);
        vm.expectRevert(abi.encodeWithSelector(GovernedUpgradeable.GovernedUpgradeOnlyGovernance.selector, makerAdmin));
        carBook.voidRecord(tokenId, 0, 0, uint64(block.timestamp), bytes32(0));
        vm.stopPrank();
    }

    /// @dev Lets a test expect the revert of a whole governance vote.
    function governExternal(bytes memory callData) external {
        _governCarBook(callData);
    }

    // ------------------------------------------------------------ 14. two distinct parties sign a correction

    function test_correctOdometer_revertsWhenTheWorkshopOwnsTheCar() public {
        uint256 tokenId = _createBook();
        _append(owner, tokenId, 130_000);
        vm.prank(owner);
        carBook.transferFrom(owner, workshop, tokenId);
        // One key signs both halves: 120,000 km gone on the workshop's word alone.
        ICarBook.OdometerCorrection memory c = _correction(tokenId, 10_000, workshopKey, workshopKey);
        vm.expectRevert(
            abi.encodeWithSelector(ICarBook.CarBookCorrectionSignersNotDistinct.selector, tokenId, workshop, workshop)
        );
        carBook.correctOdometer(c);
    }

    function test_correctOdometer_revertsWhenTheOwnerIsStaffOfTheWorkshopsOrganisation() public {
        (address colleague, uint256 colleagueKey) = makeAddrAndKey("colleague");
        vm.prank(makerAdmin);
        consortium.setStaff(colleague, Roles.DEALER);
        uint256 tokenId = _createBook();
        _append(owner, tokenId, 130_000);
        vm.prank(owner);
        carBook.transferFrom(owner, colleague, tokenId);
        ICarBook.OdometerCorrection memory c = _correction(tokenId, 10_000, colleagueKey, workshopKey);
        vm.expectRevert(
            abi.encodeWithSelector(ICarBook.CarBookCorrectionSignersNotDistinct.selector, tokenId, colleague, workshop)
        );
        carBook.correctOdometer(c);
    }

    function test_correctOdometer_ownerOfAnotherOrganisationStillSigns() public {
        uint256 tokenId = _createBook();
        _append(owner, tokenId, 130_000);
        vm.prank(owner);
        carBook.transferFrom(owner, otherDealer, tokenId);
        (address other, uint256 otherKey) = makeAddrAndKey("otherDealerKey");
        vm.prank(otherAdmin);
        consortium.setStaff(other, Roles.DEALER);
        vm.prank(otherDealer);
        carBook.transferFrom(otherDealer, other, tokenId);
        carBook.correctOdometer(_correction(tokenId, 10_000, otherKey, workshopKey));
        assertEq(carBook.book(tokenId).mileage, 10_000);
    }

    // ------------------------------------------------------------ 15. mileage pace and voided entries

    function _grantedInflation() internal returns (uint256 tokenId) {
        tokenId = _createBook();
        _append(owner, tokenId, 48_000);
        vm.warp(block.timestamp + 30 days);
        vm.prank(owner);
        carBook.grantAccess(tokenId, independentWorkshop, uint64(block.timestamp + 1 hours));
    }

    function test_appendRecord_oneHourGranteeCannotWriteTenMillionKm() public {
        uint256 tokenId = _grantedInflation();
        // 30 days + the one day always allowed, at the default 3,000 km/day: at most 48,000 + 93,000.
        vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookMileageTooFast.selector, 48_000, 10_000_000, 141_000));
        _append(independentWorkshop, tokenId, 10_000_000);
        _append(independentWorkshop, tokenId, 141_000);
        assertEq(carBook.lastRecordAt(tokenId), block.timestamp);
    }

    function test_appendRecord_paceFollowsTheGovernanceParameter() public {
        _pass(IConsortium.ProposalAction.SetParameter, abi.encode(Parameters.MAX_KM_PER_DAY, 1_000));
        uint256 tokenId = _createBook();
        _append(owner, tokenId, 5_000);
        vm.warp(block.timestamp + 1 days);
        vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookMileageTooFast.selector, 5_000, 7_001, 7_000));
        _append(owner, tokenId, 7_001);
        _append(owner, tokenId, 7_000);
        // The clock restarts at the record that raised the mileage; an equal mileage does not move it.
        uint256 raisedAt = block.timestamp;
        vm.warp(block.timestamp + 5 hours);
        _append(owner, tokenId, 7_000);
        assertEq(carBook.lastRecordAt(tokenId), raisedAt);
    }

    function test_appendRecord_riseWithinTheMinimumPaceSkipsTheParameterRead() public {
        bytes memory read = abi.encodeCall(IConsortium.parameter, (Parameters.MAX_KM_PER_DAY));
        uint256 tokenId = _createBook();
        _append(owner, tokenId, 5_000);
        vm.warp(block.timestamp + 2 days);
        // 2 days + the one always allowed at 500 km/day, the range's minimum: passes whatever the parameter.
        vm.expectCall(address(consortium), read, 0);
        _append(owner, tokenId, 6_500);
        assertEq(carBook.lastRecordAt(tokenId), block.timestamp);
    }

    function test_appendRecord_riseAboveTheMinimumPaceReadsTheParameter() public {
        uint256 tokenId = _createBook();
        _append(owner, tokenId, 5_000);
        vm.warp(block.timestamp + 2 days);
        // One km more than the minimum allows: the parameter decides (the default 3,000 km/day here).
        vm.expectCall(address(consortium), abi.encodeCall(IConsortium.parameter, (Parameters.MAX_KM_PER_DAY)), 1);
        _append(owner, tokenId, 6_501);
        assertEq(carBook.lastRecordAt(tokenId), block.timestamp);
    }

    /// @dev The pace rule as specified, against every parameter in the range (499 stands for "not set"), elapsed
    /// time and rise: skipping the parameter read for small rises must not change any outcome.
    function testFuzz_appendRecord_paceMatchesTheRule(uint256 perDay, uint256 elapsed, uint256 rise) public {
        perDay = bound(perDay, Parameters.MIN_MAX_KM_PER_DAY - 1, Parameters.MAX_MAX_KM_PER_DAY);
        elapsed = bound(elapsed, 0, 400 days);
        rise = bound(rise, 1, 200_000);
        if (perDay >= Parameters.MIN_MAX_KM_PER_DAY) {
            _pass(IConsortium.ProposalAction.SetParameter, abi.encode(Parameters.MAX_KM_PER_DAY, perDay));
        } else {
            perDay = carBook.DEFAULT_MAX_KM_PER_DAY();
        }
        uint256 tokenId = _createBook();
        _append(owner, tokenId, 5_000);
        uint256 raisedAt = block.timestamp;
        vm.warp(block.timestamp + elapsed);
        uint256 allowed = perDay * (elapsed + 1 days) / 1 days;
        if (rise > allowed) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    ICarBook.CarBookMileageTooFast.selector, 5_000, 5_000 + rise, uint64(5_000 + allowed)
                )
            );
            _append(owner, tokenId, uint64(5_000 + rise));
            assertEq(carBook.lastRecordAt(tokenId), raisedAt);
        } else {
            _append(owner, tokenId, uint64(5_000 + rise));
            assertEq(carBook.book(tokenId).mileage, 5_000 + rise);
            assertEq(carBook.lastRecordAt(tokenId), block.timestamp);
        }
    }

    function test_maxKmPerDay_rangeIsChecked() public {
        vm.prank(makerAdmin);
        vm.expectRevert(
            abi.encodeWithSelector(IConsortium.ConsortiumParameterOutOfRange.selector, Parameters.MAX_KM_PER_DAY, 10)
        );
        consortium.propose(IConsortium.ProposalAction.SetParameter, abi.encode(Parameters.MAX_KM_PER_DAY, 10));
    }

    function test_voidRecord_restoresTheBookWithoutACorrectionMarker() public {
        uint256 tokenId = _createBook();
        // The first mileage of a book is free (a used car): an implausible one is voided by governance.
        _append(owner, tokenId, 9_000_000);
        uint256 implausibleAt = block.timestamp;
        vm.warp(block.timestamp + 2 days);
        vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookMileageDecreased.selector, 9_000_000, 42_000));
        _append(workshop, tokenId, 42_000);

        bytes32 previous = carBook.historyHead(tokenId);
        _governCarBook(
            abi.encodeCall(ICarBook.voidRecord, (tokenId, 0, 0, uint64(implausibleAt), keccak256("decision 7")))
        );
        ICarBook.Book memory b = carBook.book(tokenId);
        assertEq(b.mileage, 0);
        assertEq(b.recordCount, 2, "the void is a record of the chain");
        assertEq(b.corrections, 0, "a void is not an odometer correction");
        bytes32 expected = keccak256(
            abi.encode(
                previous,
                tokenId,
                uint32(1),
                address(consortium),
                uint32(0),
                ICarBook.RecordKind.EntryVoided,
                uint64(0),
                uint64(block.timestamp),
                keccak256("decision 7"),
                keccak256(abi.encode(uint32(0)))
            )
        );
        assertEq(carBook.historyHead(tokenId), expected);
        _append(workshop, tokenId, 42_000);
        assertEq(carBook.book(tokenId).mileage, 42_000);
    }

    function test_voidRecord_refusesARaiseOrAMissingEntry() public {
        uint256 tokenId = _createBook();
        _append(owner, tokenId, 1_000);
        vm.expectRevert();
        this.governExternal(abi.encodeCall(ICarBook.voidRecord, (tokenId, 0, 2_000, uint64(block.timestamp), 0)));
        vm.expectRevert();
        this.governExternal(abi.encodeCall(ICarBook.voidRecord, (tokenId, 1, 0, uint64(block.timestamp), 0)));
    }

    // ------------------------------------------------------------ 17. one-line fields on chain

    function test_createCarBook_refusesBidiControlsInTheModel() public {
        vm.prank(dealer);
        vm.expectRevert(ICarBook.CarBookMetadataNotOneLine.selector);
        carBook.createCarBook(WMI, VIN_COMMITMENT, owner, device, unicode"demo:invoice_\u202Efdp.exe");
    }

    function test_addMember_refusesBidiControlsInTheName() public {
        vm.prank(makerAdmin);
        vm.expectRevert(
            abi.encodeWithSelector(
                IConsortium.ConsortiumInvalidProposalData.selector, IConsortium.ProposalAction.AddMember
            )
        );
        consortium.propose(
            IConsortium.ProposalAction.AddMember,
            abi.encode(unicode"Volta\u2066 Motors", IConsortium.OrgKind.Manufacturer, stranger)
        );
    }

    /// @dev The calldata fast path agrees with the byte loop on any text (printable ASCII or not, any length).
    function testFuzz_oneLineText_calldataFastPathAgrees(bytes memory text) public view {
        assertEq(this.checkCalldata(string(text)), OneLineText.isOneLine(text));
    }

    function test_oneLineText_calldataFastPath() public view {
        assertTrue(this.checkCalldata("ipfs://bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4 ~"));
        assertFalse(this.checkCalldata("ipfs://bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei\x7f"));
        assertFalse(this.checkCalldata("demo:a\nb"));
        assertFalse(this.checkCalldata(unicode"demo:invoice_\u202Efdp.exe"));
        assertTrue(this.checkCalldata(unicode"demo:Citroën"));
        assertTrue(this.checkCalldata(""));
    }

    function checkCalldata(string calldata text) external pure returns (bool) {
        return OneLineText.isOneLineCalldata(text);
    }

    function test_oneLineText_refusesEveryControl() public pure {
        string[16] memory bad = [
            unicode"a\u202Ab",
            unicode"a\u202Bb",
            unicode"a\u202Cb",
            unicode"a\u202Db",
            unicode"a\u202Eb",
            unicode"a\u2066b",
            unicode"a\u2067b",
            unicode"a\u2068b",
            unicode"a\u2069b",
            unicode"a\u200Eb",
            unicode"a\u200Fb",
            unicode"a\u061Cb",
            unicode"a\u2028b",
            "a\nb",
            "a\x7fb",
            unicode"a\u0085b"
        ];
        for (uint256 i; i < bad.length; ++i) {
            assertFalse(OneLineText.isOneLine(bytes(bad[i])), bad[i]);
        }
        assertTrue(OneLineText.isOneLine(bytes(unicode"Citroën C4 — 1.6 HDi (2019) ₂ 日本")));
        assertTrue(OneLineText.isOneLine(bytes(unicode"\u2010\u2030\u2070")));
        assertTrue(OneLineText.isOneLine(""));
    }
}
