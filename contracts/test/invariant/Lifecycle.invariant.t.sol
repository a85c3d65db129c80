// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {Base} from "../Base.t.sol";
import {CarBook} from "../../src/CarBook.sol";
import {Insurance} from "../../src/Insurance.sol";
import {ICarBook} from "../../src/interfaces/ICarBook.sol";
import {IInsurance} from "../../src/interfaces/IInsurance.sol";

/// @notice Drives the whole life-cycle of a few books with random actors. It keeps its own model of who holds a
/// write right (owner, maker network, unexpired grant of the current owner) instead of asking `canWrite`, so a
/// contract that let anyone else write would be caught. Refusals are expected with their exact error; with
/// fail_on_revert, any other revert fails the run.
contract LifecycleHandler is Test {
    CarBook internal immutable carBook;
    Insurance internal immutable insurance;
    address internal immutable workshop;
    uint256 internal immutable workshopKey;
    address internal immutable independentWorkshop;
    address internal immutable claimsHandler;
    address internal immutable dismantler;
    address internal immutable expert;
    address internal immutable dealer;
    uint256 internal immutable deviceKey;

    uint256[] public tokens;
    address[] internal people;
    mapping(address => uint256) internal keyOf;
    address[] internal writers;

    // The model.
    mapping(uint256 tokenId => uint64) public grantExpiry;
    mapping(uint256 tokenId => uint32) public grantEpoch;
    mapping(uint256 tokenId => uint64) public lastMileage;
    mapping(uint256 tokenId => uint16) public lastCorrections;
    mapping(uint256 tokenId => uint32) public modelRecords;
    mapping(uint256 tokenId => bool) public everWrecked;
    mapping(uint256 tokenId => bool) public destroyed;
    mapping(uint256 tokenId => bytes32) public destroyedSnapshot;

    // Violations seen by the handler; the invariants require them all false.
    bool public unmarkedDecrease;
    bool public unauthorizedWrite;
    bool public expiredGrantWrote;
    bool public wreckRevived;
    bool public destroyedChanged;

    uint256 public calls;

    constructor(
        CarBook carBook_,
        Insurance insurance_,
        uint256[] memory tokens_,
        address[] memory people_,
        uint256[] memory keys_,
        address[6] memory staff, // workshop, independentWorkshop, claimsHandler, dismantler, expert, dealer
        uint256 workshopKey_,
        uint256 deviceKey_
    ) {
        carBook = carBook_;
        insurance = insurance_;
        tokens = tokens_;
        people = people_;
        for (uint256 i; i < people_.length; ++i) {
            keyOf[people_[i]] = keys_[i];
        }
        workshop = staff[0];
        independentWorkshop = staff[1];
        claimsHandler = staff[2];
        dismantler = staff[3];
        expert = staff[4];
        dealer = staff[5];
        workshopKey = workshopKey_;
        deviceKey = deviceKey_;
        writers = people_;
        writers.push(staff[0]);
        writers.push(staff[1]);
        writers.push(staff[2]);
        writers.push(staff[4]);
        writers.push(staff[5]);
        writers.push(address(0xBEEF));
    }

    // ------------------------------------------------------------ model

    function _status(uint256 tokenId) internal view returns (ICarBook.BookStatus) {
        return carBook.book(tokenId).status;
    }

    function _modelMayWrite(uint256 tokenId, address account) internal view returns (bool) {
        if (_status(tokenId) != ICarBook.BookStatus.Active) return false;
        if (carBook.ownerOf(tokenId) == account) return true;
        if (account == workshop || account == dealer) return true; // the maker's network
        return account == independentWorkshop && block.timestamp < grantExpiry[tokenId]
            && grantEpoch[tokenId] == carBook.book(tokenId).ownershipEpoch;
    }

    /// @dev After every action: compare each book with the model and remember any violation.
    function _observe() internal {
        ++calls;
        for (uint256 i; i < tokens.length; ++i) {
            uint256 tokenId = tokens[i];
            ICarBook.Book memory b = carBook.book(tokenId);
            if (b.mileage < lastMileage[tokenId] && b.corrections == lastCorrections[tokenId]) unmarkedDecrease = true;
            lastMileage[tokenId] = b.mileage;
            lastCorrections[tokenId] = b.corrections;
            if (b.recordCount != modelRecords[tokenId]) unauthorizedWrite = true;
            if (b.status == ICarBook.BookStatus.Wrecked) everWrecked[tokenId] = true;
            if (everWrecked[tokenId] && b.status == ICarBook.BookStatus.Active) wreckRevived = true;
            if (destroyed[tokenId] && destroyedSnapshot[tokenId] != _snapshot(tokenId)) destroyedChanged = true;
        }
    }

    function _snapshot(uint256 tokenId) internal view returns (bytes32) {
        return keccak256(
            abi.encode(
                carBook.book(tokenId),
                carBook.historyHead(tokenId),
                carBook.ownerOf(tokenId),
                carBook.deviceKey(tokenId)
            )
        );
    }

    function _token(uint256 seed) internal view returns (uint256) {
        return tokens[seed % tokens.length];
    }

    // ------------------------------------------------------------ actions

    /// @notice Anyone tries to append; the model says whether it must land or be refused.
    function appendRecord(uint256 tokenSeed, uint256 writerSeed, uint64 delta, uint8 kindSeed) external {
        uint256 tokenId = _token(tokenSeed);
        address writer = writers[writerSeed % writers.length];
        // At most one day's worth of the mileage pace (`carbook.maxKmPerDay`), which is always allowed.
        uint64 mileage = uint64(bound(delta, 0, carBook.DEFAULT_MAX_KM_PER_DAY())) + carBook.book(tokenId).mileage;
        ICarBook.RecordKind[5] memory kinds = [
            ICarBook.RecordKind.OdometerReading,
            ICarBook.RecordKind.Service,
            ICarBook.RecordKind.Repair,
            ICarBook.RecordKind.Inspection,
            ICarBook.RecordKind.Note
        ];
        bool allowed = _modelMayWrite(tokenId, writer);
        vm.prank(writer);
        try carBook.appendRecord(tokenId, mileage, kinds[kindSeed % 5], bytes32(0), hex"00") {
            if (!allowed) {
                unauthorizedWrite = true;
                if (writer == independentWorkshop) expiredGrantWrote = true;
            }
            ++modelRecords[tokenId];
        } catch (bytes memory reason) {
            assertFalse(allowed, "an allowed write was refused");
            ICarBook.BookStatus status = _status(tokenId);
            bytes memory expected = status == ICarBook.BookStatus.Active
                ? abi.encodeWithSelector(ICarBook.CarBookNotWriter.selector, tokenId, writer)
                : abi.encodeWithSelector(ICarBook.CarBookNotActive.selector, tokenId, status);
            assertEq(reason, expected);
        }
        _observe();
    }

    /// @notice The owner tries a lower mileage through a plain record: always refused with the exact error.
    function tryDecrease(uint256 tokenSeed, uint64 delta) external {
        uint256 tokenId = _token(tokenSeed);
        ICarBook.Book memory b = carBook.book(tokenId);
        if (b.mileage == 0 || b.status != ICarBook.BookStatus.Active) return;
        uint64 given = b.mileage - uint64(bound(delta, 1, b.mileage));
        vm.prank(carBook.ownerOf(tokenId));
        try carBook.appendRecord(tokenId, given, ICarBook.RecordKind.Service, bytes32(0), "") {
            unmarkedDecrease = true;
        } catch (bytes memory reason) {
            assertEq(reason, abi.encodeWithSelector(ICarBook.CarBookMileageDecreased.selector, b.mileage, given));
        }
        _observe();
    }

    /// @notice Owner and official workshop sign a lower value: accepted, with the marker.
    function correct(uint256 tokenSeed, uint64 lowerBy) external {
        uint256 tokenId = _token(tokenSeed);
        ICarBook.Book memory b = carBook.book(tokenId);
        if (b.mileage == 0 || b.status != ICarBook.BookStatus.Active) return;
        address holder = carBook.ownerOf(tokenId);
        if (keyOf[holder] == 0) return;
        uint64 corrected = b.mileage - uint64(bound(lowerBy, 1, b.mileage));
        bytes32 digest = carBook.correctionDigest(tokenId, corrected, bytes32(0), "");
        ICarBook.OdometerCorrection memory c = ICarBook.OdometerCorrection({
            tokenId: tokenId,
            correctedMileage: corrected,
            documentHash: bytes32(0),
            payload: "",
            workshop: workshop,
            ownerSignature: _sign(keyOf[holder], digest),
            workshopSignature: _sign(workshopKey, digest)
        });
        carBook.correctOdometer(c);
        ++modelRecords[tokenId];
        assertEq(carBook.book(tokenId).corrections, b.corrections + 1);
        _observe();
    }

    function grant(uint256 tokenSeed, uint64 duration) external {
        uint256 tokenId = _token(tokenSeed);
        if (_status(tokenId) != ICarBook.BookStatus.Active) return;
        uint64 expiresAt = uint64(block.timestamp + bound(duration, 1, 30 days));
        vm.prank(carBook.ownerOf(tokenId));
        carBook.grantAccess(tokenId, independentWorkshop, expiresAt);
        grantExpiry[tokenId] = expiresAt;
        grantEpoch[tokenId] = carBook.book(tokenId).ownershipEpoch;
        _observe();
    }

    function revoke(uint256 tokenSeed) external {
        uint256 tokenId = _token(tokenSeed);
        (, bool valid) = carBook.grantOf(tokenId, independentWorkshop);
        if (!valid) return;
        vm.prank(carBook.ownerOf(tokenId));
        carBook.revokeAccess(tokenId, independentWorkshop);
        grantExpiry[tokenId] = 0;
        _observe();
    }

    /// @notice The granted workshop writes whenever it likes, in particular after expiry or revocation.
    function workshopWrites(uint256 tokenSeed) external {
        uint256 tokenId = _token(tokenSeed);
        bool allowed = _modelMayWrite(tokenId, independentWorkshop);
        uint64 mileage = carBook.book(tokenId).mileage;
        vm.prank(independentWorkshop);
        try carBook.appendRecord(tokenId, mileage, ICarBook.RecordKind.Repair, bytes32(0), "") {
            if (!allowed) expiredGrantWrote = true;
            ++modelRecords[tokenId];
        } catch {
            assertFalse(allowed, "a valid grant was refused");
        }
        _observe();
    }

    function warp(uint256 secondsAhead) external {
        vm.warp(block.timestamp + bound(secondsAhead, 1, 10 days));
        vm.roll(block.number + 1 + (secondsAhead % 3)); // new blocks, so that the block indexes grow
        _observe();
    }

    /// @notice A sale between two private people (only an active car is sold privately).
    function sell(uint256 tokenSeed, uint256 buyerSeed) external {
        uint256 tokenId = _token(tokenSeed);
        if (_status(tokenId) != ICarBook.BookStatus.Active) return;
        address from = carBook.ownerOf(tokenId);
        address to = people[buyerSeed % people.length];
        if (to == from || keyOf[from] == 0) return;
        vm.prank(from);
        carBook.transferFrom(from, to, tokenId);
        _observe();
    }

    /// @notice Telematics: one device-signed reading at the current time, relayed by anyone.
    function reading(uint256 tokenSeed, uint64 delta) external {
        uint256 tokenId = _token(tokenSeed);
        uint64 mileage = carBook.book(tokenId).mileage + uint64(bound(delta, 0, 5_000));
        ICarBook.TelematicsReading[] memory batch = new ICarBook.TelematicsReading[](1);
        (uint8 v, bytes32 r, bytes32 s) =
            vm.sign(deviceKey, carBook.readingDigest(tokenId, mileage, uint64(block.timestamp)));
        batch[0] = ICarBook.TelematicsReading(
            tokenId, mileage, uint64(block.timestamp), r, bytes32(uint256(s) | (uint256(v - 27) << 255))
        );
        carBook.submitReadings(batch);
        _observe();
    }

    /// @notice The accident path to a total loss (cover asked and accepted on the way when needed).
    function wreck(uint256 tokenSeed) external {
        uint256 tokenId = _token(tokenSeed);
        if (_status(tokenId) != ICarBook.BookStatus.Active) return;
        address holder = carBook.ownerOf(tokenId);
        (bool covered,) = insurance.activeInsurer(tokenId);
        if (!covered) {
            if (keyOf[holder] == 0) return;
            vm.prank(holder);
            insurance.requestCover(tokenId, 2);
            vm.prank(claimsHandler);
            insurance.acceptCover(tokenId);
        }
        vm.prank(claimsHandler);
        uint256 claimId = insurance.openClaim(tokenId);
        vm.prank(claimsHandler);
        insurance.mandateExpert(claimId, expert);
        uint64 mileage = carBook.book(tokenId).mileage;
        vm.prank(expert);
        insurance.submitDiagnosis(claimId, mileage, IInsurance.Verdict.TotalLoss, bytes32(0), "");
        ++modelRecords[tokenId];
        _observe();
    }

    /// @notice A wreck's holder tries to hand it on: to the insurer or a recycler it moves, to anyone else never.
    function handOver(uint256 tokenSeed, uint256 toSeed) external {
        uint256 tokenId = _token(tokenSeed);
        if (_status(tokenId) != ICarBook.BookStatus.Wrecked) return;
        address from = carBook.ownerOf(tokenId);
        address[3] memory candidates = [claimsHandler, dismantler, people[toSeed % people.length]];
        address to = candidates[toSeed % 3];
        if (to == from) return;
        vm.prank(from);
        if (to == claimsHandler || to == dismantler) {
            carBook.transferFrom(from, to, tokenId);
        } else {
            try carBook.transferFrom(from, to, tokenId) {
                wreckRevived = true;
            } catch (bytes memory reason) {
                assertEq(reason, abi.encodeWithSelector(ICarBook.CarBookWreckTransferRefused.selector, tokenId, to));
            }
        }
        _observe();
    }

    function destroy(uint256 tokenSeed) external {
        uint256 tokenId = _token(tokenSeed);
        if (destroyed[tokenId] || carBook.ownerOf(tokenId) != dismantler) return;
        vm.prank(dismantler);
        carBook.declareDestroyed(tokenId);
        destroyed[tokenId] = true;
        destroyedSnapshot[tokenId] = _snapshot(tokenId);
        _observe();
    }

    /// @notice Everyone tries to move a destroyed car's title: always refused.
    function moveDestroyed(uint256 tokenSeed) external {
        uint256 tokenId = _token(tokenSeed);
        if (!destroyed[tokenId]) return;
        vm.prank(dismantler);
        try carBook.transferFrom(dismantler, claimsHandler, tokenId) {
            destroyedChanged = true;
        } catch (bytes memory reason) {
            assertEq(reason, abi.encodeWithSelector(ICarBook.CarBookDestroyed.selector, tokenId));
        }
        _observe();
    }

    function _sign(uint256 key, bytes32 digest) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        return abi.encodePacked(r, s, v);
    }

    function tokenCount() external view returns (uint256) {
        return tokens.length;
    }
}

