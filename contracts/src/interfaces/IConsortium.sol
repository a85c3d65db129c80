// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title The consortium: member organisations, their staff, and strict-majority governance.
/// @notice Every permissioned action in CarBook asks this registry who an account acts for.
interface IConsortium {
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

    /// @notice `account` is not the admin of a member organisation.
    error ConsortiumNotMemberAdmin(address account);
    /// @notice `account` is not the admin of organisation `orgId`.
    error ConsortiumNotOrgAdmin(uint32 orgId, address account);
    /// @notice The role does not exist in this kind of organisation.
    error ConsortiumRoleNotAllowedForKind(OrgKind kind, bytes32 role);
    /// @notice `account` already acts for an organisation.
    error ConsortiumAccountAlreadyAssigned(address account, uint32 orgId);
    /// @notice `account` is not staff of the organisation.
    error ConsortiumAccountNotStaff(address account, uint32 orgId);
    /// @notice No current member has this id.
    error ConsortiumInvalidOrganisation(uint32 orgId);
    /// @notice Founder `index` has no admin or no kind, or no founder was given.
    error ConsortiumInvalidFounder(uint256 index);
    /// @notice No proposal has this id.
    error ConsortiumInvalidProposal(uint256 proposalId);
    /// @notice The proposal can no longer be approved.
    error ConsortiumProposalExpired(uint256 proposalId, uint64 expiredAt);
    /// @notice The proposal was executed already.
    error ConsortiumProposalAlreadyExecuted(uint256 proposalId);
    /// @notice The member approved this proposal already.
    error ConsortiumAlreadyApproved(uint256 proposalId, uint32 orgId);
    /// @notice The proposal's data does not decode to a valid action.
    error ConsortiumInvalidProposalData(ProposalAction action);
    /// @notice The last member cannot be removed.
    error ConsortiumLastMember();
    /// @notice The value is outside the parameter's allowed range.
    error ConsortiumParameterOutOfRange(bytes32 key, uint256 value);
    /// @notice `account` is the admin named by open admission proposal `proposalId`.
    error ConsortiumAccountReserved(address account, uint256 proposalId);

    /// @notice An organisation became a member.
    /// @param orgId Its id.
    /// @param kind What it is.
    /// @param admin Its admin account.
    /// @param name Its name.
    event OrganisationAdded(uint32 indexed orgId, OrgKind kind, address indexed admin, string name);
    /// @notice An organisation stopped being a member.
    /// @param orgId Its id.
    event OrganisationRemoved(uint32 indexed orgId);
    /// @notice An organisation's admin account changed.
    /// @param orgId The organisation.
    /// @param previousAdmin The admin replaced.
    /// @param newAdmin The admin from now on.
    event OrgAdminChanged(uint32 indexed orgId, address indexed previousAdmin, address indexed newAdmin);
    /// @notice An org admin gave an account a staff role.
    /// @param orgId The organisation.
    /// @param account The staff account.
    /// @param role The role (see `Roles`).
    event StaffSet(uint32 indexed orgId, address indexed account, bytes32 indexed role);
    /// @notice An org admin removed a staff account.
    /// @param orgId The organisation.
    /// @param account The former staff account.
    event StaffRemoved(uint32 indexed orgId, address indexed account);
    /// @notice A member's admin proposed a governance action.
    /// @param proposalId The proposal.
    /// @param proposerOrg The proposing member.
    /// @param action What it does.
    /// @param data The action's ABI-encoded arguments.
    /// @param expiresAt When it can no longer be approved.
    event ProposalCreated(
        uint256 indexed proposalId, uint32 indexed proposerOrg, ProposalAction action, bytes data, uint64 expiresAt
    );
    /// @notice A member approved a proposal.
    /// @param proposalId The proposal.
    /// @param orgId The approving member.
    /// @param approvals Approvals of current members so far.
    event ProposalApproved(uint256 indexed proposalId, uint32 indexed orgId, uint32 approvals);
    /// @notice A proposal reached a strict majority and its action ran.
    /// @param proposalId The proposal.
    event ProposalExecuted(uint256 indexed proposalId);
    /// @notice Governance set a parameter.
    /// @param key The parameter (see `Parameters`).
    /// @param value Its new value.
    event ParameterSet(bytes32 indexed key, uint256 value);

