// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title CarBook's ERC-7201 namespace location
/// @notice Where `CarBook.CarBookStorage` lives in the proxy's storage.
/// @dev The slot, shared by CarBook and CarBookExtension.
library CarBookStorageLocation {
    // keccak256(abi.encode(uint256(keccak256("carbook.storage.CarBook")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 internal constant VALUE = 0x1dd5a9ce7f66bb5e86909f4dbdffef5e068c6f1455208d888a9f7fd8284e3e00;
}
