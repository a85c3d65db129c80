// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";

/// @notice Negative control for `npm run check:storage`: LayoutProbeV1's namespace with two fields swapped.
/// Test fixture only, never deployed.
/// @custom:oz-upgrades-from contracts/test/upgrades/LayoutProbe.sol:LayoutProbeV1
contract LayoutProbeV2Broken is Initializable, UUPSUpgradeable {
    /// @custom:storage-location erc7201:carbook.storage.LayoutProbe
    struct ProbeStorageV2 {
        address owner;
        uint64 mileage;
    }

    bytes32 private constant LOCATION = 0xc08c2de1f03f43444e6b13025c159862ed4c7328e4f1c253e234b44bc953a900;

    function initialize() external initializer {}

    function _probe() internal pure returns (ProbeStorageV2 storage $) {
        assembly {
            $.slot := LOCATION
        }
    }

    function owner() external view returns (address) {
        return _probe().owner;
    }

    function _authorizeUpgrade(address) internal pure override {}
}
