// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";
import {Consortium} from "../src/Consortium.sol";
import {CarBook} from "../src/CarBook.sol";
import {Insurance} from "../src/Insurance.sol";
import {DocumentAnchor} from "../src/DocumentAnchor.sol";
import {IConsortium} from "../src/interfaces/IConsortium.sol";
import {ICarBook} from "../src/interfaces/ICarBook.sol";
import {IInsurance} from "../src/interfaces/IInsurance.sol";
import {Roles} from "../src/Roles.sol";
import {Parameters} from "../src/Parameters.sol";

/// @notice One fixture for every suite: a four-member consortium (a maker, an insurer, an archive, a recycler)
/// with staff, and every registry behind its UUPS proxy, the insurance registry trusted by a vote.
abstract contract Base is Test {
    Consortium internal consortium;
    CarBook internal carBook;
    Insurance internal insurance;
    DocumentAnchor internal anchors;

    address internal makerAdmin = makeAddr("makerAdmin");
    address internal insurerAdmin = makeAddr("insurerAdmin");
    address internal archiveAdmin = makeAddr("archiveAdmin");
    address internal recyclerAdmin = makeAddr("recyclerAdmin");
    address internal dealer = makeAddr("dealer");
    address internal telematicsOperator = makeAddr("telematicsOperator");
    address internal claimsHandler = makeAddr("claimsHandler");
    address internal archivist = makeAddr("archivist");
    address internal dismantler = makeAddr("dismantler");
    address internal buyer = makeAddr("buyer");
    address internal stranger = makeAddr("stranger");
    address internal independentWorkshop = makeAddr("independentWorkshop");
    address internal expert = makeAddr("expert");
    address internal owner;
    uint256 internal ownerKey;
    address internal workshop;
    uint256 internal workshopKey;
    address internal device;
    uint256 internal deviceKey;

    uint32 internal constant MAKER = 1;
    uint32 internal constant INSURER = 2;
    uint32 internal constant ARCHIVE = 3;
    uint32 internal constant RECYCLER = 4;

    /// @dev The maker's world manufacturer identifier (assigned to MAKER at founding) and the VIN digest of its car.
    bytes3 internal constant WMI = "WVW";
    bytes32 internal constant VIN_COMMITMENT = keccak256("WVWZZZ1JZXW000001");
    uint256 internal constant TOKEN = uint256(keccak256(abi.encodePacked(WMI, VIN_COMMITMENT)));
    /// @dev A realistic start time, so that "an hour ago" is a valid timestamp.
    uint256 internal constant START = 1_750_000_000;

    function setUp() public virtual {
        vm.warp(START);
        (owner, ownerKey) = makeAddrAndKey("owner");
        (workshop, workshopKey) = makeAddrAndKey("workshop");
        (device, deviceKey) = makeAddrAndKey("device");

        IConsortium.Founder[] memory founders = new IConsortium.Founder[](4);
        founders[0] = IConsortium.Founder("Volta Motors", IConsortium.OrgKind.Manufacturer, makerAdmin);
        founders[1] = IConsortium.Founder("Assura", IConsortium.OrgKind.Insurer, insurerAdmin);
        founders[2] = IConsortium.Founder("Archiva", IConsortium.OrgKind.ArchivingService, archiveAdmin);
        founders[3] = IConsortium.Founder("Recyclo", IConsortium.OrgKind.Recycler, recyclerAdmin);
        IConsortium.ParameterValue[] memory params = new IConsortium.ParameterValue[](5);
        params[0] = IConsortium.ParameterValue(Parameters.VIN_SALT, uint256(keccak256("test salt")));
        params[1] = IConsortium.ParameterValue(Parameters.VIN_SCRYPT_N, 2 ** 15);
        params[2] = IConsortium.ParameterValue(Parameters.VIN_SCRYPT_R, 8);
        params[3] = IConsortium.ParameterValue(Parameters.VIN_SCRYPT_P, 1);
        params[4] = IConsortium.ParameterValue(Parameters.wmiHolderKey(WMI), MAKER);
        consortium = Consortium(
            address(
                new ERC1967Proxy(address(new Consortium()), abi.encodeCall(Consortium.initialize, (founders, params)))
            )
        );
        carBook = CarBook(
            address(new ERC1967Proxy(address(new CarBook()), abi.encodeCall(CarBook.initialize, (consortium, 0, 1))))
        );
        insurance = Insurance(
            address(
                new ERC1967Proxy(address(new Insurance()), abi.encodeCall(Insurance.initialize, (consortium, carBook)))
            )
        );
        anchors = DocumentAnchor(
            address(
                new ERC1967Proxy(address(new DocumentAnchor()), abi.encodeCall(DocumentAnchor.initialize, (consortium)))
            )
        );
        _pass(IConsortium.ProposalAction.SetParameter, abi.encode(Parameters.INSURANCE_REGISTRY, address(insurance)));

        vm.startPrank(makerAdmin);
        consortium.setStaff(dealer, Roles.DEALER);
        consortium.setStaff(workshop, Roles.OFFICIAL_WORKSHOP);
        consortium.setStaff(telematicsOperator, Roles.TELEMATICS_OPERATOR);
        vm.stopPrank();
        vm.prank(insurerAdmin);
        consortium.setStaff(claimsHandler, Roles.CLAIMS_HANDLER);
        vm.prank(archiveAdmin);
        consortium.setStaff(archivist, Roles.ARCHIVIST);
        vm.prank(recyclerAdmin);
        consortium.setStaff(dismantler, Roles.DISMANTLER);
    }

    /// @dev A proposal carried by three of the four founders (a strict majority).
    function _pass(IConsortium.ProposalAction action, bytes memory data) internal returns (uint256 id) {
        vm.prank(makerAdmin);
        id = consortium.propose(action, data);
        vm.prank(insurerAdmin);
        consortium.approve(id);
        vm.prank(archiveAdmin);
        consortium.approve(id);
        assertTrue(consortium.proposal(id).executed);
    }

    /// @dev Runs `callData` on CarBook as governance: an `UpgradeContract` proposal to the current implementation.
    function _governCarBook(bytes memory callData) internal {
        address implementation = address(
            uint160(
                uint256(vm.load(address(carBook), 0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc))
            )
        );
        _pass(IConsortium.ProposalAction.UpgradeContract, abi.encode(address(carBook), implementation, callData));
    }

    function _createBook() internal returns (uint256 tokenId) {
        vm.prank(dealer);
        tokenId = carBook.createCarBook(WMI, VIN_COMMITMENT, owner, device, "ipfs://model");
    }

    function _append(address writer, uint256 tokenId, uint64 mileage) internal {
        vm.prank(writer);
        carBook.appendRecord(tokenId, mileage, ICarBook.RecordKind.Service, bytes32(0), hex"c0ffee");
    }

    function _reading(uint256 key, uint256 tokenId, uint64 mileage, uint64 timestamp)
        internal
        view
        returns (ICarBook.TelematicsReading memory reading)
    {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, carBook.readingDigest(tokenId, mileage, timestamp));
        // EIP-2098 compact form: the parity bit rides in the top bit of s.
        bytes32 vs = bytes32(uint256(s) | (uint256(v - 27) << 255));
        reading = ICarBook.TelematicsReading(tokenId, mileage, timestamp, r, vs);
    }

    function _batch(ICarBook.TelematicsReading memory reading)
        internal
        pure
        returns (ICarBook.TelematicsReading[] memory batch)
    {
        batch = new ICarBook.TelematicsReading[](1);
        batch[0] = reading;
    }

    /// @dev One step of the readings' chain since the reading-chain upgrade (`TelematicsReadingAppended`): the
    /// keccak of the previous head and the reading, its low 64 bits cleared.
    function _readingStep(bytes32 previous, uint256 tokenId, uint64 mileage, uint64 timestamp)
        internal
        pure
        returns (bytes32)
    {
        return keccak256(abi.encode(previous, tokenId, mileage, timestamp)) & ~bytes32(uint256(type(uint64).max));
    }

    function _sign(uint256 key, bytes32 digest) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        return abi.encodePacked(r, s, v);
    }

    function _correction(uint256 tokenId, uint64 corrected, uint256 signerOwnerKey, uint256 signerWorkshopKey)
        internal
        view
        returns (ICarBook.OdometerCorrection memory c)
    {
        bytes memory payload = hex"0bad";
        bytes32 digest = carBook.correctionDigest(tokenId, corrected, keccak256("cluster invoice"), payload);
        c = ICarBook.OdometerCorrection({
            tokenId: tokenId,
            correctedMileage: corrected,
            documentHash: keccak256("cluster invoice"),
            payload: payload,
            workshop: vm.addr(signerWorkshopKey),
            ownerSignature: _sign(signerOwnerKey, digest),
            workshopSignature: _sign(signerWorkshopKey, digest)
        });
    }

    /// @dev Owner asks Assura for cover, a claims handler accepts; returns nothing.
    function _insure(uint256 tokenId) internal {
        address holder = carBook.ownerOf(tokenId);
        vm.prank(holder);
        insurance.requestCover(tokenId, INSURER);
        vm.prank(claimsHandler);
        insurance.acceptCover(tokenId);
    }

    /// @dev Cover, claim, mandated expert: returns the claim id, ready for a diagnosis.
    function _claimWithExpert(uint256 tokenId) internal returns (uint256 claimId) {
        _insure(tokenId);
        vm.prank(claimsHandler);
        claimId = insurance.openClaim(tokenId);
        vm.prank(claimsHandler);
        insurance.mandateExpert(claimId, expert);
    }

    /// @dev The whole accident path to a total loss: the book ends WRECKED, still owned by the owner.
    function _wreck(uint256 tokenId) internal returns (uint256 claimId) {
        claimId = _claimWithExpert(tokenId);
        uint64 mileage = carBook.book(tokenId).mileage;
        vm.prank(expert);
        insurance.submitDiagnosis(claimId, mileage, IInsurance.Verdict.TotalLoss, keccak256("report"), hex"aa");
    }
}