contract LifecycleInvariantTest is Base {
    LifecycleHandler internal handler;

    function setUp() public override {
        super.setUp();
        (address buyer2, uint256 buyerKey) = makeAddrAndKey("buyer2");
        uint256[] memory tokens = new uint256[](3);
        for (uint256 i; i < tokens.length; ++i) {
            vm.prank(dealer);
            tokens[i] = carBook.createCarBook(WMI, keccak256(abi.encode("vin", i)), owner, device, "");
        }
        address[] memory people = new address[](2);
        people[0] = owner;
        people[1] = buyer2;
        uint256[] memory keys = new uint256[](2);
        keys[0] = ownerKey;
        keys[1] = buyerKey;
        handler = new LifecycleHandler(
            carBook,
            insurance,
            tokens,
            people,
            keys,
            [workshop, independentWorkshop, claimsHandler, dismantler, expert, dealer],
            workshopKey,
            deviceKey
        );
        targetContract(address(handler));
    }

    /// @notice Mileage never decreases, except through a correction that leaves its public marker.
    function invariant_mileageNeverDecreasesExceptMarkedCorrection() public view {
        assertFalse(handler.unmarkedDecrease());
        for (uint256 i; i < handler.tokenCount(); ++i) {
            uint256 tokenId = handler.tokens(i);
            assertEq(carBook.book(tokenId).mileage, handler.lastMileage(tokenId));
        }
    }

    /// @notice A WRECKED book never becomes active again, and never reaches anyone but its insurer or a recycler.
    function invariant_wreckedNeverActive() public view {
        assertFalse(handler.wreckRevived());
        for (uint256 i; i < handler.tokenCount(); ++i) {
            uint256 tokenId = handler.tokens(i);
            if (handler.everWrecked(tokenId)) {
                assertTrue(carBook.book(tokenId).status != ICarBook.BookStatus.Active);
            }
        }
    }

    /// @notice A DESTROYED book never changes: state, chain head, owner, device key.
    function invariant_destroyedNeverChanges() public view {
        assertFalse(handler.destroyedChanged());
    }

    /// @notice Nobody without a current right ever appended a record: every record is one the model allowed.
    function invariant_nobodyWithoutRightAppends() public view {
        assertFalse(handler.unauthorizedWrite());
        for (uint256 i; i < handler.tokenCount(); ++i) {
            uint256 tokenId = handler.tokens(i);
            assertEq(carBook.book(tokenId).recordCount, handler.modelRecords(tokenId));
        }
    }

    /// @notice An expired (or revoked, or previous owner's) grant never wrote.
    function invariant_expiredGrantNeverWrites() public view {
        assertFalse(handler.expiredGrantWrote());
    }

    /// @notice Owners' lists match ownership after any sequence of sales, hand-overs and wrecks: every book is
    /// listed by its holder exactly once, and every holder's list has `balanceOf` entries it holds.
    function invariant_ownerListsMatchOwnership() public view {
        address[4] memory holders = [owner, vm.addr(uint256(keccak256("buyer2"))), claimsHandler, dismantler];
        uint256 listed;
        for (uint256 h; h < holders.length; ++h) {
            (uint256[] memory ids, uint256 total) = carBook.booksOf(holders[h], 0, 100);
            assertEq(total, carBook.balanceOf(holders[h]));
            for (uint256 i; i < ids.length; ++i) {
                assertEq(carBook.ownerOf(ids[i]), holders[h]);
                for (uint256 j; j < i; ++j) {
                    assertTrue(ids[j] != ids[i], "listed once");
                }
            }
            listed += total;
        }
        assertEq(listed, handler.tokenCount());
    }

    /// @notice Every book's block list is strictly increasing and ends at or before the current block.
    function invariant_bookEventBlocksIncreasing() public view {
        for (uint256 t; t < handler.tokenCount(); ++t) {
            (uint256[] memory blocks, uint256 total) = carBook.bookEventBlocks(handler.tokens(t), 0, 1_000);
            assertEq(blocks.length, total);
            assertGe(total, 1, "the creation block");
            for (uint256 i = 1; i < blocks.length; ++i) {
                assertGt(blocks[i], blocks[i - 1]);
            }
            assertLe(blocks[blocks.length - 1], block.number);
        }
    }
}
