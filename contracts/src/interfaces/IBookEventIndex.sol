// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title Per-book block index: the block numbers where a registry emitted events about a book.
/// @notice Readers never scan the chain: they read a book's block list with one `eth_call` and fetch exactly those
/// blocks' logs (single-block `eth_getLogs`, by block hash per EIP-234) in one JSON-RPC batch. The list is part of
/// what a client verifies: the book's hash-chain heads in state prove that no log of a listed block was withheld,
/// and a withheld list entry shows up as a chain that does not reach the head.
/// @dev Entries are block numbers in increasing order, deduplicated (one entry per block however many events),
/// packed as uint32 (eight per storage word). Books whose events predate the index (an upgraded deployment) get
/// their earlier blocks through `backfillBookEventBlocks`, a governance action; those entries come first.
interface IBookEventIndex {
    /// @notice The book's earlier blocks were already backfilled, or `blocks` is empty, not strictly increasing, or
    /// not below `indexStartBlock()`.
    error IndexBackfillInvalid(uint256 tokenId);

    /// @notice Governance recorded the blocks of a book's events that predate the index.
    /// @param tokenId The book.
    /// @param entries How many block numbers were recorded.
    event BookEventBlocksBackfilled(uint256 indexed tokenId, uint256 entries);

    /// @notice One page of the blocks where this registry emitted events about `tokenId`, oldest first.
    /// @param tokenId The book (`uint256(vinCommitment)`).
    /// @param start Index of the first entry to return (0 = the oldest).
    /// @param count Most entries to return; fewer when the list ends first, none when `start >= total`.
    /// @return blocks Block numbers, strictly increasing.
    /// @return total Number of entries in the whole list (a client pages until it has `total`).
    function bookEventBlocks(uint256 tokenId, uint256 start, uint256 count)
        external
        view
        returns (uint256[] memory blocks, uint256 total);

    /// @notice The first block whose events this registry's indexes record: the deployment block, or the block of
    /// the upgrade that introduced the indexes (events before it are covered only once backfilled).
    function indexStartBlock() external view returns (uint256);

    /// @notice Governance (the consortium, after a strict-majority vote) records the blocks of a book's events
    /// emitted before `indexStartBlock()`. Allowed once per book; the entries are listed before any later ones.
    /// @param tokenId The book.
    /// @param blocks Block numbers, strictly increasing, each below `indexStartBlock()`.
    function backfillBookEventBlocks(uint256 tokenId, uint32[] calldata blocks) external;
}
