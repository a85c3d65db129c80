// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";

/// @notice Negative control for `npm run check:storage`: the layout checker must reject LayoutProbeV2Broken (its own file), whose namespaced
/// struct swaps two fields of V1. If it ever accepted it, the check would be vacuous and the script fails.
/// Test fixtures only, never deployed (hence the unrestricted `_authorizeUpgrade`).
contract LayoutProbeV1 is Initializable, UUPSUpgradeable {
    /// @custom:storage-location erc7201:carbook.storage.LayoutProbe
    struct ProbeStorage {
        uint64 mileage;
        address owner;
    }

    bytes32 private constant LOCATION = 0xc08c2de1f03f43444e6b13025c159862ed4c7328e4f1c253e234b44bc953a900;

    function initialize() external initializer {}

    function _probe() internal pure returns (ProbeStorage storage $) {
        assembly {
            $.slot := LOCATION
        }
    }

    function mileage() external view returns (uint64) {
        return _probe().mileage;
    }

    function _authorizeUpgrade(address) internal pure override {}
}
