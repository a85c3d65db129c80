// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {Base} from "../Base.t.sol";
import {CarBook} from "../../src/CarBook.sol";
import {ICarBook} from "../../src/interfaces/ICarBook.sol";

/// @notice Drives random writers, mileages, kinds and sales against a few books.
contract MileageHandler is Test {
    CarBook internal immutable carBook;
    uint256[] public tokens;
    address[] internal actors;
    mapping(uint256 tokenId => uint64) public highestSeen;

    constructor(CarBook carBook_, uint256[] memory tokens_, address[] memory actors_) {
        carBook = carBook_;
        tokens = tokens_;
        actors = actors_;
    }

    /// @dev Only calls that the rules allow are made, so fail_on_revert flags any wrong refusal.
    function appendRecord(uint256 tokenSeed, uint256 actorSeed, uint64 mileage, uint8 kindSeed) external {
        uint256 tokenId = tokens[tokenSeed % tokens.length];
        address writer = actors[actorSeed % actors.length];
        if (!carBook.canWrite(tokenId, writer)) return;
        uint64 last = carBook.book(tokenId).mileage;
        // At most one day's worth of the mileage pace (`carbook.maxKmPerDay`), which is always allowed.
        uint64 step = uint64(carBook.DEFAULT_MAX_KM_PER_DAY());
        mileage = uint64(bound(mileage, last, last + step > carBook.MAX_MILEAGE_KM() ? last : last + step));
        ICarBook.RecordKind[4] memory kinds = [
            ICarBook.RecordKind.OdometerReading,
            ICarBook.RecordKind.Service,
            ICarBook.RecordKind.Repair,
            ICarBook.RecordKind.Note
        ];
        vm.prank(writer);
        carBook.appendRecord(tokenId, mileage, kinds[kindSeed % 4], bytes32(0), "");
        highestSeen[tokenId] = mileage;
    }

    /// @dev A decreasing write must be refused with the exact error; it must never land.
    function tryDecrease(uint256 tokenSeed, uint64 delta) external {
        uint256 tokenId = tokens[tokenSeed % tokens.length];
        uint64 last = carBook.book(tokenId).mileage;
        if (last == 0) return;
        uint64 given = last - uint64(bound(delta, 1, last));
        address currentOwner = carBook.ownerOf(tokenId);
        vm.prank(currentOwner);
        try carBook.appendRecord(tokenId, given, ICarBook.RecordKind.Service, bytes32(0), "") {
            revert("decreasing mileage accepted");
        } catch (bytes memory reason) {
            assertEq(reason, abi.encodeWithSelector(ICarBook.CarBookMileageDecreased.selector, last, given));
        }
    }

    function sell(uint256 tokenSeed, uint256 actorSeed) external {
        uint256 tokenId = tokens[tokenSeed % tokens.length];
        address from = carBook.ownerOf(tokenId);
        address to = actors[actorSeed % actors.length];
        if (to == from) return;
        vm.prank(from);
        carBook.transferFrom(from, to, tokenId);
    }

    function tokenCount() external view returns (uint256) {
        return tokens.length;
    }
}

contract MileageInvariantTest is Base {
    MileageHandler internal handler;

    function setUp() public override {
        super.setUp();
        uint256[] memory tokens = new uint256[](3);
        for (uint256 i; i < tokens.length; ++i) {
            vm.prank(dealer);
            tokens[i] = carBook.createCarBook(WMI, keccak256(abi.encode("vin", i)), owner, device, "");
        }
        address[] memory actors = new address[](5);
        actors[0] = owner;
        actors[1] = buyer;
        actors[2] = workshop;
        actors[3] = stranger;
        actors[4] = dealer;
        handler = new MileageHandler(carBook, tokens, actors);
        targetContract(address(handler));
    }

    /// @notice The stored mileage equals the highest mileage ever accepted: it never went down.
    function invariant_mileageNeverDecreases() public view {
        for (uint256 i; i < handler.tokenCount(); ++i) {
            uint256 tokenId = handler.tokens(i);
            assertEq(carBook.book(tokenId).mileage, handler.highestSeen(tokenId));
        }
    }
}
