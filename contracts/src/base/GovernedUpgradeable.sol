// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";

/// @title Governed upgrades: a UUPS registry that only the consortium's executed proposals upgrade.
/// @notice The consortium executes an approved `UpgradeContract` proposal by calling `upgradeToAndCall` itself,
/// so the check is on the caller; a registry's other governance actions (backfills) use the same check.
/// @dev Holds no storage: each registry keeps its consortium pointer in its own ERC-7201 namespace and returns it
/// from `_governance()` (the consortium returns itself).
abstract contract GovernedUpgradeable is UUPSUpgradeable {
    /// @notice Only the consortium, executing a proposal a strict majority approved, may do this.
    /// @param caller The account that tried.
    error GovernedUpgradeOnlyGovernance(address caller);

    /// @dev The only account governance actions may come from.
    function _governance() internal view virtual returns (address);

    /// @dev Reverts unless the caller is the consortium.
    function _onlyGovernance() internal view {
        if (msg.sender != _governance()) revert GovernedUpgradeOnlyGovernance(msg.sender);
    }

    /// @dev Only an executed proposal upgrades.
    function _authorizeUpgrade(address) internal view override {
        _onlyGovernance();
    }
}
