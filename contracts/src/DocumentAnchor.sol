// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {GovernedUpgradeable} from "./base/GovernedUpgradeable.sol";
import {IDocumentAnchor} from "./interfaces/IDocumentAnchor.sol";
import {IConsortium} from "./interfaces/IConsortium.sol";
import {Roles} from "./Roles.sol";

/// @title Archiving service's proof-of-existence registry for document hashes.
/// @notice The anchor registry behind a UUPS proxy; its interface `IDocumentAnchor` documents each function.
contract DocumentAnchor is IDocumentAnchor, Initializable, GovernedUpgradeable {
    /// @custom:storage-location erc7201:carbook.storage.DocumentAnchor
    struct DocumentAnchorStorage {
        IConsortium consortium;
        mapping(bytes32 documentHash => Anchor) anchors;
    }

    // keccak256(abi.encode(uint256(keccak256("carbook.storage.DocumentAnchor")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant STORAGE_LOCATION = 0xc1c3f2518b7ca9ce3b522401f8464c6e5763c68e5fb7df2159abddad72414700;

    function _s() private pure returns (DocumentAnchorStorage storage $) {
        assembly {
            $.slot := STORAGE_LOCATION
        }
    }

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /// @notice Initialises a new deployment.
    /// @param consortium_ The consortium registry asked who is an archivist.
    function initialize(IConsortium consortium_) external initializer {
        _s().consortium = consortium_;
    }

    /// @notice The consortium registry asked who is an archivist.
    function consortium() external view returns (address) {
        return address(_s().consortium);
    }

    /// @inheritdoc IDocumentAnchor
    function anchorOf(bytes32 documentHash) external view returns (Anchor memory) {
        return _s().anchors[documentHash];
    }

    /// @inheritdoc IDocumentAnchor
    function anchor(bytes32 documentHash) external returns (Anchor memory) {
        return _anchor(documentHash, _archivistOrg(msg.sender));
    }

    /// @inheritdoc IDocumentAnchor
    function anchorBatch(bytes32[] calldata documentHashes) external {
        uint32 orgId = _archivistOrg(msg.sender);
        for (uint256 i; i < documentHashes.length; ++i) {
            _anchor(documentHashes[i], orgId);
        }
    }

    function _anchor(bytes32 documentHash, uint32 orgId) private returns (Anchor memory existing) {
        if (documentHash == bytes32(0)) revert DocumentAnchorInvalidHash();
        DocumentAnchorStorage storage $ = _s();
        existing = $.anchors[documentHash];
        if (existing.orgId != 0) return existing;
        existing = Anchor(orgId, uint40(block.timestamp), msg.sender);
        $.anchors[documentHash] = existing;
        emit DocumentAnchored(documentHash, orgId, msg.sender);
    }

    function _archivistOrg(address account) private view returns (uint32 orgId) {
        IConsortium.OrgKind kind;
        bytes32 role;
        (orgId, kind, role) = _s().consortium.membershipOf(account);
        if (kind != IConsortium.OrgKind.ArchivingService || (role != Roles.ARCHIVIST && role != Roles.ORG_ADMIN)) {
            revert DocumentAnchorNotArchivist(account);
        }
    }

    /// @dev Governance is the consortium registry.
    function _governance() internal view override returns (address) {
        return address(_s().consortium);
    }
}
