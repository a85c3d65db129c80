// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Base} from "./Base.t.sol";
import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {CarBook} from "../src/CarBook.sol";
import {Insurance} from "../src/Insurance.sol";
import {DocumentAnchor} from "../src/DocumentAnchor.sol";
import {Consortium} from "../src/Consortium.sol";
import {IConsortium} from "../src/interfaces/IConsortium.sol";

/// @notice Proxies initialise once; implementations never (their constructors disable initializers).
contract InitializeTest is Base {
    function test_initialize_wiresTheConsortium() public view {
        assertEq(carBook.consortium(), address(consortium));
        assertEq(anchors.consortium(), address(consortium));
        assertEq(insurance.consortium(), address(consortium));
        assertEq(carBook.name(), "CarBook");
        assertEq(carBook.symbol(), "CARBOOK");
    }

    function test_initialize_proxiesOnlyOnce() public {
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        carBook.initialize(IConsortium(stranger), 0, 1);
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        insurance.initialize(IConsortium(stranger), CarBook(stranger));
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        anchors.initialize(IConsortium(stranger));
    }

    function test_initialize_implementationsNever() public {
        CarBook carBookImpl = new CarBook();
        Insurance insuranceImpl = new Insurance();
        DocumentAnchor anchorsImpl = new DocumentAnchor();
        Consortium consortiumImpl = new Consortium();
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        carBookImpl.initialize(consortium, 0, 1);
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        insuranceImpl.initialize(consortium, carBook);
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        anchorsImpl.initialize(consortium);
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        consortiumImpl.initialize(new IConsortium.Founder[](0), new IConsortium.ParameterValue[](0));
    }
}
