// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Base, CarBook} from "./Base.t.sol";
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
        vm.expectRevert(abi.encodeWithSelector(IConsortium.ConsortiumOnlyGovernance.selector, makerAdmin));
        consortium.upgradeToAndCall(impl, "");
    }

    function test_propose_revertsForInvalidData() public {
        vm.prank(makerAdmin);
        vm.expectRevert(
            abi.encodeWithSelector(
                IConsortium.ConsortiumInvalidProposalData.selector, IConsortium.ProposalAction.AddMember
            )
        );
        consortium.propose(IConsortium.ProposalAction.AddMember, abi.encode("", IConsortium.OrgKind.Recycler, recyclerAdmin));
    }
}
