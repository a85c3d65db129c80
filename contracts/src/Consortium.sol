// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";
import {GovernedUpgradeable} from "./base/GovernedUpgradeable.sol";
import {IConsortium} from "./interfaces/IConsortium.sol";
import {EnumerableSet} from "@openzeppelin/contracts/utils/structs/EnumerableSet.sol";
import {Roles} from "./Roles.sol";
import {Parameters} from "./Parameters.sol";
import {OneLineText} from "./libraries/OneLineText.sol";

/// @title Consortium registry with strict-majority governance.
/// @notice The consortium registry behind a UUPS proxy; its interface `IConsortium` documents each function.
/// @dev Governance actions (members, parameters, upgrades of every registry) execute from this contract only
/// once more than half of the current members approved. Upgrades of other registries are performed by this
/// contract calling `upgradeToAndCall`, so their `_authorizeUpgrade` only has to check the caller.
contract Consortium is IConsortium, Initializable, GovernedUpgradeable {
    using EnumerableSet for EnumerableSet.AddressSet;

    // Parameter keys (see `Parameters`), public so that clients can read them from the ABI.
    /// @notice Parameter key: how long a proposal stays open, in seconds.
    bytes32 public constant PROPOSAL_LIFETIME = Parameters.PROPOSAL_LIFETIME;
    /// @notice Parameter key: longest grant an owner may give an independent workshop, in seconds.
    bytes32 public constant MAX_GRANT_DURATION = Parameters.MAX_GRANT_DURATION;
    /// @notice Parameter key: shortest interval between two accepted telematics readings of a book, in seconds.
    bytes32 public constant MIN_READING_INTERVAL = Parameters.MIN_READING_INTERVAL;
    /// @notice Parameter key: the VIN commitment's scrypt salt.
    bytes32 public constant VIN_SALT = Parameters.VIN_SALT;
    /// @notice Parameter key: the VIN commitment's scrypt cost N.
    bytes32 public constant VIN_SCRYPT_N = Parameters.VIN_SCRYPT_N;
    /// @notice Parameter key: the VIN commitment's scrypt block size r.
    bytes32 public constant VIN_SCRYPT_R = Parameters.VIN_SCRYPT_R;
    /// @notice Parameter key: the VIN commitment's scrypt parallelism p.
    bytes32 public constant VIN_SCRYPT_P = Parameters.VIN_SCRYPT_P;
    /// @notice Parameter key: how long an insurance claim stays open to an expert and a diagnosis, in seconds.
    bytes32 public constant CLAIM_LIFETIME = Parameters.CLAIM_LIFETIME;
    /// @notice Parameter key: the insurance registry CarBook accepts diagnoses from.
    bytes32 public constant INSURANCE_REGISTRY = Parameters.INSURANCE_REGISTRY;
    /// @notice See `Parameters.MAX_KM_PER_DAY`.
    bytes32 public constant MAX_KM_PER_DAY = Parameters.MAX_KM_PER_DAY;
    /// @notice See `Parameters.DAPP_CID`.
    bytes32 public constant DAPP_CID = Parameters.DAPP_CID;

    uint256 internal constant DEFAULT_PROPOSAL_LIFETIME = 7 days;
    uint256 internal constant DEFAULT_MAX_GRANT_DURATION = 30 days;
    uint256 internal constant DEFAULT_MIN_READING_INTERVAL = 1 hours;

    /// @dev One slot per account: the role is stored as its small id (see `Roles.idOf`), since every
    /// permission check in every registry reads this entry.
    struct Staff {
        uint32 orgId;
        uint8 roleId;
    }

    /// @custom:storage-location erc7201:carbook.storage.Consortium
    struct ConsortiumStorage {
        uint32 orgCount;
        uint32 memberCount;
        mapping(uint32 orgId => Organisation) orgs;
        mapping(address account => Staff) staff;
        mapping(bytes32 key => uint256) parameters;
        uint256 proposalCount;
        mapping(uint256 proposalId => Proposal) proposals;
        mapping(uint256 proposalId => mapping(uint32 orgId => bool)) approvedBy;
        // ---- read indexes (appended by the index upgrade)
        /// @dev Every account whose `staff` entry names the organisation (its admin included).
        mapping(uint32 orgId => EnumerableSet.AddressSet) staffSets;
        // ---- appended by the consent upgrade
        /// @dev The latest admission proposal naming the account as admin (live while open: see `_reservation`).
        mapping(address account => uint256 proposalId) reservedBy;
    }

    // keccak256(abi.encode(uint256(keccak256("carbook.storage.Consortium")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant STORAGE_LOCATION = 0x9cc7ef219666b688ff9da5e47c82c03786202778f2e1a690a5a46e9d5d756100;

    function _s() private pure returns (ConsortiumStorage storage $) {
        assembly {
            $.slot := STORAGE_LOCATION
        }
    }

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /// @notice Sets up the founding members and initial parameters (checked like any later change);
    /// from then on, only governance changes membership and parameters.
    /// @param founders The founding members.
    /// @param initialParameters Parameter values to set (others keep their defaults).
    function initialize(Founder[] calldata founders, ParameterValue[] calldata initialParameters) external initializer {
        if (founders.length == 0) revert ConsortiumInvalidFounder(0);
        for (uint256 i; i < founders.length; ++i) {
            if (
                founders[i].admin == address(0) || founders[i].kind == OrgKind.None
                    || !OneLineText.isOneLine(bytes(founders[i].name))
            ) {
                revert ConsortiumInvalidFounder(i);
            }
            _addMember(founders[i].name, founders[i].kind, founders[i].admin);
        }
        _setParameter(PROPOSAL_LIFETIME, DEFAULT_PROPOSAL_LIFETIME);
        _setParameter(MAX_GRANT_DURATION, DEFAULT_MAX_GRANT_DURATION);
        _setParameter(MIN_READING_INTERVAL, DEFAULT_MIN_READING_INTERVAL);
        _setParameter(CLAIM_LIFETIME, Parameters.DEFAULT_CLAIM_LIFETIME);
        for (uint256 i; i < initialParameters.length; ++i) {
            _setParameter(initialParameters[i].key, initialParameters[i].value);
        }
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IConsortium
    function membershipOf(address account) external view returns (uint32 orgId, OrgKind kind, bytes32 role) {
        ConsortiumStorage storage $ = _s();
        Staff memory member = $.staff[account];
        if (member.orgId == 0) return (0, OrgKind.None, bytes32(0));
        Organisation storage org = $.orgs[member.orgId];
        if (!org.active) return (0, OrgKind.None, bytes32(0));
        return (member.orgId, org.kind, Roles.byId(member.roleId));
    }

    /// @inheritdoc IConsortium
    function organisation(uint32 orgId) external view returns (Organisation memory) {
        return _s().orgs[orgId];
    }

    /// @inheritdoc IConsortium
    function memberCount() external view returns (uint32) {
        return _s().memberCount;
    }

    /// @notice Number of organisations ever admitted (ids run from 1 to orgCount).
    function orgCount() external view returns (uint32) {
        return _s().orgCount;
    }

    /// @notice Number of proposals ever made (ids run from 1 to proposalCount).
    function proposalCount() external view returns (uint256) {
        return _s().proposalCount;
    }

    /// @inheritdoc IConsortium
    function parameter(bytes32 key) external view returns (uint256) {
        return _s().parameters[key];
    }

    /// @inheritdoc IConsortium
    function vinCommitmentParams() external view returns (bytes32 salt, uint256 n, uint256 r, uint256 p) {
        ConsortiumStorage storage $ = _s();
        return (
            bytes32($.parameters[VIN_SALT]),
            $.parameters[VIN_SCRYPT_N],
            $.parameters[VIN_SCRYPT_R],
            $.parameters[VIN_SCRYPT_P]
        );
    }

    /// @inheritdoc IConsortium
    function proposal(uint256 proposalId) external view returns (Proposal memory) {
        return _s().proposals[proposalId];
    }

    /// @notice Whether member `orgId` approved `proposalId`.
    /// @param proposalId The proposal.
    /// @param orgId The member.
    function hasApproved(uint256 proposalId, uint32 orgId) external view returns (bool) {
        return _s().approvedBy[proposalId][orgId];
    }

    // ---------------------------------------------------------------- staff

    /// @inheritdoc IConsortium
    function setStaff(address account, bytes32 role) external {
        ConsortiumStorage storage $ = _s();
        uint32 orgId = _adminOrg(msg.sender);
        OrgKind kind = $.orgs[orgId].kind;
        if (!Roles.isStaffRoleOf(kind, role)) revert ConsortiumRoleNotAllowedForKind(kind, role);
        uint32 current = _assignedOrg(account);
        if (current != 0 && current != orgId) revert ConsortiumAccountAlreadyAssigned(account, current);
        if (account == address(0) || account == $.orgs[orgId].admin) {
            revert ConsortiumAccountAlreadyAssigned(account, orgId);
        }
        uint256 reservation = _reservation(account);
        if (reservation != 0) revert ConsortiumAccountReserved(account, reservation);
        _releaseStale(account);
        $.staff[account] = Staff(orgId, Roles.idOf(role));
        $.staffSets[orgId].add(account);
        emit StaffSet(orgId, account, role);
    }

    /// @inheritdoc IConsortium
    function removeStaff(address account) external {
        ConsortiumStorage storage $ = _s();
        uint32 orgId = _adminOrg(msg.sender);
        Staff memory member = $.staff[account];
        if (member.orgId != orgId || member.roleId == Roles.ORG_ADMIN_ID) {
            revert ConsortiumAccountNotStaff(account, orgId);
        }
        delete $.staff[account];
        $.staffSets[orgId].remove(account);
        emit StaffRemoved(orgId, account);
    }

    /// @inheritdoc IConsortium
    function renounceStaff() external {
        ConsortiumStorage storage $ = _s();
        Staff memory member = $.staff[msg.sender];
        if (member.orgId == 0 || member.roleId == Roles.ORG_ADMIN_ID) {
            revert ConsortiumAccountNotStaff(msg.sender, member.orgId);
        }
        delete $.staff[msg.sender];
        $.staffSets[member.orgId].remove(msg.sender);
        emit StaffRemoved(member.orgId, msg.sender);
    }

    /// @dev The organisation an account acts for, if that organisation is still a member (0 otherwise): the staff
    /// and the admin of a removed organisation are free.
    function _assignedOrg(address account) private view returns (uint32) {
        ConsortiumStorage storage $ = _s();
        uint32 orgId = $.staff[account].orgId;
        return orgId != 0 && $.orgs[orgId].active ? orgId : 0;
    }

    /// @dev Drops an account's entry naming a removed organisation (and its listing there) before it is reassigned.
    function _releaseStale(address account) private {
        ConsortiumStorage storage $ = _s();
        uint32 orgId = $.staff[account].orgId;
        if (orgId != 0 && !$.orgs[orgId].active) $.staffSets[orgId].remove(account);
    }

    /// @dev The open admission proposal that names the account as admin (0 if none): not executed, not expired.
    function _reservation(address account) private view returns (uint256 proposalId) {
        ConsortiumStorage storage $ = _s();
        proposalId = $.reservedBy[account];
        if (proposalId == 0) return 0;
        Proposal storage p = $.proposals[proposalId];
        if (p.executed || block.timestamp > p.expiresAt) return 0;
    }

    // ---------------------------------------------------------------- governance

    /// @inheritdoc IConsortium
    function propose(ProposalAction action, bytes calldata data) external returns (uint256 proposalId) {
        ConsortiumStorage storage $ = _s();
        uint32 orgId = _adminOrg(msg.sender);
        _checkProposalData(action, data);
        proposalId = ++$.proposalCount;
        uint64 expiresAt = uint64(block.timestamp + $.parameters[PROPOSAL_LIFETIME]);
        $.proposals[proposalId] = Proposal(action, orgId, 0, expiresAt, false, data);
        if (action == ProposalAction.AddMember) {
            (,, address admin) = abi.decode(data, (string, OrgKind, address));
            $.reservedBy[admin] = proposalId;
        }
        emit ProposalCreated(proposalId, orgId, action, data, expiresAt);
        _approve(proposalId, orgId);
    }

    /// @inheritdoc IConsortium
    function approve(uint256 proposalId) external {
        _approve(proposalId, _adminOrg(msg.sender));
    }

    function _approve(uint256 proposalId, uint32 orgId) private {
        ConsortiumStorage storage $ = _s();
        Proposal storage p = $.proposals[proposalId];
        if (p.action == ProposalAction.None) revert ConsortiumInvalidProposal(proposalId);
        if (p.executed) revert ConsortiumProposalAlreadyExecuted(proposalId);
        if (block.timestamp > p.expiresAt) revert ConsortiumProposalExpired(proposalId, p.expiresAt);
        if ($.approvedBy[proposalId][orgId]) revert ConsortiumAlreadyApproved(proposalId, orgId);
        $.approvedBy[proposalId][orgId] = true;
        // Approvals from members removed since are still counted below only if they are still members.
        uint32 approvals = ++p.approvals;
        emit ProposalApproved(proposalId, orgId, approvals);
        if (_currentApprovals(proposalId, p) * 2 > $.memberCount) {
            p.executed = true;
            _execute(p.action, p.data);
            emit ProposalExecuted(proposalId);
        }
    }

    /// @dev Counts approvals of organisations that are members now: a removed member's approval no longer counts.
    function _currentApprovals(uint256 proposalId, Proposal storage p) private view returns (uint256 count) {
        ConsortiumStorage storage $ = _s();
        if (p.approvals * 2 <= $.memberCount) return p.approvals; // cannot reach a majority anyway: skip the scan
        uint32 n = $.orgCount;
        for (uint32 id = 1; id <= n; ++id) {
            if ($.orgs[id].active && $.approvedBy[proposalId][id]) ++count;
        }
    }

    function _checkProposalData(ProposalAction action, bytes calldata data) private view {
        if (action == ProposalAction.AddMember) {
            (string memory name, OrgKind kind, address admin) = abi.decode(data, (string, OrgKind, address));
            if (
                kind == OrgKind.None || admin == address(0) || bytes(name).length == 0
                    || !OneLineText.isOneLine(bytes(name))
            ) {
                revert ConsortiumInvalidProposalData(action);
            }
            // An admission that could never execute is refused now rather than at the majority's approval.
            uint32 assigned = _assignedOrg(admin);
            if (assigned != 0) revert ConsortiumAccountAlreadyAssigned(admin, assigned);
            uint256 reservation = _reservation(admin);
            if (reservation != 0) revert ConsortiumAccountReserved(admin, reservation);
        } else if (action == ProposalAction.RemoveMember) {
            uint32 orgId = abi.decode(data, (uint32));
            if (!_s().orgs[orgId].active) revert ConsortiumInvalidOrganisation(orgId);
        } else if (action == ProposalAction.SetParameter) {
            (bytes32 key, uint256 value) = abi.decode(data, (bytes32, uint256));
            _checkParameter(key, value);
        } else if (action == ProposalAction.UpgradeContract) {
            (address proxy, address implementation,) = abi.decode(data, (address, address, bytes));
            if (proxy.code.length == 0 || implementation.code.length == 0) {
                revert ConsortiumInvalidProposalData(action);
            }
        } else {
            revert ConsortiumInvalidProposalData(action);
        }
    }

    function _execute(ProposalAction action, bytes memory data) private {
        if (action == ProposalAction.AddMember) {
            (string memory name, OrgKind kind, address admin) = abi.decode(data, (string, OrgKind, address));
            _addMember(name, kind, admin);
        } else if (action == ProposalAction.RemoveMember) {
            _removeMember(abi.decode(data, (uint32)));
        } else if (action == ProposalAction.SetParameter) {
            (bytes32 key, uint256 value) = abi.decode(data, (bytes32, uint256));
            _setParameter(key, value);
        } else {
            (address proxy, address implementation, bytes memory callData) = abi.decode(data, (address, address, bytes));
            if (proxy == address(this)) {
                // An external self-call, so that `_authorizeUpgrade` sees this contract as the caller.
                this.upgradeToAndCall(implementation, callData);
            } else {
                UUPSUpgradeable(proxy).upgradeToAndCall(implementation, callData);
            }
        }
    }

    function _addMember(string memory name, OrgKind kind, address admin) private {
        ConsortiumStorage storage $ = _s();
        uint32 assigned = _assignedOrg(admin);
        if (assigned != 0) revert ConsortiumAccountAlreadyAssigned(admin, assigned);
        _releaseStale(admin);
        uint32 orgId = ++$.orgCount;
        ++$.memberCount;
        $.orgs[orgId] = Organisation(name, kind, admin, true);
        $.staff[admin] = Staff(orgId, Roles.ORG_ADMIN_ID);
        $.staffSets[orgId].add(admin);
        emit OrganisationAdded(orgId, kind, admin, name);
    }

    function _removeMember(uint32 orgId) private {
        ConsortiumStorage storage $ = _s();
        if (!$.orgs[orgId].active) revert ConsortiumInvalidOrganisation(orgId);
        if ($.memberCount == 1) revert ConsortiumLastMember();
        $.orgs[orgId].active = false;
        --$.memberCount;
        emit OrganisationRemoved(orgId);
    }

    function _setParameter(bytes32 key, uint256 value) private {
        _checkParameter(key, value);
        _s().parameters[key] = value;
        emit ParameterSet(key, value);
    }

    /// @dev The ranges every known parameter must respect, checked when proposed and again when executed.
    /// Unknown keys are accepted so that a later registry version can read a parameter without an upgrade here.
    function _checkParameter(bytes32 key, uint256 value) private view {
        bool ok = true;
        if (key == PROPOSAL_LIFETIME) ok = value >= 1 hours && value <= 90 days;
        else if (key == MAX_GRANT_DURATION) ok = value >= 1 hours && value <= 365 days;
        else if (key == MIN_READING_INTERVAL) ok = value <= 30 days;
        else if (key == CLAIM_LIFETIME) ok = value >= 1 days && value <= 730 days;
        else if (key == MAX_KM_PER_DAY) ok = Parameters.maxKmPerDayInRange(value);
        else if (key == VIN_SALT) ok = value != 0;
        else if (key == VIN_SCRYPT_N) ok = value >= 2 && value <= 2 ** 24 && (value & (value - 1)) == 0;
        else if (key == VIN_SCRYPT_R) ok = value >= 1 && value <= 32;
        else if (key == VIN_SCRYPT_P) ok = value >= 1 && value <= 16;
        else if (key == INSURANCE_REGISTRY) ok = value <= type(uint160).max && address(uint160(value)).code.length != 0;
        // A digest is never zero; zero would read as "none published".
        else if (key == DAPP_CID) ok = value != 0;
        if (!ok) revert ConsortiumParameterOutOfRange(key, value);
    }

    function _adminOrg(address account) private view returns (uint32 orgId) {
        ConsortiumStorage storage $ = _s();
        Staff memory member = $.staff[account];
        if (member.roleId != Roles.ORG_ADMIN_ID || !$.orgs[member.orgId].active) {
            revert ConsortiumNotMemberAdmin(account);
        }
        return member.orgId;
    }

    // ---------------------------------------------------------------- read indexes

    /// @inheritdoc IConsortium
    function staffOf(uint32 orgId, uint256 start, uint256 count)
        external
        view
        returns (address[] memory accounts, uint256 total)
    {
        EnumerableSet.AddressSet storage set = _s().staffSets[orgId];
        total = set.length();
        uint256 end = start >= total ? start : (total - start < count ? total : start + count);
        accounts = set.values(start, end);
    }

    /// @inheritdoc IConsortium
    function indexLegacyStaff(address[] calldata accounts) external {
        ConsortiumStorage storage $ = _s();
        for (uint256 i; i < accounts.length; ++i) {
            uint32 orgId = $.staff[accounts[i]].orgId;
            if (orgId != 0) $.staffSets[orgId].add(accounts[i]);
        }
    }

    /// @dev Governance is this contract itself: only an approved proposal (executed here) upgrades it.
    function _governance() internal view override returns (address) {
        return address(this);
    }
}
