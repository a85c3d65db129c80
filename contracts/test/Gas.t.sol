// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Base} from "./Base.t.sol";
import {ICarBook} from "../src/interfaces/ICarBook.sol";

/// @notice The write paths with gas ceilings, one test each, so that `forge snapshot --check` (in
/// `npm run test:contracts`, snapshot in contracts/gas-snapshot) fails on a regression of more than 1 %.
/// Whole-transaction figures on anvil are `npm run bench:gas`; these are the calls' execution gas.
contract GasTest is Base {
    uint256 internal id;

    function setUp() public override {
        super.setUp();
        vm.roll(100);
        id = _createBook();
        vm.roll(101);
        _append(owner, id, 1_000);
        vm.roll(102);
    }

    function test_gas_createCarBook() public {
        vm.prank(dealer);
        carBook.createCarBook(WMI, keccak256("gas"), buyer, device, "ipfs://model");
    }

    function test_gas_appendRecord() public {
        _append(owner, id, 2_000);
    }

    /// @dev A rise the range's minimum pace allows (at most 500 km in the day always allowed): no parameter read.
    function test_gas_appendRecord_withinMinimumPace() public {
        _append(owner, id, 1_500);
    }

    function test_gas_appendRecord_officialWorkshop() public {
        _append(workshop, id, 2_000);
    }

    function test_gas_transfer() public {
        vm.prank(owner);
        carBook.transferFrom(owner, buyer, id);
    }

    function test_gas_grantAccess() public {
        vm.prank(owner);
        carBook.grantAccess(id, independentWorkshop, uint64(block.timestamp + 7 days));
    }

    function test_gas_submitReadings_ten() public {
        ICarBook.TelematicsReading[] memory batch = new ICarBook.TelematicsReading[](10);
        for (uint256 i; i < 10; ++i) {
            vm.prank(dealer);
            uint256 book = carBook.createCarBook(WMI, keccak256(abi.encode("fleet", i)), buyer, device, "");
            batch[i] = _reading(deviceKey, book, uint64(100 + i), uint64(block.timestamp));
        }
        vm.roll(103);
        assertEq(carBook.submitReadings(batch), 10);
    }
}
