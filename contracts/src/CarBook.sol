// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC721Upgradeable} from "@openzeppelin/contracts-upgradeable/token/ERC721/ERC721Upgradeable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";
import {ICarBook} from "./interfaces/ICarBook.sol";
import {IConsortium} from "./interfaces/IConsortium.sol";
import {Roles} from "./Roles.sol";

/// @title CarBook registry: every vehicle's title and history in one contract behind a UUPS proxy.
/// @dev One registry for all cars instead of the paper's contract per car: creating a book costs a mint,
/// not a deployment. Record bodies are events; storage keeps only what rules need (mileage, status, counts)
/// and the hash-chain head that lets a reader prove an RPC node returned every record.
contract CarBook is ICarBook, ERC721Upgradeable, UUPSUpgradeable {
    /// @notice Largest encrypted payload a record may carry, in bytes.
    uint256 public constant MAX_PAYLOAD_BYTES = 4096;
    /// @notice No road vehicle reaches ten million km; anything above is a typing error or an attack.
    uint64 public constant MAX_MILEAGE_KM = 10_000_000;

    /// @custom:storage-location erc7201:carbook.storage.CarBook
    struct CarBookStorage {
        IConsortium consortium;
        mapping(uint256 tokenId => Book) books;
        mapping(uint256 tokenId => bytes32) heads;
        mapping(uint256 tokenId => address) deviceKeys;
    }

    // keccak256(abi.encode(uint256(keccak256("carbook.storage.CarBook")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant STORAGE_LOCATION = 0x1dd5a9ce7f66bb5e86909f4dbdffef5e068c6f1455208d888a9f7fd8284e3e00;

    function _s() private pure returns (CarBookStorage storage $) {
        assembly {
            $.slot := STORAGE_LOCATION
        }
    }

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    function initialize(IConsortium consortium_) external initializer {
        __ERC721_init("CarBook", "CARBOOK");
        _s().consortium = consortium_;
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc ICarBook
    function consortium() external view returns (address) {
        return address(_s().consortium);
    }

    /// @inheritdoc ICarBook
    function book(uint256 tokenId) external view returns (Book memory) {
        return _s().books[tokenId];
    }

    /// @inheritdoc ICarBook
    function historyHead(uint256 tokenId) external view returns (bytes32) {
        return _s().heads[tokenId];
    }

    /// @notice The telematics device key registered for a book.
    function deviceKey(uint256 tokenId) external view returns (address) {
        return _s().deviceKeys[tokenId];
    }

    /// @inheritdoc ICarBook
    function canWrite(uint256 tokenId, address account) external view returns (bool) {
        Book memory b = _s().books[tokenId];
        if (b.status != BookStatus.Active) return false;
        (bool allowed,) = _writerOrg(tokenId, b, account);
        return allowed;
    }

    // ---------------------------------------------------------------- life-cycle

    /// @inheritdoc ICarBook
    function createCarBook(bytes32 vinCommitment, address firstOwner, address deviceKey_, string calldata metadataURI)
        external
        returns (uint256 tokenId)
    {
        CarBookStorage storage $ = _s();
        (uint32 orgId, IConsortium.OrgKind kind, bytes32 role) = $.consortium.membershipOf(msg.sender);
        if (kind != IConsortium.OrgKind.Manufacturer || (role != Roles.DEALER && role != Roles.ORG_ADMIN)) {
            revert CarBookNotManufacturer(msg.sender);
        }
        if (vinCommitment == bytes32(0)) revert CarBookInvalidCommitment();
        if (firstOwner == address(0)) revert CarBookInvalidOwner(firstOwner);
        tokenId = uint256(vinCommitment);
        if ($.books[tokenId].status != BookStatus.None) revert CarBookAlreadyExists(tokenId);

        $.books[tokenId] = Book({
            mileage: 0,
            recordCount: 0,
            manufacturerOrg: orgId,
            status: BookStatus.Active,
            createdAt: uint40(block.timestamp)
        });
        if (deviceKey_ != address(0)) $.deviceKeys[tokenId] = deviceKey_;
        _mint(firstOwner, tokenId);
        emit CarBookCreated(tokenId, orgId, firstOwner, deviceKey_, metadataURI);
    }

    /// @inheritdoc ICarBook
    function appendRecord(uint256 tokenId, uint64 mileage, RecordKind kind, bytes32 documentHash, bytes calldata payload)
        external
    {
        CarBookStorage storage $ = _s();
        Book memory b = $.books[tokenId];
        if (b.status == BookStatus.None) revert CarBookNotFound(tokenId);
        if (b.status != BookStatus.Active) revert CarBookNotActive(tokenId, b.status);
        (bool allowed, uint32 writerOrg) = _writerOrg(tokenId, b, msg.sender);
        if (!allowed) revert CarBookNotWriter(tokenId, msg.sender);
        // Diagnoses belong to mandated experts and corrections need two signatures: neither is a plain append.
        if (kind == RecordKind.None || kind == RecordKind.ExpertDiagnosis || kind == RecordKind.OdometerCorrection) {
            revert CarBookRecordKindNotAllowed(kind);
        }
        if (payload.length > MAX_PAYLOAD_BYTES) revert CarBookPayloadTooLarge(payload.length, MAX_PAYLOAD_BYTES);
        if (mileage > MAX_MILEAGE_KM) revert CarBookMileageImplausible(mileage, MAX_MILEAGE_KM);
        if (mileage < b.mileage) revert CarBookMileageDecreased(b.mileage, mileage);

        _append(tokenId, b, mileage, kind, documentHash, payload, writerOrg);
    }

    /// @dev The one place a record enters a book: updates hot state, extends the hash chain, emits the body.
    function _append(
        uint256 tokenId,
        Book memory b,
        uint64 mileage,
        RecordKind kind,
        bytes32 documentHash,
        bytes calldata payload,
        uint32 writerOrg
    ) private {
        CarBookStorage storage $ = _s();
        uint32 index = b.recordCount;
        bytes32 head = keccak256(
            abi.encode(
                $.heads[tokenId],
                tokenId,
                index,
                msg.sender,
                writerOrg,
                kind,
                mileage,
                uint64(block.timestamp),
                documentHash,
                keccak256(payload)
            )
        );
        b.mileage = mileage;
        // A book would need 2^32 records to overflow; at one record a second that is 136 years.
        unchecked {
            b.recordCount = index + 1;
        }
        $.books[tokenId] = b;
        $.heads[tokenId] = head;
        emit RecordAppended(
            tokenId, index, msg.sender, writerOrg, kind, mileage, uint64(block.timestamp), documentHash, payload, head
        );
    }

    /// @dev The owner writes as a private person (org 0); the maker's network writes for its organisation.
    function _writerOrg(uint256 tokenId, Book memory b, address account) private view returns (bool, uint32) {
        if (_ownerOf(tokenId) == account) return (true, 0);
        (uint32 orgId, IConsortium.OrgKind kind, bytes32 role) = _s().consortium.membershipOf(account);
        if (kind == IConsortium.OrgKind.Manufacturer && orgId == b.manufacturerOrg && role != bytes32(0)) {
            return (true, orgId);
        }
        return (false, 0);
    }

    /// @dev Title transfers are sales; a destroyed car's title never moves again.
    function _update(address to, uint256 tokenId, address auth) internal override returns (address) {
        if (_s().books[tokenId].status == BookStatus.Destroyed) revert CarBookDestroyed(tokenId);
        return super._update(to, tokenId, auth);
    }

    /// @dev Upgrades execute only from the consortium, i.e. after a strict-majority proposal.
    function _authorizeUpgrade(address) internal view override {
        if (msg.sender != address(_s().consortium)) revert CarBookOnlyGovernance(msg.sender);
    }
}
