// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Frozen copy of the registry as deployed before the read indexes (commit 4f0f214), renamed with a V1 suffix:
// the "previous layout" of `npm run check:storage` and the starting point of test/UpgradeToIndexes.t.sol.
// Never edit it to follow src/.

/// @title The consortium: member organisations, their staff, and strict-majority governance.
/// @notice Every permissioned action in CarBook asks this registry who an account acts for.
interface IConsortiumV1 {
    /// @notice What an organisation is in the paper's consortium; staff roles are only valid within a kind.
    enum OrgKind {
        None,
        Manufacturer,
        Insurer,
        ArchivingService,
        Recycler
    }

    /// @notice What a proposal does once a strict majority of current members approved it.
    enum ProposalAction {
        None,
        AddMember,
        RemoveMember,
        SetParameter,
        UpgradeContract
    }

    struct Organisation {
        string name;
        OrgKind kind;
        address admin;
        bool active;
    }

    struct Proposal {
        ProposalAction action;
        uint32 proposerOrg;
        uint32 approvals;
        uint64 expiresAt;
        bool executed;
        bytes data;
    }

    /// @notice A founding member given to `initialize`.
    struct Founder {
        string name;
        OrgKind kind;
        address admin;
    }

    /// @notice A governance parameter's initial value given to `initialize`.
    struct ParameterValue {
        bytes32 key;
        uint256 value;
    }

    error ConsortiumNotMemberAdmin(address account);
    error ConsortiumNotOrgAdmin(uint32 orgId, address account);
    error ConsortiumRoleNotAllowedForKind(OrgKind kind, bytes32 role);
    error ConsortiumAccountAlreadyAssigned(address account, uint32 orgId);
    error ConsortiumAccountNotStaff(address account, uint32 orgId);
    error ConsortiumInvalidOrganisation(uint32 orgId);
    error ConsortiumInvalidFounder(uint256 index);
    error ConsortiumInvalidProposal(uint256 proposalId);
    error ConsortiumProposalExpired(uint256 proposalId, uint64 expiredAt);
    error ConsortiumProposalAlreadyExecuted(uint256 proposalId);
    error ConsortiumAlreadyApproved(uint256 proposalId, uint32 orgId);
    error ConsortiumInvalidProposalData(ProposalAction action);
    error ConsortiumLastMember();
    error ConsortiumParameterOutOfRange(bytes32 key, uint256 value);
    error ConsortiumOnlyGovernance(address caller);

    event OrganisationAdded(uint32 indexed orgId, OrgKind kind, address indexed admin, string name);
    event OrganisationRemoved(uint32 indexed orgId);
    event OrgAdminChanged(uint32 indexed orgId, address indexed previousAdmin, address indexed newAdmin);
    event StaffSet(uint32 indexed orgId, address indexed account, bytes32 indexed role);
    event StaffRemoved(uint32 indexed orgId, address indexed account);
    event ProposalCreated(
        uint256 indexed proposalId, uint32 indexed proposerOrg, ProposalAction action, bytes data, uint64 expiresAt
    );
    event ProposalApproved(uint256 indexed proposalId, uint32 indexed orgId, uint32 approvals);
    event ProposalExecuted(uint256 indexed proposalId);
    event ParameterSet(bytes32 indexed key, uint256 value);

    /// @notice The organisation and role an account acts for; (0, None, 0) for a stranger.
    function membershipOf(address account) external view returns (uint32 orgId, OrgKind kind, bytes32 role);

    /// @notice An organisation by id.
    function organisation(uint32 orgId) external view returns (Organisation memory);

    /// @notice Number of current (active) member organisations.
    function memberCount() external view returns (uint32);

    /// @notice A governance parameter (0 if never set).
    function parameter(bytes32 key) external view returns (uint256);

    /// @notice The VIN commitment parameters: keccak256(scrypt(normalisedVIN, salt, N, r, p, 32)).
    function vinCommitmentParams() external view returns (bytes32 salt, uint256 n, uint256 r, uint256 p);

    /// @notice The org admin assigns one of its kind's staff roles to an account.
    function setStaff(address account, bytes32 role) external;

    /// @notice The org admin removes a staff account.
    function removeStaff(address account) external;

    /// @notice A member's admin proposes a governance action; the proposer's approval is counted at once.
    function propose(ProposalAction action, bytes calldata data) external returns (uint256 proposalId);

    /// @notice A member's admin approves; a strict majority of current members executes the proposal.
    function approve(uint256 proposalId) external;

    /// @notice A proposal by id.
    function proposal(uint256 proposalId) external view returns (Proposal memory);
}
