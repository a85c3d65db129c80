// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title Keys of the consortium's governance parameters, shared by the Consortium and the registries that read them.
/// @notice Each key is keccak256 of the parameter's name; read a value with `IConsortium.parameter(key)`.
library Parameters {
    /// @notice How long a proposal stays open, in seconds.
    bytes32 internal constant PROPOSAL_LIFETIME = keccak256("consortium.proposalLifetime");
    /// @notice Longest grant an owner may give an independent workshop, in seconds.
    bytes32 internal constant MAX_GRANT_DURATION = keccak256("carbook.maxGrantDuration");
    /// @notice Shortest interval between two accepted telematics readings of one book, in seconds.
    bytes32 internal constant MIN_READING_INTERVAL = keccak256("carbook.minReadingInterval");
    /// @notice VIN commitment: keccak256(scrypt(normalisedVIN, salt, N, r, p, 32)).
    bytes32 internal constant VIN_SALT = keccak256("vin.salt");
    bytes32 internal constant VIN_SCRYPT_N = keccak256("vin.scryptN");
    bytes32 internal constant VIN_SCRYPT_R = keccak256("vin.scryptR");
    bytes32 internal constant VIN_SCRYPT_P = keccak256("vin.scryptP");
    /// @notice How long an insurance claim may get an expert and a diagnosis after it was opened, in seconds
    /// (0, on a consortium deployed before the parameter existed, means `DEFAULT_CLAIM_LIFETIME`).
    bytes32 internal constant CLAIM_LIFETIME = keccak256("insurance.claimLifetime");
    uint256 internal constant DEFAULT_CLAIM_LIFETIME = 90 days;
    /// @notice Fastest plausible odometer increase, in km per day since the record that set the current mileage
    /// (a record may always add one day's worth); 0 means CarBook's default `DEFAULT_MAX_KM_PER_DAY`.
    bytes32 internal constant MAX_KM_PER_DAY = keccak256("carbook.maxKmPerDay");
    /// @notice Range of `MAX_KM_PER_DAY` (`maxKmPerDayInRange`, checked by the consortium); CarBook skips reading the
    /// parameter for a rise that the minimum allows.
    uint256 internal constant MIN_MAX_KM_PER_DAY = 500;
    uint256 internal constant MAX_MAX_KM_PER_DAY = 20_000;
    /// @notice The insurance registry CarBook trusts for expert diagnoses and wrecks (an address as uint256).
    bytes32 internal constant INSURANCE_REGISTRY = keccak256("registry.insurance");
    /// @notice The dApp's static export as the consortium published it on IPFS: the sha2-256 digest of its root, a
    /// CIDv1 dag-pb directory (`npm run publish:ipfs` prints the value), so that a buyer can compare it with the CID
    /// the page was loaded from. 0: none published.
    bytes32 internal constant DAPP_CID = keccak256("dapp.cid");

    /// @notice Key of the parameter naming the organisation that holds an ISO 3780 world manufacturer identifier
    /// (the VIN's first three characters): only that maker's staff create books under it. Value: the org id
    /// (0: nobody).
    /// @param wmi The three upper-case characters, ASCII.
    function wmiHolderKey(bytes3 wmi) internal pure returns (bytes32) {
        return keccak256(abi.encode("carbook.wmiHolder", wmi));
    }

    /// @notice Whether `value` may be set as `MAX_KM_PER_DAY`.
    /// @param value The proposed km per day.
    function maxKmPerDayInRange(uint256 value) internal pure returns (bool) {
        return value >= MIN_MAX_KM_PER_DAY && value <= MAX_MAX_KM_PER_DAY;
    }
}
