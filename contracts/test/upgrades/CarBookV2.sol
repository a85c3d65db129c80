// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {CarBook} from "../../src/CarBook.sol";
import {IConsortium} from "../../src/interfaces/IConsortium.sol";
import {Roles} from "../../src/Roles.sol";

/// @notice A realistic second version: adds manufacturer recall notices in a new ERC-7201 namespace and keeps
/// every V1 slot where it was. `npm run check:storage` validates it against V1 with the OpenZeppelin upgrades-core.
/// @dev V2 has no initializer of its own: it is only ever reached by upgrading a proxy that V1 initialised, and
/// its new namespace starts empty on purpose.
/// @custom:oz-upgrades-from contracts/src/CarBook.sol:CarBook
/// @custom:oz-upgrades-unsafe-allow missing-initializer
contract CarBookV2 is CarBook {
    /// @custom:storage-location erc7201:carbook.storage.CarBookV2
    struct RecallStorage {
        mapping(uint256 tokenId => bytes32) openRecall;
        uint64 recallCount;
    }

    // keccak256(abi.encode(uint256(keccak256("carbook.storage.CarBookV2")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant RECALL_STORAGE_LOCATION =
        0x51b0ddca08053c392f0293a0ab5f8fa8f81c2342af0f0949dfd7e66e5ced3900;

    event RecallNoticed(uint256 indexed tokenId, bytes32 recall);

    function _recalls() private pure returns (RecallStorage storage $) {
        assembly {
            $.slot := RECALL_STORAGE_LOCATION
        }
    }

    function version() external pure returns (uint256) {
        return 2;
    }

    error CarBookV2NotMakerAdmin(address account);

    /// @notice The book's maker admin notes an open recall.
    function noteRecall(uint256 tokenId, bytes32 recall) external {
        (uint32 orgId,, bytes32 role) = IConsortium(this.consortium()).membershipOf(msg.sender);
        if (orgId != this.book(tokenId).manufacturerOrg || role != Roles.ORG_ADMIN) {
            revert CarBookV2NotMakerAdmin(msg.sender);
        }
        _recalls().openRecall[tokenId] = recall;
        ++_recalls().recallCount;
        emit RecallNoticed(tokenId, recall);
    }

    function openRecall(uint256 tokenId) external view returns (bytes32) {
        return _recalls().openRecall[tokenId];
    }
}
