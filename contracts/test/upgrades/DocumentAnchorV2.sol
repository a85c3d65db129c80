// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {DocumentAnchor} from "../../src/DocumentAnchor.sol";

/// @notice A second release of DocumentAnchor for the cross-chain release check (lib/dev/consortium/check.test.ts):
/// the same storage, one more view, so its runtime code differs from the first release's.
/// @custom:oz-upgrades-from contracts/src/DocumentAnchor.sol:DocumentAnchor
/// @custom:oz-upgrades-unsafe-allow missing-initializer
contract DocumentAnchorV2 is DocumentAnchor {
    function version() external pure returns (uint256) {
        return 2;
    }
}
