// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title The rule for one-line text fields stored on chain (a book's model/metadata string, organisation names).
/// @notice A one-line field holds no control characters and no bidirectional-text controls: C0 controls and DEL,
/// C1 controls (U+0080–U+009F), U+061C ARABIC LETTER MARK, U+200E/U+200F (LRM/RLM), U+2028/U+2029 (line and
/// paragraph separators), U+202A–U+202E (LRE, RLE, PDF, LRO, RLO) and U+2066–U+2069 (LRI, RLI, FSI, PDI).
/// "invoice_\u202Efdp.exe" would otherwise show as "invoice_exe.pdf". The same list is in
/// lib/browser/format/oneLine.ts (the dApp's check on write and its neutralisation on display).
library OneLineText {
    /// @notice `isOneLine` for a calldata string, 32 bytes at a time while the text is printable ASCII (the usual
    /// model string or URI costs a few hundred gas instead of a byte loop); other text takes the byte loop.
    /// @param text The field, in calldata.
    function isOneLineCalldata(string calldata text) internal pure returns (bool) {
        bool ascii = true;
        assembly ("memory-safe") {
            let ones := 0x0101010101010101010101010101010101010101010101010101010101010101
            let highs := mul(ones, 0x80)
            let spaces := mul(ones, 0x20)
            for { let i := 0 } lt(i, text.length) { i := add(i, 32) } {
                let w := calldataload(add(text.offset, i))
                let rest := sub(text.length, i)
                if lt(rest, 32) {
                    // Bytes past the end read as spaces.
                    let tail := sub(shl(mul(8, sub(32, rest)), 1), 1)
                    w := or(and(w, not(tail)), and(spaces, tail))
                }
                // Some byte < 0x20 (hasless), or some byte ≥ 0x7f (hasmore 0x7e): exact as booleans.
                if or(and(and(sub(w, spaces), not(w)), highs), and(or(add(w, ones), w), highs)) {
                    ascii := 0
                    break
                }
            }
        }
        return ascii || isOneLine(bytes(text));
    }

    /// @notice Whether `text` (UTF-8) is free of control and bidirectional-text characters.
    /// @param text The field's bytes.
    function isOneLine(bytes memory text) internal pure returns (bool) {
        uint256 n = text.length;
        for (uint256 i; i < n; ++i) {
            uint8 b = uint8(text[i]);
            if (b < 0x20 || b == 0x7f) return false;
            if (b < 0x80) continue;
            // Two-byte sequences: C1 controls are C2 80–C2 9F, U+061C is D8 9C.
            if (i + 1 < n) {
                uint8 b1 = uint8(text[i + 1]);
                if (b == 0xc2 && b1 < 0xa0) return false;
                if (b == 0xd8 && b1 == 0x9c) return false;
            }
            // Three-byte sequences from U+2000: E2 80 xx and E2 81 xx.
            if (b == 0xe2 && i + 2 < n) {
                uint8 b1 = uint8(text[i + 1]);
                uint8 b2 = uint8(text[i + 2]);
                if (b1 == 0x80 && (b2 == 0x8e || b2 == 0x8f || (b2 >= 0xa8 && b2 <= 0xae))) return false;
                if (b1 == 0x81 && b2 >= 0xa6 && b2 <= 0xa9) return false;
            }
        }
        return true;
    }
}
