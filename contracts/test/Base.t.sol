// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";
import {Consortium} from "../src/Consortium.sol";
import {CarBook} from "../src/CarBook.sol";
import {IConsortium} from "../src/interfaces/IConsortium.sol";
import {ICarBook} from "../src/interfaces/ICarBook.sol";
import {Roles} from "../src/Roles.sol";

/// @notice One fixture for every suite: a three-member consortium (a maker, an insurer, an archive) behind proxies.
abstract contract Base is Test {
    Consortium internal consortium;
    CarBook internal carBook;

    address internal makerAdmin = makeAddr("makerAdmin");
    address internal insurerAdmin = makeAddr("insurerAdmin");
    address internal archiveAdmin = makeAddr("archiveAdmin");
    address internal dealer = makeAddr("dealer");
    address internal workshop = makeAddr("workshop");
    address internal owner = makeAddr("owner");
    address internal buyer = makeAddr("buyer");
    address internal stranger = makeAddr("stranger");
    address internal device = makeAddr("device");

    uint32 internal constant MAKER = 1;
    uint32 internal constant INSURER = 2;
    uint32 internal constant ARCHIVE = 3;

    bytes32 internal constant VIN_COMMITMENT = keccak256("WVWZZZ1JZXW000001");
    uint256 internal constant TOKEN = uint256(VIN_COMMITMENT);

    function setUp() public virtual {
        IConsortium.Founder[] memory founders = new IConsortium.Founder[](3);
        founders[0] = IConsortium.Founder("Volta Motors", IConsortium.OrgKind.Manufacturer, makerAdmin);
        founders[1] = IConsortium.Founder("Assura", IConsortium.OrgKind.Insurer, insurerAdmin);
        founders[2] = IConsortium.Founder("Archiva", IConsortium.OrgKind.ArchivingService, archiveAdmin);
        consortium = Consortium(
            address(new ERC1967Proxy(address(new Consortium()), abi.encodeCall(Consortium.initialize, (founders))))
        );
        carBook = CarBook(
            address(new ERC1967Proxy(address(new CarBook()), abi.encodeCall(CarBook.initialize, (consortium))))
        );
        vm.startPrank(makerAdmin);
        consortium.setStaff(dealer, Roles.DEALER);
        consortium.setStaff(workshop, Roles.OFFICIAL_WORKSHOP);
        vm.stopPrank();
    }

    function _createBook() internal returns (uint256 tokenId) {
        vm.prank(dealer);
        tokenId = carBook.createCarBook(VIN_COMMITMENT, owner, device, "ipfs://model");
    }

    function _append(address writer, uint256 tokenId, uint64 mileage) internal {
        vm.prank(writer);
        carBook.appendRecord(tokenId, mileage, ICarBook.RecordKind.Service, bytes32(0), hex"c0ffee");
    }
}
