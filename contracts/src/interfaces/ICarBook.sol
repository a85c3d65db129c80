// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title CarBook: one ERC-721 title per vehicle, with an append-only, hash-chained history.
/// @notice tokenId = uint256(vinCommitment). Record bodies live in events; each book stores the head of a
/// hash chain over its records so a client can prove that the history an RPC node returned is complete.
interface ICarBook {
    enum BookStatus {
        None,
        Active,
        Wrecked,
        Destroyed
    }

    enum RecordKind {
        None,
        OdometerReading,
        Service,
        Repair,
        Inspection,
        ExpertDiagnosis,
        OdometerCorrection,
        Note
    }

    /// @notice Hot per-book state, packed in one slot (the hash-chain head takes a second).
    struct Book {
        uint64 mileage;
        uint32 recordCount;
        uint32 manufacturerOrg;
        BookStatus status;
        uint40 createdAt;
    }

    error CarBookNotManufacturer(address account);
    error CarBookAlreadyExists(uint256 tokenId);
    error CarBookInvalidCommitment();
    error CarBookInvalidOwner(address owner);
    error CarBookNotFound(uint256 tokenId);
    error CarBookNotWriter(uint256 tokenId, address account);
    error CarBookMileageDecreased(uint64 last, uint64 given);
    error CarBookMileageImplausible(uint64 given, uint64 max);
    error CarBookRecordKindNotAllowed(RecordKind kind);
    error CarBookPayloadTooLarge(uint256 size, uint256 max);
    error CarBookNotActive(uint256 tokenId, BookStatus status);
    error CarBookDestroyed(uint256 tokenId);
    error CarBookOnlyGovernance(address caller);

    event CarBookCreated(
        uint256 indexed tokenId,
        uint32 indexed manufacturerOrg,
        address indexed firstOwner,
        address deviceKey,
        string metadataURI
    );

    /// @notice One record of a book's history; `head` is the book's hash-chain head after this record.
    event RecordAppended(
        uint256 indexed tokenId,
        uint32 index,
        address indexed writer,
        uint32 indexed writerOrg,
        RecordKind kind,
        uint64 mileage,
        uint64 timestamp,
        bytes32 documentHash,
        bytes payload,
        bytes32 head
    );

    /// @notice A manufacturer's staff creates the car book at first sale and gives the title to the first owner.
    function createCarBook(bytes32 vinCommitment, address firstOwner, address deviceKey, string calldata metadataURI)
        external
        returns (uint256 tokenId);

    /// @notice Appends a record; mileage in km never decreases.
    function appendRecord(
        uint256 tokenId,
        uint64 mileage,
        RecordKind kind,
        bytes32 documentHash,
        bytes calldata payload
    ) external;

    /// @notice A book's hot state.
    function book(uint256 tokenId) external view returns (Book memory);

    /// @notice A book's hash-chain head over all its records (zero before the first record).
    function historyHead(uint256 tokenId) external view returns (bytes32);

    /// @notice Whether `account` may append a record to `tokenId` now.
    function canWrite(uint256 tokenId, address account) external view returns (bool);

    /// @notice The consortium registry this book asks about organisations and roles.
    function consortium() external view returns (address);
}
