// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {ICarBook} from "../src/interfaces/ICarBook.sol";
import {BookState, PackedBookState} from "../src/libraries/PackedBookState.sol";

/// @notice `PackedBookState` against the layout solc gives the `BookState` struct: every fuzz case writes the slot one
/// way (the compiler's member-wise stores, or the library's word) and reads it the other (`vm.load` of the raw slot,
/// or the compiler's member reads), so that reordering or resizing a member without updating the library's shifts,
/// or the reverse, fails here.
contract PackedBookStateTest is Test {
    BookState internal probe;

    /// @dev Five members in the enum today; a wider range would be a compile-time change of `BookStatus`.
    uint8 internal constant STATUS_COUNT = uint8(type(ICarBook.BookStatus).max) + 1;

    function _probeSlot() internal view returns (bytes32 slot) {
        BookState storage p = probe;
        assembly {
            slot := p.slot
        }
    }

    function _raw() internal view returns (uint256) {
        return uint256(vm.load(address(this), _probeSlot()));
    }

    function _state(address key, uint32 mileage, uint32 lastReadingAt, uint8 status, uint24 recordCount)
        internal
        pure
        returns (BookState memory)
    {
        return BookState({
            deviceKey: key,
            mileage: mileage,
            lastReadingAt: lastReadingAt,
            status: ICarBook.BookStatus(status % STATUS_COUNT),
            recordCount: recordCount
        });
    }

    /// @dev A stored word: any bits, with a status byte that is a `BookStatus` member.
    function _validWord(uint256 word) internal pure returns (uint256) {
        uint8 status = uint8(word >> 224) % STATUS_COUNT;
        return (word & ~(uint256(0xff) << 224)) | (uint256(status) << 224);
    }

    function _assertMembers(uint256 word, BookState memory st) internal pure {
        assertEq(PackedBookState.deviceKey(word), st.deviceKey, "deviceKey");
        assertEq(PackedBookState.mileage(word), st.mileage, "mileage");
        assertEq(PackedBookState.lastReadingAt(word), st.lastReadingAt, "lastReadingAt");
        assertEq(uint8(PackedBookState.status(word)), uint8(st.status), "status");
        assertEq(PackedBookState.recordCount(word), st.recordCount, "recordCount");
    }

    /// @notice The documented layout, bit for bit: deviceKey 0-159, mileage 160-191, lastReadingAt 192-223,
    /// status 224-231, recordCount 232-255.
    function test_layout_isTheDocumentedOne() public {
        probe = BookState({
            deviceKey: address(0x00000000000000000000000000000000000000A1),
            mileage: 0xB2,
            lastReadingAt: 0xC3,
            status: ICarBook.BookStatus.Destroyed,
            recordCount: 0xD4
        });
        uint256 expected = 0xA1 | (0xB2 << 160) | (0xC3 << 192) | (3 << 224) | (0xD4 << 232);
        assertEq(_raw(), expected, "the compiler's slot");
        assertEq(PackedBookState.pack(probe), expected, "pack");
        assertEq(probe.load(), expected, "load");
    }

    /// @notice What the compiler stores for a struct is `pack` of it, and the getters read back each member.
    function testFuzz_compilerStore_equalsPack(
        address key,
        uint32 mileage,
        uint32 lastReadingAt,
        uint8 status,
        uint24 recordCount
    ) public {
        BookState memory st = _state(key, mileage, lastReadingAt, status, recordCount);
        probe = st;
        uint256 raw = _raw();
        assertEq(raw, PackedBookState.pack(st), "pack");
        assertEq(probe.load(), raw, "load");
        _assertMembers(raw, st);
        assertEq(uint8(probe.statusOf()), uint8(st.status), "statusOf");
    }

    /// @notice A word the library stores reads back member by member through the compiler, and `unpack`/`read`
    /// agree with it; `pack` inverts `unpack`.
    function testFuzz_libraryStore_readByCompiler(uint256 anyWord) public {
        uint256 word = _validWord(anyWord);
        probe.store(word);
        assertEq(_raw(), word, "one SSTORE of the word");
        BookState memory compiled = probe;
        _assertMembers(word, compiled);
        BookState memory unpacked = PackedBookState.unpack(word);
        _assertMembers(word, unpacked);
        _assertMembers(word, probe.read());
        assertEq(PackedBookState.pack(unpacked), word, "pack(unpack(word))");
        probe.write(unpacked);
        assertEq(_raw(), word, "write(read())");
    }

    /// @notice A reading changes mileage and last reading time and nothing else, as the compiler's member writes do.
    function testFuzz_withReading_likeMemberWrites(uint256 anyWord, uint32 mileage, uint32 readingAt) public {
        uint256 word = _validWord(anyWord);
        probe.store(word);
        probe.mileage = mileage;
        probe.lastReadingAt = readingAt;
        assertEq(PackedBookState.withReading(word, mileage, readingAt), _raw());
    }

    /// @notice A record changes mileage and record count and nothing else.
    function testFuzz_withRecord_likeMemberWrites(uint256 anyWord, uint32 mileage, uint24 recordCount) public {
        uint256 word = _validWord(anyWord);
        probe.store(word);
        probe.mileage = mileage;
        probe.recordCount = recordCount;
        assertEq(PackedBookState.withRecord(word, mileage, recordCount), _raw());
    }

    /// @notice A key rotation changes the device key and nothing else.
    function testFuzz_withDeviceKey_likeMemberWrite(uint256 anyWord, address key) public {
        uint256 word = _validWord(anyWord);
        probe.store(word);
        probe.deviceKey = key;
        assertEq(PackedBookState.withDeviceKey(word, key), _raw());
    }

    /// @notice A status change changes the status and nothing else.
    function testFuzz_withStatus_likeMemberWrite(uint256 anyWord, uint8 status) public {
        uint256 word = _validWord(anyWord);
        ICarBook.BookStatus newStatus = ICarBook.BookStatus(status % STATUS_COUNT);
        probe.store(word);
        probe.status = newStatus;
        assertEq(PackedBookState.withStatus(word, newStatus), _raw());
    }
}
