// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Frozen copy of the registry as deployed before the read indexes (commit 4f0f214), renamed with a V1 suffix:
// the "previous layout" of `npm run check:storage` and the starting point of test/UpgradeToIndexes.t.sol.
// Never edit it to follow src/.

import {IConsortiumV1} from "./IConsortiumV1.sol";

/// @title Staff roles, each valid only within one kind of organisation.
library RolesV1 {
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

    function isStaffRoleOf(IConsortiumV1.OrgKind kind, bytes32 role) internal pure returns (bool) {
        if (kind == IConsortiumV1.OrgKind.Manufacturer) {
            return role == DEALER || role == OFFICIAL_WORKSHOP || role == TELEMATICS_OPERATOR;
        }
        if (kind == IConsortiumV1.OrgKind.Insurer) return role == CLAIMS_HANDLER;
        if (kind == IConsortiumV1.OrgKind.ArchivingService) return role == ARCHIVIST;
        if (kind == IConsortiumV1.OrgKind.Recycler) return role == DISMANTLER;
        return false;
    }
}
