// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IConsortium} from "./interfaces/IConsortium.sol";

/// @title Staff roles, each valid only within one kind of organisation.
/// @notice Role ids are keccak256 of their names; `Consortium` stores each as a small id (`idOf`).
library Roles {
    /// @notice The organisation's admin account (one per member); manages its staff and votes.
    bytes32 internal constant ORG_ADMIN = keccak256("ORG_ADMIN");
    /// @notice Manufacturer: dealers create car books at first sale.
    bytes32 internal constant DEALER = keccak256("DEALER");
    /// @notice Manufacturer: official-network workshops write service records on the maker's books.
    bytes32 internal constant OFFICIAL_WORKSHOP = keccak256("OFFICIAL_WORKSHOP");
    /// @notice Manufacturer: the telematics ingestion job (relays readings, rotates device keys).
    bytes32 internal constant TELEMATICS_OPERATOR = keccak256("TELEMATICS_OPERATOR");
    /// @notice Insurer: accepts policies, opens claims, mandates experts, decides, redeems wrecks.
    bytes32 internal constant CLAIMS_HANDLER = keccak256("CLAIMS_HANDLER");
    /// @notice Archiving service: anchors document hashes.
    bytes32 internal constant ARCHIVIST = keccak256("ARCHIVIST");
    /// @notice Recycler: receives wrecks and declares them destroyed.
    bytes32 internal constant DISMANTLER = keccak256("DISMANTLER");

    /// @notice Small ids under which the Consortium stores roles (0 = none), so a staff entry fits one slot.
    uint8 internal constant ORG_ADMIN_ID = 1;

    /// @notice The maker's network, who may write and publish key wraps on every book of its maker: the admin,
    /// dealers and official workshops (CarBook's writer rule and KeyRegistry's publisher rule).
    /// @param role A role read from `IConsortium.membershipOf`.
    /// @return Whether the role belongs to the maker's network (the caller also checks the organisation).
    function isMakerNetwork(bytes32 role) internal pure returns (bool) {
        return role == ORG_ADMIN || role == DEALER || role == OFFICIAL_WORKSHOP;
    }

    function idOf(bytes32 role) internal pure returns (uint8) {
        if (role == ORG_ADMIN) return ORG_ADMIN_ID;
        if (role == DEALER) return 2;
        if (role == OFFICIAL_WORKSHOP) return 3;
        if (role == TELEMATICS_OPERATOR) return 4;
        if (role == CLAIMS_HANDLER) return 5;
        if (role == ARCHIVIST) return 6;
        if (role == DISMANTLER) return 7;
        return 0;
    }

    function byId(uint8 id) internal pure returns (bytes32) {
        if (id == ORG_ADMIN_ID) return ORG_ADMIN;
        if (id == 2) return DEALER;
        if (id == 3) return OFFICIAL_WORKSHOP;
        if (id == 4) return TELEMATICS_OPERATOR;
        if (id == 5) return CLAIMS_HANDLER;
        if (id == 6) return ARCHIVIST;
        if (id == 7) return DISMANTLER;
        return bytes32(0);
    }

    function isStaffRoleOf(IConsortium.OrgKind kind, bytes32 role) internal pure returns (bool) {
        if (kind == IConsortium.OrgKind.Manufacturer) {
            return role == DEALER || role == OFFICIAL_WORKSHOP || role == TELEMATICS_OPERATOR;
        }
        if (kind == IConsortium.OrgKind.Insurer) return role == CLAIMS_HANDLER;
        if (kind == IConsortium.OrgKind.ArchivingService) return role == ARCHIVIST;
        if (kind == IConsortium.OrgKind.Recycler) return role == DISMANTLER;
        return false;
    }
}