    /// @notice The organisation and role an account acts for; (0, None, 0) for a stranger.
    /// @param account The account.
    /// @return orgId Its organisation (0 if none).
    /// @return kind The organisation's kind.
    /// @return role Its role in the organisation (see `Roles`).
    function membershipOf(address account) external view returns (uint32 orgId, OrgKind kind, bytes32 role);

    /// @notice An organisation by id.
    /// @param orgId The organisation.
    function organisation(uint32 orgId) external view returns (Organisation memory);

    /// @notice Number of current (active) member organisations.
    function memberCount() external view returns (uint32);

    /// @notice A governance parameter (0 if never set).
    /// @param key The parameter (see `Parameters`).
    function parameter(bytes32 key) external view returns (uint256);

    /// @notice The VIN commitment parameters: keccak256(scrypt(normalisedVIN, salt, N, r, p, 32)).
    /// @return salt The scrypt salt.
    /// @return n The scrypt cost N.
    /// @return r The scrypt block size r.
    /// @return p The scrypt parallelism p.
    function vinCommitmentParams() external view returns (bytes32 salt, uint256 n, uint256 r, uint256 p);

    /// @notice The org admin assigns one of its kind's staff roles to an account. An account of a removed
    /// organisation is free again; the admin named by an open admission proposal is not
    /// (`ConsortiumAccountReserved`), so no member can squat it. The account may refuse with `renounceStaff`.
    /// @param account The staff account.
    /// @param role The role (see `Roles`).
    function setStaff(address account, bytes32 role) external;

    /// @notice The org admin removes a staff account.
    /// @param account The staff account.
    function removeStaff(address account) external;

    /// @notice A staff account refuses (or gives up) its role: it no longer acts for the organisation. An
    /// organisation's admin cannot (`ConsortiumAccountNotStaff`): governance replaces or removes members.
    function renounceStaff() external;

    /// @notice A member's admin proposes a governance action; the proposer's approval is counted at once. A proposal
    /// that could never execute is refused: an admission whose admin acts for a member already
    /// (`ConsortiumAccountAlreadyAssigned`) or is named by another open admission (`ConsortiumAccountReserved`).
    /// An admission reserves its admin until it executes or expires.
    /// @param action What the proposal does.
    /// @param data The action's ABI-encoded arguments.
    /// @return proposalId The new proposal.
    function propose(ProposalAction action, bytes calldata data) external returns (uint256 proposalId);

    /// @notice A member's admin approves; a strict majority of current members executes the proposal.
    /// @param proposalId The proposal.
    function approve(uint256 proposalId) external;

    /// @notice A proposal by id.
    /// @param proposalId The proposal.
    function proposal(uint256 proposalId) external view returns (Proposal memory);

    /// @notice One page of an organisation's accounts: its admin and its staff, in no particular order (read
    /// `membershipOf` for each role). Proposals need no index: their ids run from 1 to `proposalCount()`.
    /// @param orgId The organisation.
    /// @param start Index of the first entry to return.
    /// @param count Most entries to return.
    /// @return accounts Accounts of the organisation.
    /// @return total Number of listed accounts.
    function staffOf(uint32 orgId, uint256 start, uint256 count)
        external
        view
        returns (address[] memory accounts, uint256 total);

    /// @notice Lists accounts assigned before the index upgrade (anyone may call; an account is listed only if
    /// state says it belongs to an organisation and it is not listed yet, so it needs no trust).
    /// @param accounts Accounts to list.
    function indexLegacyStaff(address[] calldata accounts) external;
}
