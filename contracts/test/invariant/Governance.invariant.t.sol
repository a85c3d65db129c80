// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {Base} from "../Base.t.sol";
import {Consortium} from "../../src/Consortium.sol";
import {IConsortium} from "../../src/interfaces/IConsortium.sol";
import {Parameters} from "../../src/Parameters.sol";

/// @notice Random admins (and strangers) propose, approve, add and remove members while time passes. The handler
/// keeps its own record of who approved what and checks, whenever a proposal executes, that more than half of the
/// members at that moment had approved it.
contract GovernanceHandler is Test {
    Consortium internal immutable consortium;
    address[] internal admins;
    mapping(address admin => uint32) internal orgOfAdmin;
    uint256[] internal proposalIds;
    mapping(uint256 proposalId => uint32[]) internal approvers;

    bool public executedWithoutMajority;
    uint256 public executedCount;
    uint256 public expectedMaxGrant;
    uint256 internal nextAdmin = 1;

    constructor(Consortium consortium_, address[] memory admins_, uint256 initialMaxGrant) {
        consortium = consortium_;
        for (uint256 i; i < admins_.length; ++i) {
            admins.push(admins_[i]);
            orgOfAdmin[admins_[i]] = uint32(i + 1);
        }
        expectedMaxGrant = initialMaxGrant;
    }

    function _admin(uint256 seed) internal view returns (address) {
        return admins[seed % admins.length];
    }

    function _isMember(address admin) internal view returns (bool) {
        return consortium.organisation(orgOfAdmin[admin]).active;
    }

    function proposeParameter(uint256 adminSeed, uint256 value) external {
        address admin = _admin(adminSeed);
        value = bound(value, 1 hours, 365 days);
        _propose(admin, IConsortium.ProposalAction.SetParameter, abi.encode(Parameters.MAX_GRANT_DURATION, value));
    }

    function proposeAddMember(uint256 adminSeed) external {
        address newcomer = address(uint160(0xA000 + nextAdmin++));
        _propose(
            _admin(adminSeed),
            IConsortium.ProposalAction.AddMember,
            abi.encode("newcomer", IConsortium.OrgKind.Recycler, newcomer)
        );
    }

    function proposeRemoveMember(uint256 adminSeed, uint256 targetSeed) external {
        address target = _admin(targetSeed);
        if (!_isMember(target)) return;
        _propose(_admin(adminSeed), IConsortium.ProposalAction.RemoveMember, abi.encode(orgOfAdmin[target]));
    }

    function _propose(address admin, IConsortium.ProposalAction action, bytes memory data) internal {
        if (!_isMember(admin)) {
            vm.prank(admin);
            try consortium.propose(action, data) {
                executedWithoutMajority = true; // a non-member proposed
            } catch (bytes memory reason) {
                assertEq(reason, abi.encodeWithSelector(IConsortium.ConsortiumNotMemberAdmin.selector, admin));
            }
            return;
        }
        uint256 members = consortium.memberCount();
        vm.prank(admin);
        try consortium.propose(action, data) returns (uint256 id) {
            proposalIds.push(id);
            approvers[id].push(orgOfAdmin[admin]);
            _afterApproval(id, members, action, data);
        } catch (bytes memory reason) {
            // The only refusal for a valid member's well-formed proposal: a 1-member consortium removing itself.
            assertEq(reason, abi.encodeWithSelector(IConsortium.ConsortiumLastMember.selector));
        }
    }

    function approve(uint256 adminSeed, uint256 proposalSeed) external {
        if (proposalIds.length == 0) return;
        uint256 id = proposalIds[proposalSeed % proposalIds.length];
        address admin = _admin(adminSeed);
        IConsortium.Proposal memory p = consortium.proposal(id);
        uint256 members = consortium.memberCount();
        bool wasMember = _isMember(admin);
        vm.prank(admin);
        try consortium.approve(id) {
            assertTrue(wasMember, "a non-member approved");
            assertFalse(p.executed, "approved an executed proposal");
            assertLe(block.timestamp, p.expiresAt, "approved an expired proposal");
            approvers[id].push(orgOfAdmin[admin]);
            _afterApproval(id, members, p.action, p.data);
        } catch (bytes memory reason) {
            bytes4 selector = bytes4(reason);
            assertTrue(
                selector == IConsortium.ConsortiumNotMemberAdmin.selector
                    || selector == IConsortium.ConsortiumProposalAlreadyExecuted.selector
                    || selector == IConsortium.ConsortiumProposalExpired.selector
                    || selector == IConsortium.ConsortiumAlreadyApproved.selector
                    || selector == IConsortium.ConsortiumLastMember.selector
                    || selector == IConsortium.ConsortiumInvalidOrganisation.selector,
                "unexpected refusal"
            );
        }
    }

    function strangerApproves(uint256 proposalSeed, address stranger) external {
        if (proposalIds.length == 0 || orgOfAdmin[stranger] != 0) return;
        uint256 id = proposalIds[proposalSeed % proposalIds.length];
        vm.prank(stranger);
        try consortium.approve(id) {
            executedWithoutMajority = true;
        } catch (bytes memory reason) {
            assertEq(reason, abi.encodeWithSelector(IConsortium.ConsortiumNotMemberAdmin.selector, stranger));
        }
    }

    function warp(uint256 secondsAhead) external {
        vm.warp(block.timestamp + bound(secondsAhead, 1, 3 days));
    }

    /// @dev If this approval executed the proposal, count the approvers who were members just before.
    function _afterApproval(uint256 id, uint256 membersBefore, IConsortium.ProposalAction action, bytes memory data)
        internal
    {
        if (!consortium.proposal(id).executed) return;
        ++executedCount;
        uint256 current;
        uint32[] storage orgs = approvers[id];
        for (uint256 i; i < orgs.length; ++i) {
            // Members removed by this very proposal were members when it executed.
            bool removedNow = action == IConsortium.ProposalAction.RemoveMember && abi.decode(data, (uint32)) == orgs[i];
            if (removedNow || consortium.organisation(orgs[i]).active) ++current;
        }
        if (current * 2 <= membersBefore) executedWithoutMajority = true;
        if (action == IConsortium.ProposalAction.SetParameter) {
            (, uint256 value) = abi.decode(data, (bytes32, uint256));
            expectedMaxGrant = value;
        } else if (action == IConsortium.ProposalAction.AddMember) {
            (,, address admin) = abi.decode(data, (string, IConsortium.OrgKind, address));
            admins.push(admin);
            orgOfAdmin[admin] = consortium.orgCount();
        }
    }
}

contract GovernanceInvariantTest is Base {
    GovernanceHandler internal handler;

    function setUp() public override {
        super.setUp();
        address[] memory founders = new address[](4);
        founders[0] = makerAdmin;
        founders[1] = insurerAdmin;
        founders[2] = archiveAdmin;
        founders[3] = recyclerAdmin;
        handler = new GovernanceHandler(consortium, founders, consortium.parameter(Parameters.MAX_GRANT_DURATION));
        targetContract(address(handler));
    }

    /// @notice Nothing in governance executes without a strict majority of the members at that moment, and no
    /// parameter changes except through an executed proposal.
    function invariant_nothingExecutesWithoutMajority() public view {
        assertFalse(handler.executedWithoutMajority());
        assertEq(consortium.parameter(Parameters.MAX_GRANT_DURATION), handler.expectedMaxGrant());
    }

    /// @notice The member count equals the active organisations.
    function invariant_memberCountMatchesActiveOrganisations() public view {
        uint256 active;
        for (uint32 id = 1; id <= consortium.orgCount(); ++id) {
            if (consortium.organisation(id).active) ++active;
        }
        assertEq(consortium.memberCount(), active);
        assertGt(active, 0);
    }
}
