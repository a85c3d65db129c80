// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";
import {Base} from "./Base.t.sol";
import {CarBook} from "../src/CarBook.sol";
import {ICarBook} from "../src/interfaces/ICarBook.sol";
import {IConsortium} from "../src/interfaces/IConsortium.sol";
import {GovernedUpgradeable} from "../src/base/GovernedUpgradeable.sol";

/// @notice Issue 14: VIN sharding. A book lives on the shard `tokenId % shardCount`, fixed in each shard's CarBook
/// at deployment and changed only by an executed proposal; a shard refuses another shard's book.
contract CarBookShardsTest is Base {
    /// @dev The first VIN digest (of a made-up series) whose book id falls on `shard` of `count`.
    function _digestOnShard(uint256 shard, uint256 count) internal pure returns (bytes32 digest) {
        for (uint256 i = 0;; ++i) {
            digest = keccak256(abi.encode("shard-test VIN", i));
            if (uint256(keccak256(abi.encodePacked(WMI, digest))) % count == shard) return digest;
        }
    }

    function _create(bytes32 digest) internal returns (uint256 tokenId) {
        vm.prank(dealer);
        tokenId = carBook.createCarBook(WMI, digest, owner, device, "ipfs://model");
    }

    function _deploy(uint32 shardIndex, uint32 shardCount) internal returns (CarBook) {
        return CarBook(
            address(
                new ERC1967Proxy(
                    address(new CarBook()), abi.encodeCall(CarBook.initialize, (consortium, shardIndex, shardCount))
                )
            )
        );
    }

    function test_shards_oneShardAcceptsEveryBook() public {
        (uint256 index, uint256 count) = carBook.shardRule();
        assertEq(index, 0);
        assertEq(count, 1);
        for (uint256 i = 0; i < 8; ++i) {
            bytes32 digest = keccak256(abi.encode("one shard", i));
            assertEq(_create(digest), uint256(keccak256(abi.encodePacked(WMI, digest))));
        }
    }

    function test_shards_wrongShardCreationReverts() public {
        _governCarBook(abi.encodeCall(ICarBook.setShardRule, (1, 2)));
        bytes32 mine = _digestOnShard(1, 2);
        bytes32 other = _digestOnShard(0, 2);
        vm.prank(dealer);
        vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookWrongShard.selector, 0, 1));
        carBook.createCarBook(WMI, other, owner, device, "ipfs://model");
        uint256 tokenId = _create(mine);
        assertEq(tokenId % 2, 1);
        assertEq(carBook.ownerOf(tokenId), owner);
    }

    function test_shards_initializerFixesTheRule() public {
        vm.expectEmit(false, false, false, true);
        emit ICarBook.ShardRuleSet(2, 3);
        CarBook shard = _deploy(2, 3);
        (uint256 index, uint256 count) = shard.shardRule();
        assertEq(index, 2);
        assertEq(count, 3);
    }

    function test_shards_initializerRefusesAnImpossibleRule() public {
        CarBook impl = new CarBook();
        vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookInvalidShardRule.selector, 0, 0));
        new ERC1967Proxy(address(impl), abi.encodeCall(CarBook.initialize, (consortium, 0, 0)));
        vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookInvalidShardRule.selector, 2, 2));
        new ERC1967Proxy(address(impl), abi.encodeCall(CarBook.initialize, (consortium, 2, 2)));
    }

    function test_shards_ruleChangesOnlyByAnExecutedProposal() public {
        address[3] memory callers = [stranger, makerAdmin, dealer];
        for (uint256 i = 0; i < callers.length; ++i) {
            vm.prank(callers[i]);
            vm.expectRevert(
                abi.encodeWithSelector(GovernedUpgradeable.GovernedUpgradeOnlyGovernance.selector, callers[i])
            );
            carBook.setShardRule(1, 2);
        }
        // A proposal that needs a majority: one approval is not enough.
        bytes memory data = abi.encode(
            address(carBook),
            address(uint160(uint256(vm.load(address(carBook), ERC1967_IMPLEMENTATION_SLOT)))),
            abi.encodeCall(ICarBook.setShardRule, (1, 2))
        );
        vm.prank(makerAdmin);
        uint256 id = consortium.propose(IConsortium.ProposalAction.UpgradeContract, data);
        vm.prank(insurerAdmin);
        consortium.approve(id);
        (, uint256 count) = carBook.shardRule();
        assertEq(count, 1, "two of four approvals change nothing");
        vm.expectEmit(address(carBook));
        emit ICarBook.ShardRuleSet(1, 2);
        vm.prank(archiveAdmin);
        consortium.approve(id);
        (uint256 index, uint256 newCount) = carBook.shardRule();
        assertEq(index, 1);
        assertEq(newCount, 2);
        // Even governance cannot set an impossible rule.
        vm.prank(address(consortium));
        vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookInvalidShardRule.selector, 2, 2));
        carBook.setShardRule(2, 2);
    }

    function testFuzz_shards_ruleIsIdModuloCount(bytes32 digest, uint32 count, uint32 index) public {
        vm.assume(digest != bytes32(0));
        count = uint32(bound(count, 1, 64));
        index = uint32(bound(index, 0, count - 1));
        vm.prank(address(consortium));
        carBook.setShardRule(index, count);
        uint256 tokenId = uint256(keccak256(abi.encodePacked(WMI, digest)));
        uint256 shard = tokenId % count;
        vm.prank(dealer);
        if (shard != index) {
            vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookWrongShard.selector, shard, index));
            carBook.createCarBook(WMI, digest, owner, device, "");
        } else {
            assertEq(carBook.createCarBook(WMI, digest, owner, device, ""), tokenId);
        }
    }

    /// @dev With K shards, every book is accepted by exactly one of them.
    function testFuzz_shards_exactlyOneShardAccepts(bytes32 digest, uint8 k) public {
        vm.assume(digest != bytes32(0));
        uint32 count = uint32(bound(k, 1, 5));
        uint256 accepted;
        for (uint32 i = 0; i < count; ++i) {
            CarBook shard = _deploy(i, count);
            vm.prank(dealer);
            try shard.createCarBook(WMI, digest, owner, device, "") {
                ++accepted;
            } catch (bytes memory reason) {
                assertEq(bytes4(reason), ICarBook.CarBookWrongShard.selector);
            }
        }
        assertEq(accepted, 1);
    }

    bytes32 internal constant ERC1967_IMPLEMENTATION_SLOT =
        0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc;
}
