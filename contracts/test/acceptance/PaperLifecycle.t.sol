// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Base} from "../Base.t.sol";
import {ICarBook} from "../../src/interfaces/ICarBook.sol";
import {IInsurance} from "../../src/interfaces/IInsurance.sol";
import {IDocumentAnchor} from "../../src/interfaces/IDocumentAnchor.sol";

/// @notice The paper's five life-cycle steps, as stories. Each test is one step from the car's point of view.
contract PaperLifecycleTest is Base {
    uint256 internal car;

    // ------------------------------------------------------------ the story's verbs

    function _dealerSellsNewCarTo(address firstOwner) internal {
        vm.prank(dealer);
        car = carBook.createCarBook(WMI, VIN_COMMITMENT, firstOwner, device, "ipfs://bafy-volta-aero-2019");
    }

    function _carReportsMileage(uint64 km) internal returns (uint256 accepted) {
        vm.prank(telematicsOperator); // the maker's ingestion job relays; anyone could
        accepted = carBook.submitReadings(_batch(_reading(deviceKey, car, km, uint64(block.timestamp))));
    }

    function _monthsPass(uint256 months) internal {
        vm.warp(block.timestamp + months * 30 days);
    }

    function _writes(address writer, uint64 km, ICarBook.RecordKind kind, bytes32 invoice) internal {
        vm.prank(writer);
        carBook.appendRecord(car, km, kind, invoice, hex"5eed");
    }

    // ------------------------------------------------------------ 1. New car

    function test_step1_newCar_makerCreatesBookAndGivesItToTheBuyer() public {
        _dealerSellsNewCarTo(owner);

        assertEq(carBook.ownerOf(car), owner, "the buyer holds the title");
        assertEq(uint8(carBook.book(car).status), uint8(ICarBook.BookStatus.Active));
        assertEq(carBook.book(car).manufacturerOrg, MAKER);
        assertEq(carBook.deviceKey(car), device, "the car's telematics unit is registered");
        // At first only the owner and the maker's network may write.
        assertTrue(carBook.canWrite(car, owner));
        assertTrue(carBook.canWrite(car, workshop));
        assertFalse(carBook.canWrite(car, independentWorkshop));
        assertFalse(carBook.canWrite(car, claimsHandler));
        // The owner may add the insurer.
        _insure(car);
        (bool covered, uint32 insurer) = insurance.activeInsurer(car);
        assertTrue(covered);
        assertEq(insurer, INSURER);
    }

    // ------------------------------------------------------------ 2. Mileage

    function test_step2_mileage_connectedCarReportsReadingsAtAReasonableFrequency() public {
        _dealerSellsNewCarTo(owner);
        assertEq(_carReportsMileage(1_200), 1);
        _monthsPass(1);
        assertEq(_carReportsMileage(2_650), 1);
        assertEq(carBook.book(car).mileage, 2_650);

        // A reading replayed, or sent again too soon, is skipped and changes nothing.
        ICarBook.TelematicsReading memory old = _reading(deviceKey, car, 2_650, uint64(block.timestamp));
        assertEq(carBook.submitReadings(_batch(old)), 0);
        vm.warp(block.timestamp + 10 minutes);
        assertEq(_carReportsMileage(2_660), 0, "faster than the consortium's minimum interval");
        // A tampered or foreign reading is skipped too; the mileage never goes down.
        _monthsPass(1);
        assertEq(_carReportsMileage(900), 0);
        assertEq(carBook.book(car).mileage, 2_650);
    }

    // ------------------------------------------------------------ 3. Service

    function test_step3_service_officialAndIndependentWorkshopsWriteWhileAllowed() public {
        _dealerSellsNewCarTo(owner);
        _writes(workshop, 15_230, ICarBook.RecordKind.Service, sha256("invoice: first service"));

        // Months later, the owner grants an independent workshop one week; it writes a repair.
        vm.warp(block.timestamp + 180 days);
        vm.prank(owner);
        carBook.grantAccess(car, independentWorkshop, uint64(block.timestamp + 7 days));
        _writes(independentWorkshop, 31_870, ICarBook.RecordKind.Repair, sha256("invoice: brake pads"));

        // The archiving service anchors the invoice; anyone can look it up.
        bytes32 invoice = sha256("invoice: brake pads"); // sha256 is a precompile call: hash before vm.prank
        vm.prank(archivist);
        anchors.anchor(invoice);
        IDocumentAnchor.Anchor memory proof = anchors.anchorOf(invoice);
        assertEq(proof.orgId, ARCHIVE);

        // The grant expires: the workshop cannot write any more.
        vm.warp(block.timestamp + 7 days);
        vm.prank(independentWorkshop);
        vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookNotWriter.selector, car, independentWorkshop));
        carBook.appendRecord(car, 32_000, ICarBook.RecordKind.Repair, bytes32(0), "");

        // A replaced instrument cluster: owner and official workshop sign the correction, which stays visible.
        carBook.correctOdometer(_correction(car, 200, ownerKey, workshopKey));
        assertEq(carBook.book(car).mileage, 200);
        assertEq(carBook.book(car).corrections, 1);
        assertEq(carBook.book(car).recordCount, 3);
    }

    // ------------------------------------------------------------ 4. Sale

    function test_step4_sale_ownerProvesHistoryAndTransfersTheBook() public {
        _dealerSellsNewCarTo(owner);
        _writes(workshop, 45_012, ICarBook.RecordKind.Service, bytes32(0));
        vm.prank(owner);
        carBook.grantAccess(car, independentWorkshop, uint64(block.timestamp + 7 days));
        bytes32 provenHead = carBook.historyHead(car);

        vm.prank(owner);
        carBook.transferFrom(owner, buyer, car);

        assertEq(carBook.ownerOf(car), buyer);
        assertEq(carBook.historyHead(car), provenHead, "the history the buyer checked is the one they bought");
        assertEq(carBook.book(car).ownershipEpoch, 1, "second owner");
        assertFalse(carBook.canWrite(car, owner), "the seller lost every right");
        assertFalse(carBook.canWrite(car, independentWorkshop), "the seller's grants died with the sale");
        _writes(buyer, 45_500, ICarBook.RecordKind.OdometerReading, bytes32(0));
    }

    // ------------------------------------------------------------ 5. Accident

    function test_step5_accident_totalLossWreckGoesToInsurerThenRecyclerAndIsDestroyed() public {
        _dealerSellsNewCarTo(owner);
        _writes(owner, 80_000, ICarBook.RecordKind.OdometerReading, bytes32(0));
        _insure(car);

        vm.prank(claimsHandler);
        uint256 claimId = insurance.openClaim(car);
        vm.prank(claimsHandler);
        insurance.mandateExpert(claimId, expert);
        bytes32 report = sha256("expert report");
        vm.prank(expert);
        insurance.submitDiagnosis(claimId, 80_050, IInsurance.Verdict.TotalLoss, report, hex"d1");
        assertEq(uint8(carBook.book(car).status), uint8(ICarBook.BookStatus.Wrecked), "wreck for good");

        // No rolling wreck: it cannot be sold to a private buyer.
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookWreckTransferRefused.selector, car, buyer));
        carBook.transferFrom(owner, buyer, car);

        vm.prank(owner);
        carBook.transferFrom(owner, claimsHandler, car); // redemption by the insurer
        vm.prank(claimsHandler);
        carBook.transferFrom(claimsHandler, dismantler, car); // sold to the recycler
        vm.prank(dismantler);
        carBook.declareDestroyed(car);

        assertEq(uint8(carBook.book(car).status), uint8(ICarBook.BookStatus.Destroyed));
        vm.prank(dismantler);
        vm.expectRevert(abi.encodeWithSelector(ICarBook.CarBookDestroyed.selector, car));
        carBook.transferFrom(dismantler, buyer, car);
        assertEq(_carReportsMileage(80_100), 0, "a destroyed car accepts nothing");
    }

    function test_step5_accident_repairableCarStaysOnTheRoad() public {
        _dealerSellsNewCarTo(owner);
        uint256 claimId = _claimWithExpert(car);
        bytes32 report = sha256("report");
        vm.prank(expert);
        insurance.submitDiagnosis(claimId, 10_000, IInsurance.Verdict.Repairable, report, hex"d2");
        assertEq(uint8(carBook.book(car).status), uint8(ICarBook.BookStatus.Active));
        _writes(workshop, 10_010, ICarBook.RecordKind.Repair, sha256("bodywork invoice"));
        vm.prank(owner);
        carBook.transferFrom(owner, buyer, car);
    }
}
