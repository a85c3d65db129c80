// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title Document anchors: proof that a document (its sha256) existed, attested by an archiving service.
/// @notice The anchor of a hash never changes once set.
interface IDocumentAnchor {
    /// @notice Who anchored a hash, for which organisation, when. One slot: 32 + 40 + 160 bits.
    struct Anchor {
        uint32 orgId;
        uint40 anchoredAt;
        address anchoredBy;
    }

    /// @notice `account` is not an archivist (or admin) of an archiving service.
    error DocumentAnchorNotArchivist(address account);
    /// @notice The document hash is zero.
    error DocumentAnchorInvalidHash();

    /// @notice An archiving service anchored a document hash (emitted once per hash).
    /// @param documentHash The document's sha256.
    /// @param orgId The archiving service.
    /// @param anchoredBy The archivist (or admin) who anchored it.
    event DocumentAnchored(bytes32 indexed documentHash, uint32 indexed orgId, address indexed anchoredBy);

    /// @notice An archiving service's archivist (or admin) anchors the sha256 of a plain document. Anchoring a hash
    /// again changes nothing and returns the first anchor.
    /// @param documentHash The document's sha256.
    function anchor(bytes32 documentHash) external returns (Anchor memory);

    /// @notice Anchors several hashes in one transaction (idempotent per hash).
    /// @param documentHashes The documents' sha256 hashes.
    function anchorBatch(bytes32[] calldata documentHashes) external;

    /// @notice The anchor of a hash (orgId 0 if never anchored).
    /// @param documentHash The document's sha256.
    function anchorOf(bytes32 documentHash) external view returns (Anchor memory);
}
