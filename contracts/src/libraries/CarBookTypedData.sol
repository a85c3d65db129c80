// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {MessageHashUtils} from "@openzeppelin/contracts/utils/cryptography/MessageHashUtils.sol";
import {ICarBook} from "../interfaces/ICarBook.sol";

/// @title CarBook's EIP-712 typed data: domain, digests and signature recovery.
/// @notice Domain: name "CarBook", version "1", the chain id and the CarBook proxy as verifying contract. Types: a
/// telematics device signs `TelematicsReading`; the owner and an official workshop both sign `OdometerCorrection`.
/// @dev Internal functions only: they are compiled into CarBook (no linking, no external call).
library CarBookTypedData {
    bytes32 internal constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 internal constant NAME_HASH = keccak256("CarBook");
    bytes32 internal constant VERSION_HASH = keccak256("1");
    /// @notice EIP-712 type a telematics device signs.
    bytes32 internal constant READING_TYPEHASH =
        keccak256("TelematicsReading(uint256 tokenId,uint64 mileage,uint64 timestamp)");
    /// @notice EIP-712 type the owner and an official workshop both sign to lower the odometer.
    bytes32 internal constant CORRECTION_TYPEHASH = keccak256(
        "OdometerCorrection(uint256 tokenId,uint64 previousMileage,uint64 correctedMileage,uint32 recordIndex,"
        "bytes32 documentHash,bytes32 payloadHash)"
    );

    /// @notice The domain separator of the calling contract (run inside CarBook: `address(this)` is the proxy).
    function domainSeparator() internal view returns (bytes32) {
        return keccak256(abi.encode(DOMAIN_TYPEHASH, NAME_HASH, VERSION_HASH, block.chainid, address(this)));
    }

    /// @notice The digest a device signs for one reading.
    /// @param domain The domain separator.
    /// @param tokenId The book.
    /// @param mileage The odometer value in km.
    /// @param timestamp The device time of the reading.
    function readingDigest(bytes32 domain, uint256 tokenId, uint64 mileage, uint64 timestamp)
        internal
        pure
        returns (bytes32)
    {
        return MessageHashUtils.toTypedDataHash(
            domain, keccak256(abi.encode(READING_TYPEHASH, tokenId, mileage, timestamp))
        );
    }

    /// @notice The digest the owner and the workshop sign for a correction; it binds the book's current mileage
    /// and record count, so a signed correction can be used once only.
    /// @param domain The domain separator.
    /// @param tokenId The book.
    /// @param previousMileage The book's current mileage, in km.
    /// @param correctedMileage The corrected value, in km.
    /// @param recordIndex The book's current record count (the correction's record index).
    /// @param documentHash Hash of the supporting document.
    /// @param payloadHash keccak256 of the encrypted record body.
    function correctionDigest(
        bytes32 domain,
        uint256 tokenId,
        uint64 previousMileage,
        uint64 correctedMileage,
        uint32 recordIndex,
        bytes32 documentHash,
        bytes32 payloadHash
    ) internal pure returns (bytes32) {
        return MessageHashUtils.toTypedDataHash(
            domain,
            keccak256(
                abi.encode(
                    CORRECTION_TYPEHASH,
                    tokenId,
                    previousMileage,
                    correctedMileage,
                    recordIndex,
                    documentHash,
                    payloadHash
                )
            )
        );
    }

    /// @notice Reverts with `CarBookInvalidSignature` unless `signature` over `digest` recovers to `expected`
    /// (which must not be zero).
    /// @param digest The signed digest.
    /// @param signature The signature (65 bytes, or 64 in EIP-2098 form).
    /// @param expected The account that must have signed.
    function checkSigner(bytes32 digest, bytes calldata signature, address expected) internal pure {
        (address recovered, ECDSA.RecoverError error,) = ECDSA.tryRecover(digest, signature);
        if (error != ECDSA.RecoverError.NoError || recovered != expected || expected == address(0)) {
            revert ICarBook.CarBookInvalidSignature(expected, recovered);
        }
    }

    /// @notice The signer of a reading: EIP-712 digest and ecrecover in scratch memory (no allocation per
    /// reading), EIP-2098 compact signature. A high-s or invalid signature yields address(0), which never equals a
    /// registered key.
    /// @param domain The domain separator.
    /// @param reading The reading with its compact signature.
    /// @return signer The recovered signer, or address(0).
    function recoverReading(bytes32 domain, ICarBook.TelematicsReading calldata reading)
        internal
        view
        returns (address signer)
    {
        bytes32 typeHash = READING_TYPEHASH;
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore(ptr, typeHash)
            // tokenId, mileage, timestamp: the first three words of the calldata struct, hashed as given. A word
            // with dirty high bits hashes to a digest no device signed, so such a reading is skipped as BadSignature.
            calldatacopy(add(ptr, 0x20), reading, 0x60)
            let structHash := keccak256(ptr, 0x80)
            mstore(ptr, hex"1901")
            mstore(add(ptr, 0x02), domain)
            mstore(add(ptr, 0x22), structHash)
            let digest := keccak256(ptr, 0x42)
            let vs := calldataload(add(reading, 0x80))
            let s := and(vs, 0x7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff)
            // Upper bound of s for non-malleable signatures (as OpenZeppelin's ECDSA); the parity bit is vs's top bit.
            if iszero(gt(s, 0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0)) {
                mstore(ptr, digest)
                mstore(add(ptr, 0x20), add(shr(255, vs), 27))
                mstore(add(ptr, 0x40), calldataload(add(reading, 0x60)))
                mstore(add(ptr, 0x60), s)
                mstore(0x00, 0)
                if staticcall(gas(), 0x01, ptr, 0x80, 0x00, 0x20) { signer := mload(0x00) }
            }
        }
    }
}
