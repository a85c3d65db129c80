// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICarBook} from "../../src/interfaces/ICarBook.sol";
import {IConsortium} from "../../src/interfaces/IConsortium.sol";
import {Roles} from "../../src/Roles.sol";

/// @notice BENCHMARK BASELINE ONLY, never deployed by the product: the paper's design, one contract per car,
/// with the same creation checks, the same per-book state and the same record logic and hash chain as CarBook,
/// so that `npm run bench:gas` compares the cost of a deployment per vehicle with a mint in one registry.
contract PerCarBook {
    struct BookState {
        address deviceKey;
        uint32 mileage;
        uint32 lastReadingAt;
        ICarBook.BookStatus status;
        uint24 recordCount;
    }

    struct BookInfo {
        uint32 manufacturerOrg;
        uint40 createdAt;
        uint32 ownershipEpoch;
        uint16 corrections;
        uint32 wreckInsurerOrg;
    }

    uint64 public constant MAX_MILEAGE_KM = 10_000_000;
    uint256 public constant MAX_PAYLOAD_BYTES = 4096;

    IConsortium public immutable consortium;
    uint256 public immutable tokenId;
    address public owner;
    BookState public state;
    BookInfo public info;
    bytes32 public historyHead;

    event CarBookCreated(
        uint256 indexed tokenId,
        uint32 indexed manufacturerOrg,
        address indexed firstOwner,
        address deviceKey,
        string metadataURI
    );
    event RecordAppended(
        uint256 indexed tokenId,
        uint32 index,
        address indexed writer,
        uint32 indexed writerOrg,
        ICarBook.RecordKind kind,
        uint64 mileage,
        uint64 timestamp,
        bytes32 documentHash,
        bytes payload,
        bytes32 head
    );

    constructor(
        IConsortium consortium_,
        bytes32 vinCommitment,
        address firstOwner,
        address deviceKey,
        string memory metadataURI
    ) {
        (uint32 orgId, IConsortium.OrgKind kind, bytes32 role) = consortium_.membershipOf(msg.sender);
        if (kind != IConsortium.OrgKind.Manufacturer || (role != Roles.DEALER && role != Roles.ORG_ADMIN)) {
            revert ICarBook.CarBookNotManufacturer(msg.sender);
        }
        if (vinCommitment == bytes32(0)) revert ICarBook.CarBookInvalidCommitment();
        if (firstOwner == address(0)) revert ICarBook.CarBookInvalidOwner(firstOwner);
        consortium = consortium_;
        tokenId = uint256(vinCommitment);
        owner = firstOwner;
        state = BookState(deviceKey, 0, 0, ICarBook.BookStatus.Active, 0);
        info = BookInfo(orgId, uint40(block.timestamp), 0, 0, 0);
        emit CarBookCreated(uint256(vinCommitment), orgId, firstOwner, deviceKey, metadataURI);
    }

    function appendRecord(uint64 mileage, ICarBook.RecordKind kind, bytes32 documentHash, bytes calldata payload)
        external
    {
        BookState memory st = state;
        if (st.status != ICarBook.BookStatus.Active) revert ICarBook.CarBookNotActive(tokenId, st.status);
        uint32 writerOrg;
        if (msg.sender != owner) {
            bytes32 role;
            (writerOrg,, role) = consortium.membershipOf(msg.sender);
            if (writerOrg != info.manufacturerOrg || (role != Roles.OFFICIAL_WORKSHOP && role != Roles.DEALER)) {
                revert ICarBook.CarBookNotWriter(tokenId, msg.sender);
            }
        }
        if (payload.length > MAX_PAYLOAD_BYTES) {
            revert ICarBook.CarBookPayloadTooLarge(payload.length, MAX_PAYLOAD_BYTES);
        }
        if (mileage > MAX_MILEAGE_KM) revert ICarBook.CarBookMileageImplausible(mileage, MAX_MILEAGE_KM);
        if (mileage < st.mileage) revert ICarBook.CarBookMileageDecreased(st.mileage, mileage);
        uint32 index = st.recordCount;
        bytes32 head = keccak256(
            abi.encode(
                historyHead,
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
        st.mileage = uint32(mileage);
        st.recordCount = st.recordCount + 1;
        state = st;
        historyHead = head;
        emit RecordAppended(
            tokenId, index, msg.sender, writerOrg, kind, mileage, uint64(block.timestamp), documentHash, payload, head
        );
    }

    function transfer(address to) external {
        if (msg.sender != owner) revert ICarBook.CarBookNotOwner(tokenId, msg.sender);
        owner = to;
        ++info.ownershipEpoch;
    }
}
