// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {GovernedUpgradeable} from "../src/base/GovernedUpgradeable.sol";
import {Base, CarBook} from "./Base.t.sol";
import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";
import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {Consortium} from "../src/Consortium.sol";
import {Parameters} from "../src/Parameters.sol";
import {CarBookV2} from "./upgrades/CarBookV2.sol";
import {IConsortium} from "../src/interfaces/IConsortium.sol";
import {Roles} from "../src/Roles.sol";

contract ConsortiumTest is Base {
    address internal secondMakerAdmin = makeAddr("secondMakerAdmin");

    function test_initialize_registersFounders() public view {
        assertEq(consortium.memberCount(), 4);
        (uint32 orgId, IConsortium.OrgKind kind, bytes32 role) = consortium.membershipOf(makerAdmin);
        assertEq(orgId, MAKER);
        assertEq(uint8(kind), uint8(IConsortium.OrgKind.Manufacturer));
        assertEq(role, Roles.ORG_ADMIN);
        assertEq(consortium.organisation(INSURER).name, "Assura");
    }

    function test_setStaff_revertsForRoleOfOtherKind() public {
        vm.prank(insurerAdmin);
        vm.expectRevert(
            abi.encodeWithSelector(
                IConsortium.ConsortiumRoleNotAllowedForKind.selector, IConsortium.OrgKind.Insurer, Roles.DEALER
            )
        );
        consortium.setStaff(stranger, Roles.DEALER);
    }

    function test_setStaff_revertsForNonAdmin() public {
        vm.prank(dealer);
        vm.expectRevert(abi.encodeWithSelector(IConsortium.ConsortiumNotMemberAdmin.selector, dealer));
        consortium.setStaff(stranger, Roles.DEALER);
    }

    function test_setStaff_revertsForOtherOrgsStaff() public {
        vm.prank(insurerAdmin);
        vm.expectRevert(abi.encodeWithSelector(IConsortium.ConsortiumAccountAlreadyAssigned.selector, dealer, MAKER));
        consortium.setStaff(dealer, Roles.CLAIMS_HANDLER);
    }

    function test_removeStaff_revokesRights() public {
        uint256 tokenId = _createBook();
        vm.prank(makerAdmin);
        consortium.removeStaff(workshop);
        assertFalse(carBook.canWrite(tokenId, workshop));
        (uint32 orgId,,) = consortium.membershipOf(workshop);
        assertEq(orgId, 0);
    }

    function test_propose_addMemberNeedsStrictMajority() public {
        bytes memory data = abi.encode("Nordwagen", IConsortium.OrgKind.Manufacturer, secondMakerAdmin);
        vm.prank(makerAdmin);
        uint256 id = consortium.propose(IConsortium.ProposalAction.AddMember, data);
        vm.prank(insurerAdmin);
        consortium.approve(id);
        // 2 of 4 is half, not a strict majority.
        assertEq(consortium.memberCount(), 4);
        assertFalse(consortium.proposal(id).executed);

        vm.prank(archiveAdmin);
        vm.expectEmit(address(consortium));
        emit IConsortium.OrganisationAdded(5, IConsortium.OrgKind.Manufacturer, secondMakerAdmin, "Nordwagen");
        consortium.approve(id);
        assertTrue(consortium.proposal(id).executed);
        assertEq(consortium.memberCount(), 5);
        (uint32 orgId, IConsortium.OrgKind kind,) = consortium.membershipOf(secondMakerAdmin);
        assertEq(orgId, 5);
        assertEq(uint8(kind), uint8(IConsortium.OrgKind.Manufacturer));
    }

    function test_approve_revertsTwiceBySameMember() public {
        bytes memory data = abi.encode(consortium.MAX_GRANT_DURATION(), 30 days);
        vm.prank(makerAdmin);
        uint256 id = consortium.propose(IConsortium.ProposalAction.SetParameter, data);
        vm.prank(makerAdmin);
        vm.expectRevert(abi.encodeWithSelector(IConsortium.ConsortiumAlreadyApproved.selector, id, MAKER));
        consortium.approve(id);
    }

    function test_approve_revertsAfterExpiry() public {
        bytes memory data = abi.encode(consortium.MAX_GRANT_DURATION(), 30 days);
        vm.prank(makerAdmin);
        uint256 id = consortium.propose(IConsortium.ProposalAction.SetParameter, data);
        uint64 expiresAt = consortium.proposal(id).expiresAt;
        vm.warp(expiresAt + 1);
        vm.prank(insurerAdmin);
        vm.expectRevert(abi.encodeWithSelector(IConsortium.ConsortiumProposalExpired.selector, id, expiresAt));
        consortium.approve(id);
    }

    function test_approve_revertsForStranger() public {
        bytes memory data = abi.encode(consortium.MAX_GRANT_DURATION(), 30 days);
        vm.prank(makerAdmin);
        uint256 id = consortium.propose(IConsortium.ProposalAction.SetParameter, data);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IConsortium.ConsortiumNotMemberAdmin.selector, stranger));
        consortium.approve(id);
    }

    function test_setParameter_throughGovernance() public {
        bytes32 key = consortium.MAX_GRANT_DURATION();
        vm.prank(makerAdmin);
        uint256 id = consortium.propose(IConsortium.ProposalAction.SetParameter, abi.encode(key, 60 days));
        vm.prank(archiveAdmin);
        consortium.approve(id);
        assertEq(consortium.parameter(key), 30 days, "2 of 4 is no majority");
        vm.prank(recyclerAdmin);
        consortium.approve(id);
        assertEq(consortium.parameter(key), 60 days);
    }

    function test_removeMember_revokesStaffAndVotes() public {
        vm.prank(makerAdmin);
        uint256 id = consortium.propose(IConsortium.ProposalAction.RemoveMember, abi.encode(ARCHIVE));
        vm.prank(insurerAdmin);
        consortium.approve(id);
        vm.prank(recyclerAdmin);
        consortium.approve(id);
        assertEq(consortium.memberCount(), 3);
        (uint32 orgId,,) = consortium.membershipOf(archiveAdmin);
        assertEq(orgId, 0);
        vm.prank(archiveAdmin);
        vm.expectRevert(abi.encodeWithSelector(IConsortium.ConsortiumNotMemberAdmin.selector, archiveAdmin));
        consortium.propose(IConsortium.ProposalAction.RemoveMember, abi.encode(MAKER));
    }

    function test_upgradeContract_keepsDataAfterMajority() public {
        uint256 tokenId = _createBook();
        _append(owner, tokenId, 777);
        bytes32 headBefore = carBook.historyHead(tokenId);
        address impl = address(new CarBookV2());

        vm.prank(makerAdmin);
        uint256 id = consortium.propose(
            IConsortium.ProposalAction.UpgradeContract, abi.encode(address(carBook), impl, bytes(""))
        );
        assertEq(CarBookV2(address(carBook)).MAX_MILEAGE_KM(), 10_000_000);
        vm.prank(insurerAdmin);
        consortium.approve(id);
        vm.prank(archiveAdmin);
        consortium.approve(id);

        assertEq(CarBookV2(address(carBook)).version(), 2);
        assertEq(carBook.historyHead(tokenId), headBefore);
        assertEq(carBook.book(tokenId).mileage, 777);
        assertEq(carBook.ownerOf(tokenId), owner);
    }

    function test_upgradeConsortium_onlyBySelf() public {
        address impl = address(new CarBook());
        vm.prank(makerAdmin);
        vm.expectRevert(abi.encodeWithSelector(GovernedUpgradeable.GovernedUpgradeOnlyGovernance.selector, makerAdmin));
        consortium.upgradeToAndCall(impl, "");
    }

    function test_propose_revertsForInvalidData() public {
        vm.prank(makerAdmin);
        vm.expectRevert(
            abi.encodeWithSelector(
                IConsortium.ConsortiumInvalidProposalData.selector, IConsortium.ProposalAction.AddMember
            )
        );
        consortium.propose(
            IConsortium.ProposalAction.AddMember, abi.encode("", IConsortium.OrgKind.Recycler, recyclerAdmin)
        );
    }

    // ------------------------------------------------------------ initialize and views

    function test_initialize_setsDefaultAndInitialParameters() public view {
        assertEq(consortium.parameter(Parameters.PROPOSAL_LIFETIME), 7 days);
        assertEq(consortium.parameter(Parameters.MAX_GRANT_DURATION), 30 days);
        assertEq(consortium.parameter(Parameters.MIN_READING_INTERVAL), 1 hours);
        (bytes32 salt, uint256 n, uint256 r, uint256 p) = consortium.vinCommitmentParams();
        assertEq(salt, keccak256("test salt"));
        assertEq(n, 2 ** 15);
        assertEq(r, 8);
        assertEq(p, 1);
        assertEq(consortium.orgCount(), 4);
        assertEq(consortium.parameter(Parameters.INSURANCE_REGISTRY), uint256(uint160(address(insurance))));
    }

    function test_initialize_revertsForInvalidFounders() public {
        IConsortium.ParameterValue[] memory none = new IConsortium.ParameterValue[](0);
        IConsortium.Founder[] memory founders = new IConsortium.Founder[](0);
        address impl = address(new Consortium());
        vm.expectRevert(abi.encodeWithSelector(IConsortium.ConsortiumInvalidFounder.selector, 0));
        new ERC1967Proxy(impl, abi.encodeCall(Consortium.initialize, (founders, none)));

        founders = new IConsortium.Founder[](2);
        founders[0] = IConsortium.Founder("ok", IConsortium.OrgKind.Manufacturer, makerAdmin);
        founders[1] = IConsortium.Founder("no kind", IConsortium.OrgKind.None, insurerAdmin);
        vm.expectRevert(abi.encodeWithSelector(IConsortium.ConsortiumInvalidFounder.selector, 1));
        new ERC1967Proxy(impl, abi.encodeCall(Consortium.initialize, (founders, none)));
    }

    function test_initialize_revertsForOutOfRangeParameter() public {
        IConsortium.Founder[] memory founders = new IConsortium.Founder[](1);
        founders[0] = IConsortium.Founder("ok", IConsortium.OrgKind.Manufacturer, makerAdmin);
        IConsortium.ParameterValue[] memory params = new IConsortium.ParameterValue[](1);
        params[0] = IConsortium.ParameterValue(Parameters.VIN_SCRYPT_N, 1000);
        address impl = address(new Consortium());
        vm.expectRevert(
            abi.encodeWithSelector(IConsortium.ConsortiumParameterOutOfRange.selector, Parameters.VIN_SCRYPT_N, 1000)
        );
        new ERC1967Proxy(impl, abi.encodeCall(Consortium.initialize, (founders, params)));
    }

    function test_initialize_cannotRunTwice() public {
        IConsortium.Founder[] memory founders = new IConsortium.Founder[](1);
        founders[0] = IConsortium.Founder("late", IConsortium.OrgKind.Insurer, stranger);
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        consortium.initialize(founders, new IConsortium.ParameterValue[](0));
    }

    // ------------------------------------------------------------ staff

    function test_setStaff_assignsRoleWithinKind() public {
        vm.expectEmit(address(consortium));
        emit IConsortium.StaffSet(INSURER, stranger, Roles.CLAIMS_HANDLER);
        vm.prank(insurerAdmin);
        consortium.setStaff(stranger, Roles.CLAIMS_HANDLER);
        (uint32 orgId, IConsortium.OrgKind kind, bytes32 role) = consortium.membershipOf(stranger);
        assertEq(orgId, INSURER);
        assertEq(uint8(kind), uint8(IConsortium.OrgKind.Insurer));
        assertEq(role, Roles.CLAIMS_HANDLER);
    }

    function test_setStaff_revertsForZeroOrAdminAccount() public {
        vm.startPrank(makerAdmin);
        vm.expectRevert(
            abi.encodeWithSelector(IConsortium.ConsortiumAccountAlreadyAssigned.selector, address(0), MAKER)
        );
        consortium.setStaff(address(0), Roles.DEALER);
        vm.expectRevert(
            abi.encodeWithSelector(IConsortium.ConsortiumAccountAlreadyAssigned.selector, makerAdmin, MAKER)
        );
        consortium.setStaff(makerAdmin, Roles.DEALER);
        vm.stopPrank();
    }

    function test_setStaff_revertsForUnknownRole() public {
        vm.prank(makerAdmin);
        vm.expectRevert(
            abi.encodeWithSelector(
                IConsortium.ConsortiumRoleNotAllowedForKind.selector, IConsortium.OrgKind.Manufacturer, bytes32("x")
            )
        );
        consortium.setStaff(stranger, bytes32("x"));
    }

    function test_removeStaff_revertsForOtherOrgsStaffOrAdmin() public {
        vm.prank(insurerAdmin);
        vm.expectRevert(abi.encodeWithSelector(IConsortium.ConsortiumAccountNotStaff.selector, dealer, INSURER));
        consortium.removeStaff(dealer);
        vm.prank(makerAdmin);
        vm.expectRevert(abi.encodeWithSelector(IConsortium.ConsortiumAccountNotStaff.selector, makerAdmin, MAKER));
        consortium.removeStaff(makerAdmin);
    }

    function test_removeStaff_emits() public {
        vm.expectEmit(address(consortium));
        emit IConsortium.StaffRemoved(MAKER, dealer);
        vm.prank(makerAdmin);
        consortium.removeStaff(dealer);
    }

    // ------------------------------------------------------------ proposals

    function test_propose_countsProposerApproval() public {
        vm.prank(makerAdmin);
        uint256 id = consortium.propose(
            IConsortium.ProposalAction.SetParameter, abi.encode(Parameters.MIN_READING_INTERVAL, 10 minutes)
        );
        assertEq(consortium.proposalCount(), id);
        assertTrue(consortium.hasApproved(id, MAKER));
        assertFalse(consortium.hasApproved(id, INSURER));
        IConsortium.Proposal memory p = consortium.proposal(id);
        assertEq(p.approvals, 1);
        assertEq(p.expiresAt, block.timestamp + 7 days);
        assertEq(uint8(p.action), uint8(IConsortium.ProposalAction.SetParameter));
    }

    /// @notice Issue 14 item 6: the dApp's CID is a named parameter, set by a vote, refused when zero.
    function test_dappCid_setByVote_zeroRefused() public {
        bytes32 key = Parameters.DAPP_CID;
        assertEq(key, keccak256("dapp.cid"));
        assertEq(consortium.DAPP_CID(), key);
        vm.prank(makerAdmin);
        vm.expectRevert(abi.encodeWithSelector(IConsortium.ConsortiumParameterOutOfRange.selector, key, 0));
        consortium.propose(IConsortium.ProposalAction.SetParameter, abi.encode(key, 0));

        uint256 digest = uint256(sha256("the export's root node"));
        vm.prank(makerAdmin);
        uint256 id = consortium.propose(IConsortium.ProposalAction.SetParameter, abi.encode(key, digest));
        vm.prank(insurerAdmin);
        consortium.approve(id);
        vm.prank(archiveAdmin);
        consortium.approve(id);
        assertEq(consortium.parameter(key), digest);
    }

    function test_propose_revertsForOutOfRangeParameter() public {
        bytes32 key = Parameters.MAX_GRANT_DURATION;
        vm.prank(makerAdmin);
        vm.expectRevert(abi.encodeWithSelector(IConsortium.ConsortiumParameterOutOfRange.selector, key, 400 days));
        consortium.propose(IConsortium.ProposalAction.SetParameter, abi.encode(key, 400 days));

        key = Parameters.INSURANCE_REGISTRY;
        vm.prank(makerAdmin);
        vm.expectRevert(abi.encodeWithSelector(IConsortium.ConsortiumParameterOutOfRange.selector, key, 0xdead));
        consortium.propose(IConsortium.ProposalAction.SetParameter, abi.encode(key, 0xdead));
    }

    function test_propose_revertsForNoneActionOrBadUpgrade() public {
        vm.startPrank(makerAdmin);
        vm.expectRevert(
            abi.encodeWithSelector(IConsortium.ConsortiumInvalidProposalData.selector, IConsortium.ProposalAction.None)
        );
        consortium.propose(IConsortium.ProposalAction.None, "");
        vm.expectRevert(
            abi.encodeWithSelector(
                IConsortium.ConsortiumInvalidProposalData.selector, IConsortium.ProposalAction.UpgradeContract
            )
        );
        consortium.propose(IConsortium.ProposalAction.UpgradeContract, abi.encode(address(carBook), stranger, ""));
        vm.expectRevert(abi.encodeWithSelector(IConsortium.ConsortiumInvalidOrganisation.selector, 99));
        consortium.propose(IConsortium.ProposalAction.RemoveMember, abi.encode(uint32(99)));
        vm.stopPrank();
    }

    function test_approve_revertsForUnknownOrExecutedProposal() public {
        vm.prank(insurerAdmin);
        vm.expectRevert(abi.encodeWithSelector(IConsortium.ConsortiumInvalidProposal.selector, 77));
        consortium.approve(77);

        uint256 id =
            _pass(IConsortium.ProposalAction.SetParameter, abi.encode(Parameters.MIN_READING_INTERVAL, 10 minutes));
        vm.prank(recyclerAdmin);
        vm.expectRevert(abi.encodeWithSelector(IConsortium.ConsortiumProposalAlreadyExecuted.selector, id));
        consortium.approve(id);
    }

    function test_approve_removedMembersApprovalNoLongerCounts() public {
        // Maker proposes; archive approves (2 of 4). Then archive is removed (3 of 4 vote it out).
        vm.prank(makerAdmin);
        uint256 id = consortium.propose(
            IConsortium.ProposalAction.SetParameter, abi.encode(Parameters.MIN_READING_INTERVAL, 10 minutes)
        );
        vm.prank(archiveAdmin);
        consortium.approve(id);
        vm.prank(makerAdmin);
        uint256 removal = consortium.propose(IConsortium.ProposalAction.RemoveMember, abi.encode(ARCHIVE));
        vm.prank(insurerAdmin);
        consortium.approve(removal);
        vm.prank(recyclerAdmin);
        consortium.approve(removal);
        assertEq(consortium.memberCount(), 3);
        // Now maker + recycler = 2 of 3 current members: a majority, even though archive's vote is void.
        vm.prank(recyclerAdmin);
        consortium.approve(id);
        assertEq(consortium.parameter(Parameters.MIN_READING_INTERVAL), 10 minutes);
    }

    function test_approve_removedMemberCannotTipTheBalance() public {
        vm.prank(makerAdmin);
        uint256 removal = consortium.propose(IConsortium.ProposalAction.RemoveMember, abi.encode(ARCHIVE));
        vm.prank(insurerAdmin);
        consortium.approve(removal);
        // A second proposal approved by archive before the removal executes.
        vm.prank(archiveAdmin);
        uint256 id = consortium.propose(
            IConsortium.ProposalAction.SetParameter, abi.encode(Parameters.MIN_READING_INTERVAL, 5 minutes)
        );
        vm.prank(recyclerAdmin);
        consortium.approve(removal);
        // archive (void) + insurer = 1 valid of 3: no majority.
        vm.prank(insurerAdmin);
        consortium.approve(id);
        assertFalse(consortium.proposal(id).executed);
        assertEq(consortium.parameter(Parameters.MIN_READING_INTERVAL), 1 hours);
    }

    function test_removeMember_revertsForLastMember() public {
        for (uint32 org = 2; org <= 4; ++org) {
            uint256 id;
            vm.prank(makerAdmin);
            id = consortium.propose(IConsortium.ProposalAction.RemoveMember, abi.encode(org));
            for (uint32 voter = 2; voter <= 4; ++voter) {
                if (consortium.proposal(id).executed || !consortium.organisation(voter).active) continue;
                vm.prank(consortium.organisation(voter).admin);
                consortium.approve(id);
            }
        }
        assertEq(consortium.memberCount(), 1);
        vm.prank(makerAdmin);
        vm.expectRevert(IConsortium.ConsortiumLastMember.selector);
        consortium.propose(IConsortium.ProposalAction.RemoveMember, abi.encode(MAKER));
    }

    function testFuzz_setParameter_needsStrictMajority(uint8 approvers) public {
        approvers = uint8(bound(approvers, 1, 4));
        address[4] memory admins = [makerAdmin, insurerAdmin, archiveAdmin, recyclerAdmin];
        vm.prank(admins[0]);
        uint256 id = consortium.propose(
            IConsortium.ProposalAction.SetParameter, abi.encode(Parameters.MAX_GRANT_DURATION, 2 days)
        );
        for (uint256 i = 1; i < approvers; ++i) {
            if (consortium.proposal(id).executed) break;
            vm.prank(admins[i]);
            consortium.approve(id);
        }
        assertEq(consortium.proposal(id).executed, approvers >= 3);
        assertEq(consortium.parameter(Parameters.MAX_GRANT_DURATION), approvers >= 3 ? 2 days : 30 days);
    }

    // ------------------------------------------------------------ consent and squatting (issue 10 item 16)

    function _proposeAdmission(address admin) internal returns (uint256 id) {
        vm.prank(makerAdmin);
        id = consortium.propose(
            IConsortium.ProposalAction.AddMember, abi.encode("Volta Two", IConsortium.OrgKind.Manufacturer, admin)
        );
    }

    function test_setStaff_cannotSquatAdminOfOpenAdmission() public {
        uint256 id = _proposeAdmission(secondMakerAdmin);
        vm.prank(recyclerAdmin);
        vm.expectRevert(abi.encodeWithSelector(IConsortium.ConsortiumAccountReserved.selector, secondMakerAdmin, id));
        consortium.setStaff(secondMakerAdmin, Roles.DISMANTLER);
        vm.prank(insurerAdmin);
        consortium.approve(id);
        vm.prank(archiveAdmin);
        consortium.approve(id);
        assertTrue(consortium.proposal(id).executed, "the majority's admission executes");
        (uint32 orgId,, bytes32 role) = consortium.membershipOf(secondMakerAdmin);
        assertEq(orgId, 5);
        assertEq(role, Roles.ORG_ADMIN);
    }

    function test_setStaff_allowedOnceAdmissionExpired() public {
        uint256 id = _proposeAdmission(secondMakerAdmin);
        vm.warp(consortium.proposal(id).expiresAt + 1);
        vm.prank(recyclerAdmin);
        consortium.setStaff(secondMakerAdmin, Roles.DISMANTLER);
        (uint32 orgId,,) = consortium.membershipOf(secondMakerAdmin);
        assertEq(orgId, RECYCLER);
    }

    function test_propose_addMember_revertsWhenAdminAlreadyAssigned() public {
        vm.prank(makerAdmin);
        vm.expectRevert(abi.encodeWithSelector(IConsortium.ConsortiumAccountAlreadyAssigned.selector, dealer, MAKER));
        consortium.propose(
            IConsortium.ProposalAction.AddMember, abi.encode("Dealer Co", IConsortium.OrgKind.Insurer, dealer)
        );
        vm.prank(makerAdmin);
        vm.expectRevert(
            abi.encodeWithSelector(IConsortium.ConsortiumAccountAlreadyAssigned.selector, insurerAdmin, INSURER)
        );
        consortium.propose(
            IConsortium.ProposalAction.AddMember, abi.encode("Assura Two", IConsortium.OrgKind.Insurer, insurerAdmin)
        );
    }

    function test_propose_addMember_revertsWhenAdminNamedByOpenAdmission() public {
        uint256 id = _proposeAdmission(secondMakerAdmin);
        vm.prank(insurerAdmin);
        vm.expectRevert(abi.encodeWithSelector(IConsortium.ConsortiumAccountReserved.selector, secondMakerAdmin, id));
        consortium.propose(
            IConsortium.ProposalAction.AddMember, abi.encode("Other", IConsortium.OrgKind.Insurer, secondMakerAdmin)
        );
    }

    function _removeRecycler() internal {
        _pass(IConsortium.ProposalAction.RemoveMember, abi.encode(RECYCLER));
        assertFalse(consortium.organisation(RECYCLER).active);
    }

    function test_addMember_admitsStaffOfRemovedOrganisation() public {
        _removeRecycler();
        uint256 id = _proposeAdmission(dismantler);
        vm.prank(insurerAdmin);
        consortium.approve(id);
        assertTrue(consortium.proposal(id).executed, "3 members: 2 approvals are a majority");
        (uint32 orgId,, bytes32 role) = consortium.membershipOf(dismantler);
        assertEq(orgId, 5);
        assertEq(role, Roles.ORG_ADMIN);
        (, uint256 total) = consortium.staffOf(RECYCLER, 0, 10);
        assertEq(total, 1, "only the removed organisation's admin is still listed under it");
    }

    function test_setStaff_assignsStaffOfRemovedOrganisation() public {
        _removeRecycler();
        vm.prank(insurerAdmin);
        consortium.setStaff(dismantler, Roles.CLAIMS_HANDLER);
        (uint32 orgId,, bytes32 role) = consortium.membershipOf(dismantler);
        assertEq(orgId, INSURER);
        assertEq(role, Roles.CLAIMS_HANDLER);
        vm.prank(insurerAdmin);
        consortium.setStaff(recyclerAdmin, Roles.CLAIMS_HANDLER);
        (address[] memory listed,) = consortium.staffOf(RECYCLER, 0, 10);
        assertEq(listed.length, 0);
    }

    function test_renounceStaff_refusesARole() public {
        vm.prank(recyclerAdmin);
        consortium.setStaff(secondMakerAdmin, Roles.DISMANTLER);
        vm.expectEmit(address(consortium));
        emit IConsortium.StaffRemoved(RECYCLER, secondMakerAdmin);
        vm.prank(secondMakerAdmin);
        consortium.renounceStaff();
        (uint32 orgId,,) = consortium.membershipOf(secondMakerAdmin);
        assertEq(orgId, 0);
        (, uint256 total) = consortium.staffOf(RECYCLER, 0, 10);
        assertEq(total, 2, "its admin and its dismantler");
        // Free again: it can now be admitted as a member's admin.
        uint256 id = _proposeAdmission(secondMakerAdmin);
        assertEq(id, consortium.proposalCount());
    }

    function test_renounceStaff_revertsForAdminOrStranger() public {
        vm.prank(makerAdmin);
        vm.expectRevert(abi.encodeWithSelector(IConsortium.ConsortiumAccountNotStaff.selector, makerAdmin, MAKER));
        consortium.renounceStaff();
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IConsortium.ConsortiumAccountNotStaff.selector, stranger, 0));
        consortium.renounceStaff();
    }

    function test_setParameter_claimLifetimeRange() public {
        bytes32 key = consortium.CLAIM_LIFETIME();
        assertEq(consortium.parameter(key), 90 days);
        vm.prank(makerAdmin);
        vm.expectRevert(abi.encodeWithSelector(IConsortium.ConsortiumParameterOutOfRange.selector, key, 1 hours));
        consortium.propose(IConsortium.ProposalAction.SetParameter, abi.encode(key, 1 hours));
        _pass(IConsortium.ProposalAction.SetParameter, abi.encode(key, 30 days));
        assertEq(consortium.parameter(key), 30 days);
    }
}
