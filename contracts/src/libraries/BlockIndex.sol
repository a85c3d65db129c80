// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title Append-only list of block numbers, deduplicated and packed eight to a storage word.
/// @notice The per-book (and per-organisation) block lists behind `bookEventBlocks` and friends: a client reads a
/// page of block numbers with one `eth_call` and fetches exactly those blocks' logs.
/// @dev Layout of a list:
/// - `tail`: bits 0-31 the length n; bits 32 + 32·i (i < n mod 8) the entries 8·⌊n/8⌋ + i not yet in a word
///   (when n mod 8 = 0 and n > 0, bits 32-63 keep a copy of entry n - 1 for deduplication);
/// - `words[k]`: entries 8k … 8k+7, entry 8k + j at bits 32·j.
/// An append rewrites the tail (one slot) and, every eighth entry, fills a fresh word: ≈ 5,000 gas plus 20,000/8
/// on average for a cold list; only the check when the block is already the last entry.
library BlockIndex {
    /// @notice A block number does not fit 32 bits (2^32 blocks are 272 years of 2-second blocks).
    error BlockIndexBlockNumberTooLarge(uint256 blockNumber);

    /// @notice One list; zero-initialised storage is the empty list.
    struct List {
        uint256 tail;
        mapping(uint256 wordIndex => uint256) words;
    }

    uint256 private constant MASK = 0xffffffff;

    /// @notice Number of entries.
    /// @param list The list.
    function length(List storage list) internal view returns (uint256) {
        return list.tail & MASK;
    }

    /// @notice The entry at `index` (which must be below `length`).
    /// @param list The list.
    /// @param index Position of the entry (0 = the oldest).
    function at(List storage list, uint256 index) internal view returns (uint256) {
        uint256 tail = list.tail;
        uint256 flushed = (tail & MASK) & ~uint256(7);
        if (index >= flushed) return (tail >> (32 + 32 * (index - flushed))) & MASK;
        return (list.words[index >> 3] >> (32 * (index & 7))) & MASK;
    }

    /// @notice Appends the current block unless it is already the last entry.
    /// @param list The list.
    /// @param before The entry that precedes the list (compared when the list is empty; 0 if none).
    function pushCurrent(List storage list, uint256 before) internal {
        push(list, block.number, before);
    }

    /// @notice Appends `blockNumber` unless it equals the last entry (or `before` when the list is empty).
    /// @param list The list.
    /// @param blockNumber The block to append (below 2^32).
    /// @param before The entry that precedes the list (compared when the list is empty; 0 if none).
    function push(List storage list, uint256 blockNumber, uint256 before) internal {
        if (blockNumber > MASK) revert BlockIndexBlockNumberTooLarge(blockNumber);
        uint256 tail = list.tail;
        uint256 n = tail & MASK;
        uint256 pending = n & 7;
        // The last entry is the newest pending one, or (right after a word was filled) the shadow copy of it that
        // the filling push left in pending position 0: no push ever reads a word.
        uint256 last = n == 0 ? before : (tail >> (32 * (pending == 0 ? 1 : pending))) & MASK;
        if (last == blockNumber) return;
        // n < 2^32 - 1: one entry per block and block numbers fit 32 bits.
        unchecked {
            if (pending == 7) {
                list.words[n >> 3] = (tail >> 32) | (blockNumber << 224);
                list.tail = (n + 1) | (blockNumber << 32);
            } else {
                uint256 shift = 32 + 32 * pending;
                list.tail = ((tail & ~(MASK << shift)) + 1) | (blockNumber << shift);
            }
        }
    }

    /// @notice Fills an empty list with `blocks` (a governance backfill of blocks before an index existed).
    /// @dev On `false` the caller reverts, which undoes any entry already pushed.
    /// @param list The list, which must be empty.
    /// @param blocks Block numbers, strictly increasing, nonzero, each below `limit`.
    /// @param limit The first block the live index covers.
    /// @return ok Whether the list was empty and `blocks` non-empty and valid.
    function backfill(List storage list, uint32[] calldata blocks, uint256 limit) internal returns (bool ok) {
        if (blocks.length == 0 || length(list) != 0) return false;
        uint256 previous;
        for (uint256 i; i < blocks.length; ++i) {
            if (blocks[i] <= previous || blocks[i] >= limit) return false;
            push(list, blocks[i], 0);
            previous = blocks[i];
        }
        return true;
    }

    /// @notice One page of the concatenation `prefix ++ [head if nonzero] ++ live`.
    /// @param prefix Entries listed first (a backfill of blocks before the index existed).
    /// @param head One entry between the two lists, or 0 for none (e.g. a book's creation block).
    /// @param live The list appended to since.
    /// @param start Index of the first entry to return.
    /// @param count Most entries to return.
    /// @return blocks The page.
    /// @return total Length of the whole concatenation.
    function page(List storage prefix, uint256 head, List storage live, uint256 start, uint256 count)
        internal
        view
        returns (uint256[] memory blocks, uint256 total)
    {
        uint256 p = length(prefix);
        uint256 h = head == 0 ? 0 : 1;
        total = p + h + length(live);
        uint256 end = start >= total ? start : (total - start < count ? total : start + count);
        blocks = new uint256[](end - start);
        for (uint256 i = start; i < end; ++i) {
            blocks[i - start] = i < p ? at(prefix, i) : i < p + h ? head : at(live, i - p - h);
        }
    }

    /// @notice A page of uint256 values from a storage array (the shape of every id list's view).
    /// @param values The storage array.
    /// @param start Index of the first entry to return.
    /// @param count Most entries to return.
    /// @return out The page.
    /// @return total Length of the whole array.
    function slice(uint256[] storage values, uint256 start, uint256 count)
        internal
        view
        returns (uint256[] memory out, uint256 total)
    {
        total = values.length;
        uint256 end = start >= total ? start : (total - start < count ? total : start + count);
        out = new uint256[](end - start);
        for (uint256 i = start; i < end; ++i) {
            out[i - start] = values[i];
        }
    }

    /// @notice `start + count` clamped to `total`, and `start` if it is past the end: the end of a page.
    /// @param start Index of the first entry of the page.
    /// @param count Most entries in the page.
    /// @param total Length of the whole list.
    function pageEnd(uint256 start, uint256 count, uint256 total) internal pure returns (uint256) {
        return start >= total ? start : (total - start < count ? total : start + count);
    }
}
