// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title Document anchors: proof that a document (its sha256) existed, attested by an archiving service.
interface IDocumentAnchor {
    /// @notice Who anchored a hash, for which organisation, when. One slot: 32 + 40 + 160 bits.
    struct Anchor {
        uint32 orgId;
        uint40 anchoredAt;
        address anchoredBy;
    }

    error DocumentAnchorNotArchivist(address account);
    error DocumentAnchorInvalidHash();
    error DocumentAnchorOnlyGovernance(address caller);

    event DocumentAnchored(bytes32 indexed documentHash, uint32 indexed orgId, address indexed anchoredBy);

    /// @notice An archiving service's archivist (or admin) anchors the sha256 of a plain document. Anchoring a hash
    /// again changes nothing and returns the first anchor.
    function anchor(bytes32 documentHash) external returns (Anchor memory);

    /// @notice Anchors several hashes in one transaction (idempotent per hash).
    function anchorBatch(bytes32[] calldata documentHashes) external;

    /// @notice The anchor of a hash (orgId 0 if never anchored).
    function anchorOf(bytes32 documentHash) external view returns (Anchor memory);
}
