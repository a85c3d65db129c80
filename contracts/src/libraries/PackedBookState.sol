// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICarBook} from "../interfaces/ICarBook.sol";

/// @dev A book's hot state: 160 + 32 + 32 + 8 + 24 = 256 bits, one storage slot. Mileage ≤ MAX_MILEAGE_KM < 2^32;
/// reading times are device seconds not after the block time (uint32 lasts until 2106); 2^24 records is 16.7
/// million. This declaration is the storage layout (CarBook's `states` mapping holds it); `PackedBookState` reads and
/// writes the same slot as one word, and its tests fail if the two disagree.
struct BookState {
    address deviceKey;
    uint32 mileage;
    uint32 lastReadingAt;
    ICarBook.BookStatus status;
    uint24 recordCount;
}

using PackedBookState for BookState global;

/// @title The packed `BookState` word: the one place that knows its bit layout.
/// @notice Layout, low to high bits: deviceKey 0-159, mileage 160-191, lastReadingAt 192-223, status 224-231,
/// recordCount 232-255 (the order in which solc packs the struct's members into its slot).
/// @dev Every read and write of a book's state goes through here: one SLOAD and one SSTORE of the whole word,
/// where the compiler's member-wise access re-reads (and on a struct copy re-writes) the slot once per member.
/// The `with*` functions take values that fit their field (callers check mileage ≤ MAX_MILEAGE_KM and reading
/// times ≤ block time; the record count is a checked uint24 increment), so that no other field is touched.
library PackedBookState {
    /// @notice Bit offsets of the fields (deviceKey is bits 0-159). Public to the contracts for one path only:
    /// `CarBook._readingSkipReason`, run for each reading of a batch, shifts with them inline, because the legacy
    /// optimizer keeps each getter an internal call (about 20 gas each, four a reading).
    uint256 internal constant MILEAGE_SHIFT = 160;
    uint256 internal constant LAST_READING_AT_SHIFT = 192;
    uint256 internal constant STATUS_SHIFT = 224;
    uint256 internal constant RECORD_COUNT_SHIFT = 232;
    uint256 private constant DEVICE_KEY_MASK = (1 << 160) - 1;
    uint256 private constant UINT32_MASK = (1 << 32) - 1;
    uint256 private constant UINT8_MASK = (1 << 8) - 1;
    /// @dev mileage and lastReadingAt: the bits a reading rewrites.
    uint256 private constant READING_MASK = ((1 << 64) - 1) << MILEAGE_SHIFT;
    /// @dev mileage and recordCount: the bits a record rewrites.
    uint256 private constant RECORD_MASK = (UINT32_MASK << MILEAGE_SHIFT) | (((1 << 24) - 1) << RECORD_COUNT_SHIFT);
    uint256 private constant STATUS_MASK = UINT8_MASK << STATUS_SHIFT;

    // ---------------------------------------------------------------- slot

    /// @notice The book's state word, with one SLOAD.
    /// @param slot The book's `BookState` in storage.
    /// @return word The packed word.
    function load(BookState storage slot) internal view returns (uint256 word) {
        assembly ("memory-safe") {
            word := sload(slot.slot)
        }
    }

    /// @notice Writes the book's state word with one SSTORE.
    /// @param slot The book's `BookState` in storage.
    /// @param word The packed word.
    function store(BookState storage slot, uint256 word) internal {
        assembly ("memory-safe") {
            sstore(slot.slot, word)
        }
    }

    /// @notice The book's status, from one SLOAD.
    /// @param slot The book's `BookState` in storage.
    /// @return st The status.
    function statusOf(BookState storage slot) internal view returns (ICarBook.BookStatus st) {
        assembly ("memory-safe") {
            st := and(shr(STATUS_SHIFT, sload(slot.slot)), UINT8_MASK)
        }
    }

    /// @notice The book's state as a struct in memory, from one SLOAD.
    /// @param slot The book's `BookState` in storage.
    /// @return st The unpacked state.
    function read(BookState storage slot) internal view returns (BookState memory st) {
        uint256 word;
        assembly ("memory-safe") {
            word := sload(slot.slot)
        }
        st = unpack(word);
    }

    /// @notice Writes the whole state with one SSTORE.
    /// @param slot The book's `BookState` in storage.
    /// @param st The state to store.
    function write(BookState storage slot, BookState memory st) internal {
        store(slot, pack(st));
    }

    // ---------------------------------------------------------------- word <-> struct

    /// @notice The word that holds `st`.
    /// @param st A book state (members within their types' ranges, as Solidity guarantees).
    /// @return word The packed word.
    function pack(BookState memory st) internal pure returns (uint256 word) {
        word = uint256(uint160(st.deviceKey)) | (uint256(st.mileage) << MILEAGE_SHIFT)
            | (uint256(st.lastReadingAt) << LAST_READING_AT_SHIFT) | (uint256(uint8(st.status)) << STATUS_SHIFT)
            | (uint256(st.recordCount) << RECORD_COUNT_SHIFT);
    }

    /// @notice The struct a word holds.
    /// @param word A packed word (as stored: its status byte is a `BookStatus` member).
    /// @return st The unpacked state.
    /// @dev In one assembly block (a member-wise copy through the getters costs a call each on every record).
    function unpack(uint256 word) internal pure returns (BookState memory st) {
        assembly ("memory-safe") {
            mstore(st, and(word, DEVICE_KEY_MASK))
            mstore(add(st, 0x20), and(shr(MILEAGE_SHIFT, word), UINT32_MASK))
            mstore(add(st, 0x40), and(shr(LAST_READING_AT_SHIFT, word), UINT32_MASK))
            mstore(add(st, 0x60), and(shr(STATUS_SHIFT, word), UINT8_MASK))
            mstore(add(st, 0x80), shr(RECORD_COUNT_SHIFT, word))
        }
    }

    // ---------------------------------------------------------------- fields

    /// @notice The key telematics readings must be signed with (zero: none).
    /// @param word A packed word.
    /// @return The device key.
    function deviceKey(uint256 word) internal pure returns (address) {
        return address(uint160(word));
    }

    /// @notice The book's current mileage in km.
    /// @param word A packed word.
    /// @return The mileage.
    function mileage(uint256 word) internal pure returns (uint32) {
        return uint32(word >> MILEAGE_SHIFT);
    }

    /// @notice The device time of the last accepted reading (zero: none).
    /// @param word A packed word.
    /// @return The time in seconds.
    function lastReadingAt(uint256 word) internal pure returns (uint32) {
        return uint32(word >> LAST_READING_AT_SHIFT);
    }

    /// @notice The book's status.
    /// @dev Without the enum range check: words are only ever written from a `BookStatus`.
    /// @param word A packed word.
    /// @return st The status.
    function status(uint256 word) internal pure returns (ICarBook.BookStatus st) {
        assembly ("memory-safe") {
            st := and(shr(STATUS_SHIFT, word), UINT8_MASK)
        }
    }

    /// @notice The number of records appended so far (the next record's index).
    /// @param word A packed word.
    /// @return The record count.
    function recordCount(uint256 word) internal pure returns (uint24) {
        return uint24(word >> RECORD_COUNT_SHIFT);
    }

    // ---------------------------------------------------------------- updates

    /// @notice The word after an accepted telematics reading: new mileage and last reading time.
    /// @param word A packed word.
    /// @param newMileage The reading's mileage.
    /// @param readingAt The reading's device time.
    /// @return The updated word.
    function withReading(uint256 word, uint32 newMileage, uint32 readingAt) internal pure returns (uint256) {
        return
            (word & ~READING_MASK) | (uint256(newMileage) << MILEAGE_SHIFT)
                | (uint256(readingAt) << LAST_READING_AT_SHIFT);
    }

    /// @notice The word after an appended record: new mileage and record count.
    /// @param word A packed word.
    /// @param newMileage The record's mileage.
    /// @param newRecordCount The count including the record.
    /// @return The updated word.
    function withRecord(uint256 word, uint32 newMileage, uint24 newRecordCount) internal pure returns (uint256) {
        return (word & ~RECORD_MASK) | (uint256(newMileage) << MILEAGE_SHIFT)
            | (uint256(newRecordCount) << RECORD_COUNT_SHIFT);
    }

    /// @notice The word with another device key.
    /// @param word A packed word.
    /// @param newKey The device key (zero: none).
    /// @return The updated word.
    function withDeviceKey(uint256 word, address newKey) internal pure returns (uint256) {
        return (word & ~DEVICE_KEY_MASK) | uint256(uint160(newKey));
    }

    /// @notice The word with another status.
    /// @param word A packed word.
    /// @param newStatus The status.
    /// @return The updated word.
    function withStatus(uint256 word, ICarBook.BookStatus newStatus) internal pure returns (uint256) {
        return (word & ~STATUS_MASK) | (uint256(uint8(newStatus)) << STATUS_SHIFT);
    }
}
