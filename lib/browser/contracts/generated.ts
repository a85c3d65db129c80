//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////
// CarBook
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

export const carBookAbi = [
  { type: 'constructor', inputs: [], stateMutability: 'nonpayable' },
  {
    type: 'function',
    inputs: [],
    name: 'CORRECTION_TYPEHASH',
    outputs: [{ name: '', internalType: 'bytes32', type: 'bytes32' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'DEFAULT_MAX_KM_PER_DAY',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'EXTENSION',
    outputs: [{ name: '', internalType: 'address', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'MAX_MILEAGE_KM',
    outputs: [{ name: '', internalType: 'uint64', type: 'uint64' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'MAX_PAYLOAD_BYTES',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'READING_TYPEHASH',
    outputs: [{ name: '', internalType: 'bytes32', type: 'bytes32' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'UPGRADE_INTERFACE_VERSION',
    outputs: [{ name: '', internalType: 'string', type: 'string' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'tokenId', internalType: 'uint256', type: 'uint256' },
      { name: 'mileage', internalType: 'uint64', type: 'uint64' },
      { name: 'kind', internalType: 'enum ICarBook.RecordKind', type: 'uint8' },
      { name: 'documentHash', internalType: 'bytes32', type: 'bytes32' },
      { name: 'payload', internalType: 'bytes', type: 'bytes' },
    ],
    name: 'appendRecord',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'to', internalType: 'address', type: 'address' },
      { name: 'tokenId', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'approve',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: '', internalType: 'uint256', type: 'uint256' },
      { name: '', internalType: 'uint32[]', type: 'uint32[]' },
    ],
    name: 'backfillBookEventBlocks',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: '', internalType: 'uint32', type: 'uint32' },
      { name: '', internalType: 'uint32[]', type: 'uint32[]' },
    ],
    name: 'backfillConnectedBlocks',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'owner', internalType: 'address', type: 'address' }],
    name: 'balanceOf',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'tokenId', internalType: 'uint256', type: 'uint256' }],
    name: 'book',
    outputs: [
      {
        name: '',
        internalType: 'struct ICarBook.Book',
        type: 'tuple',
        components: [
          { name: 'mileage', internalType: 'uint64', type: 'uint64' },
          { name: 'recordCount', internalType: 'uint32', type: 'uint32' },
          { name: 'manufacturerOrg', internalType: 'uint32', type: 'uint32' },
          {
            name: 'status',
            internalType: 'enum ICarBook.BookStatus',
            type: 'uint8',
          },
          { name: 'createdAt', internalType: 'uint40', type: 'uint40' },
          { name: 'corrections', internalType: 'uint16', type: 'uint16' },
          { name: 'lastReadingAt', internalType: 'uint64', type: 'uint64' },
          { name: 'wreckInsurerOrg', internalType: 'uint32', type: 'uint32' },
          { name: 'ownershipEpoch', internalType: 'uint32', type: 'uint32' },
        ],
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: '', internalType: 'uint256', type: 'uint256' },
      { name: '', internalType: 'uint256', type: 'uint256' },
      { name: '', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'bookEventBlocks',
    outputs: [
      { name: '', internalType: 'uint256[]', type: 'uint256[]' },
      { name: '', internalType: 'uint256', type: 'uint256' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: '', internalType: 'address', type: 'address' },
      { name: '', internalType: 'uint256', type: 'uint256' },
      { name: '', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'booksOf',
    outputs: [
      { name: '', internalType: 'uint256[]', type: 'uint256[]' },
      { name: '', internalType: 'uint256', type: 'uint256' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'tokenId', internalType: 'uint256', type: 'uint256' },
      { name: 'account', internalType: 'address', type: 'address' },
    ],
    name: 'canWrite',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: '', internalType: 'uint32', type: 'uint32' },
      { name: '', internalType: 'uint256', type: 'uint256' },
      { name: '', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'connectedBlocksOf',
    outputs: [
      { name: '', internalType: 'uint256[]', type: 'uint256[]' },
      { name: '', internalType: 'uint256', type: 'uint256' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'consortium',
    outputs: [{ name: '', internalType: 'address', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      {
        name: '',
        internalType: 'struct ICarBook.OdometerCorrection',
        type: 'tuple',
        components: [
          { name: 'tokenId', internalType: 'uint256', type: 'uint256' },
          { name: 'correctedMileage', internalType: 'uint64', type: 'uint64' },
          { name: 'documentHash', internalType: 'bytes32', type: 'bytes32' },
          { name: 'payload', internalType: 'bytes', type: 'bytes' },
          { name: 'workshop', internalType: 'address', type: 'address' },
          { name: 'ownerSignature', internalType: 'bytes', type: 'bytes' },
          { name: 'workshopSignature', internalType: 'bytes', type: 'bytes' },
        ],
      },
    ],
    name: 'correctOdometer',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'tokenId', internalType: 'uint256', type: 'uint256' },
      { name: 'correctedMileage', internalType: 'uint64', type: 'uint64' },
      { name: 'documentHash', internalType: 'bytes32', type: 'bytes32' },
      { name: 'payload', internalType: 'bytes', type: 'bytes' },
    ],
    name: 'correctionDigest',
    outputs: [{ name: '', internalType: 'bytes32', type: 'bytes32' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'wmi', internalType: 'bytes3', type: 'bytes3' },
      { name: 'vinDigest', internalType: 'bytes32', type: 'bytes32' },
      { name: 'firstOwner', internalType: 'address', type: 'address' },
      { name: 'deviceKey_', internalType: 'address', type: 'address' },
      { name: 'metadataURI', internalType: 'string', type: 'string' },
    ],
    name: 'createCarBook',
    outputs: [{ name: 'tokenId', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    name: 'declareDestroyed',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'tokenId', internalType: 'uint256', type: 'uint256' }],
    name: 'deviceKey',
    outputs: [{ name: '', internalType: 'address', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    name: 'deviceKeyBlockOf',
    outputs: [
      { name: '', internalType: 'uint32', type: 'uint32' },
      { name: '', internalType: 'address', type: 'address' },
      { name: '', internalType: 'uint256', type: 'uint256' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'domainSeparator',
    outputs: [{ name: '', internalType: 'bytes32', type: 'bytes32' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'eip712Domain',
    outputs: [
      { name: 'fields', internalType: 'bytes1', type: 'bytes1' },
      { name: 'name', internalType: 'string', type: 'string' },
      { name: 'version', internalType: 'string', type: 'string' },
      { name: 'chainId', internalType: 'uint256', type: 'uint256' },
      { name: 'verifyingContract', internalType: 'address', type: 'address' },
      { name: 'salt', internalType: 'bytes32', type: 'bytes32' },
      { name: 'extensions', internalType: 'uint256[]', type: 'uint256[]' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'tokenId', internalType: 'uint256', type: 'uint256' }],
    name: 'getApproved',
    outputs: [{ name: '', internalType: 'address', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: '', internalType: 'uint256', type: 'uint256' },
      { name: '', internalType: 'address', type: 'address' },
      { name: '', internalType: 'uint64', type: 'uint64' },
    ],
    name: 'grantAccess',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'tokenId', internalType: 'uint256', type: 'uint256' },
      { name: 'grantee', internalType: 'address', type: 'address' },
    ],
    name: 'grantOf',
    outputs: [
      {
        name: 'grant',
        internalType: 'struct ICarBook.Grant',
        type: 'tuple',
        components: [
          { name: 'expiresAt', internalType: 'uint40', type: 'uint40' },
          { name: 'epoch', internalType: 'uint32', type: 'uint32' },
        ],
      },
      { name: 'valid', internalType: 'bool', type: 'bool' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: '', internalType: 'uint256', type: 'uint256' },
      { name: '', internalType: 'uint256', type: 'uint256' },
      { name: '', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'granteesOf',
    outputs: [
      { name: '', internalType: 'address[]', type: 'address[]' },
      { name: '', internalType: 'uint256', type: 'uint256' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'tokenId', internalType: 'uint256', type: 'uint256' }],
    name: 'historyHead',
    outputs: [{ name: '', internalType: 'bytes32', type: 'bytes32' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'indexStartBlock',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'consortium_',
        internalType: 'contract IConsortium',
        type: 'address',
      },
      { name: 'shardIndex_', internalType: 'uint32', type: 'uint32' },
      { name: 'shardCount_', internalType: 'uint32', type: 'uint32' },
    ],
    name: 'initialize',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'initializeIndexes',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'owner', internalType: 'address', type: 'address' },
      { name: 'operator', internalType: 'address', type: 'address' },
    ],
    name: 'isApprovedForAll',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'tokenId', internalType: 'uint256', type: 'uint256' }],
    name: 'lastRecordAt',
    outputs: [{ name: '', internalType: 'uint64', type: 'uint64' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'name',
    outputs: [{ name: '', internalType: 'string', type: 'string' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'tokenId', internalType: 'uint256', type: 'uint256' }],
    name: 'ownerOf',
    outputs: [{ name: '', internalType: 'address', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'proxiableUUID',
    outputs: [{ name: '', internalType: 'bytes32', type: 'bytes32' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: '', internalType: 'uint256', type: 'uint256' },
      { name: '', internalType: 'uint256', type: 'uint256' },
      { name: '', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'readingBlocks',
    outputs: [
      { name: '', internalType: 'uint256[]', type: 'uint256[]' },
      { name: '', internalType: 'uint256', type: 'uint256' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    name: 'readingChain',
    outputs: [
      { name: '', internalType: 'bytes32', type: 'bytes32' },
      { name: '', internalType: 'uint256', type: 'uint256' },
      { name: '', internalType: 'uint256', type: 'uint256' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: '', internalType: 'uint256', type: 'uint256' },
      { name: '', internalType: 'uint256', type: 'uint256' },
      { name: '', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'readingCheckpoints',
    outputs: [
      { name: '', internalType: 'uint256[]', type: 'uint256[]' },
      { name: '', internalType: 'uint256', type: 'uint256' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'tokenId', internalType: 'uint256', type: 'uint256' },
      { name: 'mileage', internalType: 'uint64', type: 'uint64' },
      { name: 'timestamp', internalType: 'uint64', type: 'uint64' },
    ],
    name: 'readingDigest',
    outputs: [{ name: '', internalType: 'bytes32', type: 'bytes32' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    name: 'readingsHead',
    outputs: [{ name: '', internalType: 'bytes32', type: 'bytes32' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: '', internalType: 'uint256', type: 'uint256' },
      { name: '', internalType: 'uint32', type: 'uint32' },
    ],
    name: 'reassignBook',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'tokenId', internalType: 'uint256', type: 'uint256' },
      { name: 'expert', internalType: 'address', type: 'address' },
      { name: 'insurerOrg', internalType: 'uint32', type: 'uint32' },
      { name: 'mileage', internalType: 'uint64', type: 'uint64' },
      { name: 'totalLoss', internalType: 'bool', type: 'bool' },
      { name: 'documentHash', internalType: 'bytes32', type: 'bytes32' },
      { name: 'payload', internalType: 'bytes', type: 'bytes' },
    ],
    name: 'recordDiagnosis',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: '', internalType: 'uint256', type: 'uint256' },
      { name: '', internalType: 'address', type: 'address' },
    ],
    name: 'revokeAccess',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: '', internalType: 'uint256', type: 'uint256' },
      { name: '', internalType: 'address', type: 'address' },
    ],
    name: 'rotateDeviceKey',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'from', internalType: 'address', type: 'address' },
      { name: 'to', internalType: 'address', type: 'address' },
      { name: 'tokenId', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'safeTransferFrom',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'from', internalType: 'address', type: 'address' },
      { name: 'to', internalType: 'address', type: 'address' },
      { name: 'tokenId', internalType: 'uint256', type: 'uint256' },
      { name: 'data', internalType: 'bytes', type: 'bytes' },
    ],
    name: 'safeTransferFrom',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'operator', internalType: 'address', type: 'address' },
      { name: 'approved', internalType: 'bool', type: 'bool' },
    ],
    name: 'setApprovalForAll',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: '', internalType: 'uint32', type: 'uint32' },
      { name: '', internalType: 'uint32', type: 'uint32' },
    ],
    name: 'setShardRule',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'shardRule',
    outputs: [
      { name: '', internalType: 'uint256', type: 'uint256' },
      { name: '', internalType: 'uint256', type: 'uint256' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'readings',
        internalType: 'struct ICarBook.TelematicsReading[]',
        type: 'tuple[]',
        components: [
          { name: 'tokenId', internalType: 'uint256', type: 'uint256' },
          { name: 'mileage', internalType: 'uint64', type: 'uint64' },
          { name: 'timestamp', internalType: 'uint64', type: 'uint64' },
          { name: 'r', internalType: 'bytes32', type: 'bytes32' },
          { name: 'vs', internalType: 'bytes32', type: 'bytes32' },
        ],
      },
    ],
    name: 'submitReadings',
    outputs: [{ name: 'accepted', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'interfaceId', internalType: 'bytes4', type: 'bytes4' }],
    name: 'supportsInterface',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'symbol',
    outputs: [{ name: '', internalType: 'string', type: 'string' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'tokenId', internalType: 'uint256', type: 'uint256' }],
    name: 'tokenURI',
    outputs: [{ name: '', internalType: 'string', type: 'string' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'from', internalType: 'address', type: 'address' },
      { name: 'to', internalType: 'address', type: 'address' },
      { name: 'tokenId', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'transferFrom',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'newImplementation', internalType: 'address', type: 'address' },
      { name: 'data', internalType: 'bytes', type: 'bytes' },
    ],
    name: 'upgradeToAndCall',
    outputs: [],
    stateMutability: 'payable',
  },
  {
    type: 'function',
    inputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    name: 'voidBook',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: '', internalType: 'uint256', type: 'uint256' },
      { name: '', internalType: 'uint32', type: 'uint32' },
      { name: '', internalType: 'uint64', type: 'uint64' },
      { name: '', internalType: 'uint64', type: 'uint64' },
      { name: '', internalType: 'bytes32', type: 'bytes32' },
    ],
    name: 'voidRecord',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'tokenId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'grantee',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'grantor',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'expiresAt',
        internalType: 'uint64',
        type: 'uint64',
        indexed: false,
      },
    ],
    name: 'AccessGranted',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'tokenId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'grantee',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'AccessRevoked',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'owner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'approved',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'tokenId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
    ],
    name: 'Approval',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'owner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'operator',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      { name: 'approved', internalType: 'bool', type: 'bool', indexed: false },
    ],
    name: 'ApprovalForAll',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'tokenId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'recyclerOrg',
        internalType: 'uint32',
        type: 'uint32',
        indexed: true,
      },
    ],
    name: 'BookDestroyed',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'tokenId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'entries',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'BookEventBlocksBackfilled',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'tokenId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'previousOrg',
        internalType: 'uint32',
        type: 'uint32',
        indexed: true,
      },
      {
        name: 'manufacturerOrg',
        internalType: 'uint32',
        type: 'uint32',
        indexed: true,
      },
    ],
    name: 'BookReassigned',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'tokenId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
    ],
    name: 'BookVoided',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'tokenId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'insurerOrg',
        internalType: 'uint32',
        type: 'uint32',
        indexed: true,
      },
    ],
    name: 'BookWrecked',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'tokenId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'manufacturerOrg',
        internalType: 'uint32',
        type: 'uint32',
        indexed: true,
      },
      {
        name: 'firstOwner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'deviceKey',
        internalType: 'address',
        type: 'address',
        indexed: false,
      },
      {
        name: 'metadataURI',
        internalType: 'string',
        type: 'string',
        indexed: false,
      },
    ],
    name: 'CarBookCreated',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'tokenId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'previousKey',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'newKey',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'DeviceKeyRotated',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'version',
        internalType: 'uint64',
        type: 'uint64',
        indexed: false,
      },
    ],
    name: 'Initialized',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'tokenId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'previousMileage',
        internalType: 'uint64',
        type: 'uint64',
        indexed: false,
      },
      {
        name: 'correctedMileage',
        internalType: 'uint64',
        type: 'uint64',
        indexed: false,
      },
      {
        name: 'workshop',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      { name: 'index', internalType: 'uint32', type: 'uint32', indexed: false },
    ],
    name: 'OdometerCorrected',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'tokenId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      { name: 'index', internalType: 'uint32', type: 'uint32', indexed: false },
      {
        name: 'writer',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'writerOrg',
        internalType: 'uint32',
        type: 'uint32',
        indexed: true,
      },
      {
        name: 'kind',
        internalType: 'enum ICarBook.RecordKind',
        type: 'uint8',
        indexed: false,
      },
      {
        name: 'mileage',
        internalType: 'uint64',
        type: 'uint64',
        indexed: false,
      },
      {
        name: 'timestamp',
        internalType: 'uint64',
        type: 'uint64',
        indexed: false,
      },
      {
        name: 'documentHash',
        internalType: 'bytes32',
        type: 'bytes32',
        indexed: false,
      },
      { name: 'payload', internalType: 'bytes', type: 'bytes', indexed: false },
      {
        name: 'head',
        internalType: 'bytes32',
        type: 'bytes32',
        indexed: false,
      },
    ],
    name: 'RecordAppended',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'tokenId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'voidedIndex',
        internalType: 'uint32',
        type: 'uint32',
        indexed: false,
      },
      {
        name: 'previousMileage',
        internalType: 'uint64',
        type: 'uint64',
        indexed: false,
      },
      {
        name: 'restoredMileage',
        internalType: 'uint64',
        type: 'uint64',
        indexed: false,
      },
    ],
    name: 'RecordVoided',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'shardIndex',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'shardCount',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'ShardRuleSet',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'tokenId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'mileage',
        internalType: 'uint64',
        type: 'uint64',
        indexed: false,
      },
      {
        name: 'timestamp',
        internalType: 'uint64',
        type: 'uint64',
        indexed: false,
      },
      {
        name: 'head',
        internalType: 'bytes32',
        type: 'bytes32',
        indexed: false,
      },
      {
        name: 'previousBlock',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'TelematicsReadingAppended',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'tokenId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'mileage',
        internalType: 'uint64',
        type: 'uint64',
        indexed: false,
      },
      {
        name: 'timestamp',
        internalType: 'uint64',
        type: 'uint64',
        indexed: false,
      },
      {
        name: 'head',
        internalType: 'bytes32',
        type: 'bytes32',
        indexed: false,
      },
    ],
    name: 'TelematicsReadingRecorded',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'tokenId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'batchIndex',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'reason',
        internalType: 'enum ICarBook.ReadingSkipReason',
        type: 'uint8',
        indexed: false,
      },
    ],
    name: 'TelematicsReadingSkipped',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'from', internalType: 'address', type: 'address', indexed: true },
      { name: 'to', internalType: 'address', type: 'address', indexed: true },
      {
        name: 'tokenId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
    ],
    name: 'Transfer',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'implementation',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'Upgraded',
  },
  {
    type: 'error',
    inputs: [{ name: 'target', internalType: 'address', type: 'address' }],
    name: 'AddressEmptyCode',
  },
  {
    type: 'error',
    inputs: [{ name: 'blockNumber', internalType: 'uint256', type: 'uint256' }],
    name: 'BlockIndexBlockNumberTooLarge',
  },
  {
    type: 'error',
    inputs: [{ name: 'tokenId', internalType: 'uint256', type: 'uint256' }],
    name: 'CarBookAlreadyExists',
  },
  {
    type: 'error',
    inputs: [
      { name: 'last', internalType: 'uint64', type: 'uint64' },
      { name: 'given', internalType: 'uint64', type: 'uint64' },
    ],
    name: 'CarBookCorrectionNotLower',
  },
  {
    type: 'error',
    inputs: [
      { name: 'tokenId', internalType: 'uint256', type: 'uint256' },
      { name: 'owner', internalType: 'address', type: 'address' },
      { name: 'workshop', internalType: 'address', type: 'address' },
    ],
    name: 'CarBookCorrectionSignersNotDistinct',
  },
  {
    type: 'error',
    inputs: [{ name: 'tokenId', internalType: 'uint256', type: 'uint256' }],
    name: 'CarBookDestroyed',
  },
  { type: 'error', inputs: [], name: 'CarBookEmptyBatch' },
  {
    type: 'error',
    inputs: [{ name: 'expiresAt', internalType: 'uint64', type: 'uint64' }],
    name: 'CarBookGrantExpired',
  },
  {
    type: 'error',
    inputs: [
      { name: 'expiresAt', internalType: 'uint64', type: 'uint64' },
      { name: 'maxExpiresAt', internalType: 'uint64', type: 'uint64' },
    ],
    name: 'CarBookGrantTooLong',
  },
  {
    type: 'error',
    inputs: [
      { name: 'manufacturerOrg', internalType: 'uint32', type: 'uint32' },
    ],
    name: 'CarBookInvalidBackfill',
  },
  { type: 'error', inputs: [], name: 'CarBookInvalidCommitment' },
  {
    type: 'error',
    inputs: [{ name: 'grantee', internalType: 'address', type: 'address' }],
    name: 'CarBookInvalidGrantee',
  },
  {
    type: 'error',
    inputs: [{ name: 'orgId', internalType: 'uint32', type: 'uint32' }],
    name: 'CarBookInvalidMaker',
  },
  {
    type: 'error',
    inputs: [{ name: 'owner', internalType: 'address', type: 'address' }],
    name: 'CarBookInvalidOwner',
  },
  {
    type: 'error',
    inputs: [
      { name: 'shardIndex', internalType: 'uint256', type: 'uint256' },
      { name: 'shardCount', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'CarBookInvalidShardRule',
  },
  {
    type: 'error',
    inputs: [
      { name: 'expected', internalType: 'address', type: 'address' },
      { name: 'recovered', internalType: 'address', type: 'address' },
    ],
    name: 'CarBookInvalidSignature',
  },
  {
    type: 'error',
    inputs: [
      { name: 'tokenId', internalType: 'uint256', type: 'uint256' },
      { name: 'index', internalType: 'uint32', type: 'uint32' },
    ],
    name: 'CarBookInvalidVoid',
  },
  { type: 'error', inputs: [], name: 'CarBookMetadataNotOneLine' },
  {
    type: 'error',
    inputs: [
      { name: 'last', internalType: 'uint64', type: 'uint64' },
      { name: 'given', internalType: 'uint64', type: 'uint64' },
    ],
    name: 'CarBookMileageDecreased',
  },
  {
    type: 'error',
    inputs: [
      { name: 'given', internalType: 'uint64', type: 'uint64' },
      { name: 'max', internalType: 'uint64', type: 'uint64' },
    ],
    name: 'CarBookMileageImplausible',
  },
  {
    type: 'error',
    inputs: [
      { name: 'last', internalType: 'uint64', type: 'uint64' },
      { name: 'given', internalType: 'uint64', type: 'uint64' },
      { name: 'maxAllowed', internalType: 'uint64', type: 'uint64' },
    ],
    name: 'CarBookMileageTooFast',
  },
  {
    type: 'error',
    inputs: [
      { name: 'tokenId', internalType: 'uint256', type: 'uint256' },
      { name: 'grantee', internalType: 'address', type: 'address' },
    ],
    name: 'CarBookNoGrant',
  },
  {
    type: 'error',
    inputs: [
      { name: 'tokenId', internalType: 'uint256', type: 'uint256' },
      {
        name: 'status',
        internalType: 'enum ICarBook.BookStatus',
        type: 'uint8',
      },
    ],
    name: 'CarBookNotActive',
  },
  {
    type: 'error',
    inputs: [
      { name: 'tokenId', internalType: 'uint256', type: 'uint256' },
      { name: 'account', internalType: 'address', type: 'address' },
    ],
    name: 'CarBookNotDeviceManager',
  },
  {
    type: 'error',
    inputs: [{ name: 'tokenId', internalType: 'uint256', type: 'uint256' }],
    name: 'CarBookNotFound',
  },
  {
    type: 'error',
    inputs: [{ name: 'caller', internalType: 'address', type: 'address' }],
    name: 'CarBookNotInsuranceRegistry',
  },
  {
    type: 'error',
    inputs: [{ name: 'account', internalType: 'address', type: 'address' }],
    name: 'CarBookNotManufacturer',
  },
  {
    type: 'error',
    inputs: [
      { name: 'tokenId', internalType: 'uint256', type: 'uint256' },
      { name: 'workshop', internalType: 'address', type: 'address' },
    ],
    name: 'CarBookNotOfficialWorkshop',
  },
  {
    type: 'error',
    inputs: [
      { name: 'tokenId', internalType: 'uint256', type: 'uint256' },
      { name: 'account', internalType: 'address', type: 'address' },
    ],
    name: 'CarBookNotOwner',
  },
  {
    type: 'error',
    inputs: [{ name: 'account', internalType: 'address', type: 'address' }],
    name: 'CarBookNotRecycler',
  },
  {
    type: 'error',
    inputs: [
      { name: 'tokenId', internalType: 'uint256', type: 'uint256' },
      { name: 'account', internalType: 'address', type: 'address' },
    ],
    name: 'CarBookNotWriter',
  },
  {
    type: 'error',
    inputs: [
      { name: 'size', internalType: 'uint256', type: 'uint256' },
      { name: 'max', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'CarBookPayloadTooLarge',
  },
  {
    type: 'error',
    inputs: [
      { name: 'kind', internalType: 'enum ICarBook.RecordKind', type: 'uint8' },
    ],
    name: 'CarBookRecordKindNotAllowed',
  },
  {
    type: 'error',
    inputs: [
      { name: 'wmi', internalType: 'bytes3', type: 'bytes3' },
      { name: 'orgId', internalType: 'uint32', type: 'uint32' },
    ],
    name: 'CarBookWmiNotHeld',
  },
  {
    type: 'error',
    inputs: [
      { name: 'tokenId', internalType: 'uint256', type: 'uint256' },
      { name: 'to', internalType: 'address', type: 'address' },
    ],
    name: 'CarBookWreckTransferRefused',
  },
  {
    type: 'error',
    inputs: [
      { name: 'shard', internalType: 'uint256', type: 'uint256' },
      { name: 'thisShard', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'CarBookWrongShard',
  },
  {
    type: 'error',
    inputs: [
      { name: 'implementation', internalType: 'address', type: 'address' },
    ],
    name: 'ERC1967InvalidImplementation',
  },
  { type: 'error', inputs: [], name: 'ERC1967NonPayable' },
  {
    type: 'error',
    inputs: [
      { name: 'sender', internalType: 'address', type: 'address' },
      { name: 'tokenId', internalType: 'uint256', type: 'uint256' },
      { name: 'owner', internalType: 'address', type: 'address' },
    ],
    name: 'ERC721IncorrectOwner',
  },
  {
    type: 'error',
    inputs: [
      { name: 'operator', internalType: 'address', type: 'address' },
      { name: 'tokenId', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'ERC721InsufficientApproval',
  },
  {
    type: 'error',
    inputs: [{ name: 'approver', internalType: 'address', type: 'address' }],
    name: 'ERC721InvalidApprover',
  },
  {
    type: 'error',
    inputs: [{ name: 'operator', internalType: 'address', type: 'address' }],
    name: 'ERC721InvalidOperator',
  },
  {
    type: 'error',
    inputs: [{ name: 'owner', internalType: 'address', type: 'address' }],
    name: 'ERC721InvalidOwner',
  },
  {
    type: 'error',
    inputs: [{ name: 'receiver', internalType: 'address', type: 'address' }],
    name: 'ERC721InvalidReceiver',
  },
  {
    type: 'error',
    inputs: [{ name: 'sender', internalType: 'address', type: 'address' }],
    name: 'ERC721InvalidSender',
  },
  {
    type: 'error',
    inputs: [{ name: 'tokenId', internalType: 'uint256', type: 'uint256' }],
    name: 'ERC721NonexistentToken',
  },
  { type: 'error', inputs: [], name: 'FailedCall' },
  {
    type: 'error',
    inputs: [{ name: 'caller', internalType: 'address', type: 'address' }],
    name: 'GovernedUpgradeOnlyGovernance',
  },
  {
    type: 'error',
    inputs: [{ name: 'tokenId', internalType: 'uint256', type: 'uint256' }],
    name: 'IndexBackfillInvalid',
  },
  { type: 'error', inputs: [], name: 'InvalidInitialization' },
  { type: 'error', inputs: [], name: 'NotInitializing' },
  { type: 'error', inputs: [], name: 'UUPSUnauthorizedCallContext' },
  {
    type: 'error',
    inputs: [{ name: 'slot', internalType: 'bytes32', type: 'bytes32' }],
    name: 'UUPSUnsupportedProxiableUUID',
  },
] as const

//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////
// Consortium
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

export const consortiumAbi = [
  { type: 'constructor', inputs: [], stateMutability: 'nonpayable' },
  {
    type: 'function',
    inputs: [],
    name: 'CLAIM_LIFETIME',
    outputs: [{ name: '', internalType: 'bytes32', type: 'bytes32' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'DAPP_CID',
    outputs: [{ name: '', internalType: 'bytes32', type: 'bytes32' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'INSURANCE_REGISTRY',
    outputs: [{ name: '', internalType: 'bytes32', type: 'bytes32' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'MAX_GRANT_DURATION',
    outputs: [{ name: '', internalType: 'bytes32', type: 'bytes32' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'MAX_KM_PER_DAY',
    outputs: [{ name: '', internalType: 'bytes32', type: 'bytes32' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'MIN_READING_INTERVAL',
    outputs: [{ name: '', internalType: 'bytes32', type: 'bytes32' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'PROPOSAL_LIFETIME',
    outputs: [{ name: '', internalType: 'bytes32', type: 'bytes32' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'UPGRADE_INTERFACE_VERSION',
    outputs: [{ name: '', internalType: 'string', type: 'string' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'VIN_SALT',
    outputs: [{ name: '', internalType: 'bytes32', type: 'bytes32' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'VIN_SCRYPT_N',
    outputs: [{ name: '', internalType: 'bytes32', type: 'bytes32' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'VIN_SCRYPT_P',
    outputs: [{ name: '', internalType: 'bytes32', type: 'bytes32' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'VIN_SCRYPT_R',
    outputs: [{ name: '', internalType: 'bytes32', type: 'bytes32' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'proposalId', internalType: 'uint256', type: 'uint256' }],
    name: 'approve',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'proposalId', internalType: 'uint256', type: 'uint256' },
      { name: 'orgId', internalType: 'uint32', type: 'uint32' },
    ],
    name: 'hasApproved',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'accounts', internalType: 'address[]', type: 'address[]' },
    ],
    name: 'indexLegacyStaff',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'founders',
        internalType: 'struct IConsortium.Founder[]',
        type: 'tuple[]',
        components: [
          { name: 'name', internalType: 'string', type: 'string' },
          {
            name: 'kind',
            internalType: 'enum IConsortium.OrgKind',
            type: 'uint8',
          },
          { name: 'admin', internalType: 'address', type: 'address' },
        ],
      },
      {
        name: 'initialParameters',
        internalType: 'struct IConsortium.ParameterValue[]',
        type: 'tuple[]',
        components: [
          { name: 'key', internalType: 'bytes32', type: 'bytes32' },
          { name: 'value', internalType: 'uint256', type: 'uint256' },
        ],
      },
    ],
    name: 'initialize',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'memberCount',
    outputs: [{ name: '', internalType: 'uint32', type: 'uint32' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'account', internalType: 'address', type: 'address' }],
    name: 'membershipOf',
    outputs: [
      { name: 'orgId', internalType: 'uint32', type: 'uint32' },
      { name: 'kind', internalType: 'enum IConsortium.OrgKind', type: 'uint8' },
      { name: 'role', internalType: 'bytes32', type: 'bytes32' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'orgCount',
    outputs: [{ name: '', internalType: 'uint32', type: 'uint32' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'orgId', internalType: 'uint32', type: 'uint32' }],
    name: 'organisation',
    outputs: [
      {
        name: '',
        internalType: 'struct IConsortium.Organisation',
        type: 'tuple',
        components: [
          { name: 'name', internalType: 'string', type: 'string' },
          {
            name: 'kind',
            internalType: 'enum IConsortium.OrgKind',
            type: 'uint8',
          },
          { name: 'admin', internalType: 'address', type: 'address' },
          { name: 'active', internalType: 'bool', type: 'bool' },
        ],
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'key', internalType: 'bytes32', type: 'bytes32' }],
    name: 'parameter',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'proposalId', internalType: 'uint256', type: 'uint256' }],
    name: 'proposal',
    outputs: [
      {
        name: '',
        internalType: 'struct IConsortium.Proposal',
        type: 'tuple',
        components: [
          {
            name: 'action',
            internalType: 'enum IConsortium.ProposalAction',
            type: 'uint8',
          },
          { name: 'proposerOrg', internalType: 'uint32', type: 'uint32' },
          { name: 'approvals', internalType: 'uint32', type: 'uint32' },
          { name: 'expiresAt', internalType: 'uint64', type: 'uint64' },
          { name: 'executed', internalType: 'bool', type: 'bool' },
          { name: 'data', internalType: 'bytes', type: 'bytes' },
        ],
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'proposalCount',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'action',
        internalType: 'enum IConsortium.ProposalAction',
        type: 'uint8',
      },
      { name: 'data', internalType: 'bytes', type: 'bytes' },
    ],
    name: 'propose',
    outputs: [{ name: 'proposalId', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'proxiableUUID',
    outputs: [{ name: '', internalType: 'bytes32', type: 'bytes32' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'account', internalType: 'address', type: 'address' }],
    name: 'removeStaff',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'renounceStaff',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'account', internalType: 'address', type: 'address' },
      { name: 'role', internalType: 'bytes32', type: 'bytes32' },
    ],
    name: 'setStaff',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'orgId', internalType: 'uint32', type: 'uint32' },
      { name: 'start', internalType: 'uint256', type: 'uint256' },
      { name: 'count', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'staffOf',
    outputs: [
      { name: 'accounts', internalType: 'address[]', type: 'address[]' },
      { name: 'total', internalType: 'uint256', type: 'uint256' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'newImplementation', internalType: 'address', type: 'address' },
      { name: 'data', internalType: 'bytes', type: 'bytes' },
    ],
    name: 'upgradeToAndCall',
    outputs: [],
    stateMutability: 'payable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'vinCommitmentParams',
    outputs: [
      { name: 'salt', internalType: 'bytes32', type: 'bytes32' },
      { name: 'n', internalType: 'uint256', type: 'uint256' },
      { name: 'r', internalType: 'uint256', type: 'uint256' },
      { name: 'p', internalType: 'uint256', type: 'uint256' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'version',
        internalType: 'uint64',
        type: 'uint64',
        indexed: false,
      },
    ],
    name: 'Initialized',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'orgId', internalType: 'uint32', type: 'uint32', indexed: true },
      {
        name: 'previousAdmin',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'newAdmin',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'OrgAdminChanged',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'orgId', internalType: 'uint32', type: 'uint32', indexed: true },
      {
        name: 'kind',
        internalType: 'enum IConsortium.OrgKind',
        type: 'uint8',
        indexed: false,
      },
      {
        name: 'admin',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      { name: 'name', internalType: 'string', type: 'string', indexed: false },
    ],
    name: 'OrganisationAdded',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'orgId', internalType: 'uint32', type: 'uint32', indexed: true },
    ],
    name: 'OrganisationRemoved',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'key', internalType: 'bytes32', type: 'bytes32', indexed: true },
      {
        name: 'value',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'ParameterSet',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'proposalId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      { name: 'orgId', internalType: 'uint32', type: 'uint32', indexed: true },
      {
        name: 'approvals',
        internalType: 'uint32',
        type: 'uint32',
        indexed: false,
      },
    ],
    name: 'ProposalApproved',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'proposalId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'proposerOrg',
        internalType: 'uint32',
        type: 'uint32',
        indexed: true,
      },
      {
        name: 'action',
        internalType: 'enum IConsortium.ProposalAction',
        type: 'uint8',
        indexed: false,
      },
      { name: 'data', internalType: 'bytes', type: 'bytes', indexed: false },
      {
        name: 'expiresAt',
        internalType: 'uint64',
        type: 'uint64',
        indexed: false,
      },
    ],
    name: 'ProposalCreated',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'proposalId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
    ],
    name: 'ProposalExecuted',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'orgId', internalType: 'uint32', type: 'uint32', indexed: true },
      {
        name: 'account',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'StaffRemoved',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'orgId', internalType: 'uint32', type: 'uint32', indexed: true },
      {
        name: 'account',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      { name: 'role', internalType: 'bytes32', type: 'bytes32', indexed: true },
    ],
    name: 'StaffSet',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'implementation',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'Upgraded',
  },
  {
    type: 'error',
    inputs: [{ name: 'target', internalType: 'address', type: 'address' }],
    name: 'AddressEmptyCode',
  },
  {
    type: 'error',
    inputs: [
      { name: 'account', internalType: 'address', type: 'address' },
      { name: 'orgId', internalType: 'uint32', type: 'uint32' },
    ],
    name: 'ConsortiumAccountAlreadyAssigned',
  },
  {
    type: 'error',
    inputs: [
      { name: 'account', internalType: 'address', type: 'address' },
      { name: 'orgId', internalType: 'uint32', type: 'uint32' },
    ],
    name: 'ConsortiumAccountNotStaff',
  },
  {
    type: 'error',
    inputs: [
      { name: 'account', internalType: 'address', type: 'address' },
      { name: 'proposalId', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'ConsortiumAccountReserved',
  },
  {
    type: 'error',
    inputs: [
      { name: 'proposalId', internalType: 'uint256', type: 'uint256' },
      { name: 'orgId', internalType: 'uint32', type: 'uint32' },
    ],
    name: 'ConsortiumAlreadyApproved',
  },
  {
    type: 'error',
    inputs: [{ name: 'index', internalType: 'uint256', type: 'uint256' }],
    name: 'ConsortiumInvalidFounder',
  },
  {
    type: 'error',
    inputs: [{ name: 'orgId', internalType: 'uint32', type: 'uint32' }],
    name: 'ConsortiumInvalidOrganisation',
  },
  {
    type: 'error',
    inputs: [{ name: 'proposalId', internalType: 'uint256', type: 'uint256' }],
    name: 'ConsortiumInvalidProposal',
  },
  {
    type: 'error',
    inputs: [
      {
        name: 'action',
        internalType: 'enum IConsortium.ProposalAction',
        type: 'uint8',
      },
    ],
    name: 'ConsortiumInvalidProposalData',
  },
  { type: 'error', inputs: [], name: 'ConsortiumLastMember' },
  {
    type: 'error',
    inputs: [{ name: 'account', internalType: 'address', type: 'address' }],
    name: 'ConsortiumNotMemberAdmin',
  },
  {
    type: 'error',
    inputs: [
      { name: 'orgId', internalType: 'uint32', type: 'uint32' },
      { name: 'account', internalType: 'address', type: 'address' },
    ],
    name: 'ConsortiumNotOrgAdmin',
  },
  {
    type: 'error',
    inputs: [
      { name: 'key', internalType: 'bytes32', type: 'bytes32' },
      { name: 'value', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'ConsortiumParameterOutOfRange',
  },
  {
    type: 'error',
    inputs: [{ name: 'proposalId', internalType: 'uint256', type: 'uint256' }],
    name: 'ConsortiumProposalAlreadyExecuted',
  },
  {
    type: 'error',
    inputs: [
      { name: 'proposalId', internalType: 'uint256', type: 'uint256' },
      { name: 'expiredAt', internalType: 'uint64', type: 'uint64' },
    ],
    name: 'ConsortiumProposalExpired',
  },
  {
    type: 'error',
    inputs: [
      { name: 'kind', internalType: 'enum IConsortium.OrgKind', type: 'uint8' },
      { name: 'role', internalType: 'bytes32', type: 'bytes32' },
    ],
    name: 'ConsortiumRoleNotAllowedForKind',
  },
  {
    type: 'error',
    inputs: [
      { name: 'implementation', internalType: 'address', type: 'address' },
    ],
    name: 'ERC1967InvalidImplementation',
  },
  { type: 'error', inputs: [], name: 'ERC1967NonPayable' },
  { type: 'error', inputs: [], name: 'FailedCall' },
  {
    type: 'error',
    inputs: [{ name: 'caller', internalType: 'address', type: 'address' }],
    name: 'GovernedUpgradeOnlyGovernance',
  },
  { type: 'error', inputs: [], name: 'InvalidInitialization' },
  { type: 'error', inputs: [], name: 'NotInitializing' },
  { type: 'error', inputs: [], name: 'UUPSUnauthorizedCallContext' },
  {
    type: 'error',
    inputs: [{ name: 'slot', internalType: 'bytes32', type: 'bytes32' }],
    name: 'UUPSUnsupportedProxiableUUID',
  },
] as const

//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////
// DocumentAnchor
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

export const documentAnchorAbi = [
  { type: 'constructor', inputs: [], stateMutability: 'nonpayable' },
  {
    type: 'function',
    inputs: [],
    name: 'UPGRADE_INTERFACE_VERSION',
    outputs: [{ name: '', internalType: 'string', type: 'string' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'documentHash', internalType: 'bytes32', type: 'bytes32' },
    ],
    name: 'anchor',
    outputs: [
      {
        name: '',
        internalType: 'struct IDocumentAnchor.Anchor',
        type: 'tuple',
        components: [
          { name: 'orgId', internalType: 'uint32', type: 'uint32' },
          { name: 'anchoredAt', internalType: 'uint40', type: 'uint40' },
          { name: 'anchoredBy', internalType: 'address', type: 'address' },
        ],
      },
    ],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'documentHashes', internalType: 'bytes32[]', type: 'bytes32[]' },
    ],
    name: 'anchorBatch',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'documentHash', internalType: 'bytes32', type: 'bytes32' },
    ],
    name: 'anchorOf',
    outputs: [
      {
        name: '',
        internalType: 'struct IDocumentAnchor.Anchor',
        type: 'tuple',
        components: [
          { name: 'orgId', internalType: 'uint32', type: 'uint32' },
          { name: 'anchoredAt', internalType: 'uint40', type: 'uint40' },
          { name: 'anchoredBy', internalType: 'address', type: 'address' },
        ],
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'consortium',
    outputs: [{ name: '', internalType: 'address', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'consortium_',
        internalType: 'contract IConsortium',
        type: 'address',
      },
    ],
    name: 'initialize',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'proxiableUUID',
    outputs: [{ name: '', internalType: 'bytes32', type: 'bytes32' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'newImplementation', internalType: 'address', type: 'address' },
      { name: 'data', internalType: 'bytes', type: 'bytes' },
    ],
    name: 'upgradeToAndCall',
    outputs: [],
    stateMutability: 'payable',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'documentHash',
        internalType: 'bytes32',
        type: 'bytes32',
        indexed: true,
      },
      { name: 'orgId', internalType: 'uint32', type: 'uint32', indexed: true },
      {
        name: 'anchoredBy',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'DocumentAnchored',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'version',
        internalType: 'uint64',
        type: 'uint64',
        indexed: false,
      },
    ],
    name: 'Initialized',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'implementation',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'Upgraded',
  },
  {
    type: 'error',
    inputs: [{ name: 'target', internalType: 'address', type: 'address' }],
    name: 'AddressEmptyCode',
  },
  { type: 'error', inputs: [], name: 'DocumentAnchorInvalidHash' },
  {
    type: 'error',
    inputs: [{ name: 'account', internalType: 'address', type: 'address' }],
    name: 'DocumentAnchorNotArchivist',
  },
  {
    type: 'error',
    inputs: [
      { name: 'implementation', internalType: 'address', type: 'address' },
    ],
    name: 'ERC1967InvalidImplementation',
  },
  { type: 'error', inputs: [], name: 'ERC1967NonPayable' },
  { type: 'error', inputs: [], name: 'FailedCall' },
  {
    type: 'error',
    inputs: [{ name: 'caller', internalType: 'address', type: 'address' }],
    name: 'GovernedUpgradeOnlyGovernance',
  },
  { type: 'error', inputs: [], name: 'InvalidInitialization' },
  { type: 'error', inputs: [], name: 'NotInitializing' },
  { type: 'error', inputs: [], name: 'UUPSUnauthorizedCallContext' },
  {
    type: 'error',
    inputs: [{ name: 'slot', internalType: 'bytes32', type: 'bytes32' }],
    name: 'UUPSUnsupportedProxiableUUID',
  },
] as const

//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////
// Insurance
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

export const insuranceAbi = [
  { type: 'constructor', inputs: [], stateMutability: 'nonpayable' },
  {
    type: 'function',
    inputs: [],
    name: 'UPGRADE_INTERFACE_VERSION',
    outputs: [{ name: '', internalType: 'string', type: 'string' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'tokenId', internalType: 'uint256', type: 'uint256' }],
    name: 'acceptCover',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'tokenId', internalType: 'uint256', type: 'uint256' }],
    name: 'activeInsurer',
    outputs: [
      { name: 'covered', internalType: 'bool', type: 'bool' },
      { name: 'insurerOrg', internalType: 'uint32', type: 'uint32' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'tokenId', internalType: 'uint256', type: 'uint256' },
      { name: 'blocks', internalType: 'uint32[]', type: 'uint32[]' },
    ],
    name: 'backfillBookEventBlocks',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'tokenId', internalType: 'uint256', type: 'uint256' },
      { name: 'start', internalType: 'uint256', type: 'uint256' },
      { name: 'count', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'bookEventBlocks',
    outputs: [
      { name: 'blocks', internalType: 'uint256[]', type: 'uint256[]' },
      { name: 'total', internalType: 'uint256', type: 'uint256' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'carBook',
    outputs: [{ name: '', internalType: 'address', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'claimId', internalType: 'uint256', type: 'uint256' }],
    name: 'claim',
    outputs: [
      {
        name: '',
        internalType: 'struct IInsurance.Claim',
        type: 'tuple',
        components: [
          { name: 'tokenId', internalType: 'uint256', type: 'uint256' },
          { name: 'insurerOrg', internalType: 'uint32', type: 'uint32' },
          {
            name: 'verdict',
            internalType: 'enum IInsurance.Verdict',
            type: 'uint8',
          },
          { name: 'openedAt', internalType: 'uint40', type: 'uint40' },
          { name: 'expert', internalType: 'address', type: 'address' },
        ],
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'claimCount',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'claimId', internalType: 'uint256', type: 'uint256' }],
    name: 'claimLive',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'insurerOrg', internalType: 'uint32', type: 'uint32' },
      { name: 'start', internalType: 'uint256', type: 'uint256' },
      { name: 'count', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'claimsOf',
    outputs: [
      { name: 'claimIds', internalType: 'uint256[]', type: 'uint256[]' },
      { name: 'total', internalType: 'uint256', type: 'uint256' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'consortium',
    outputs: [{ name: '', internalType: 'address', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'tokenId', internalType: 'uint256', type: 'uint256' }],
    name: 'coverOf',
    outputs: [
      {
        name: '',
        internalType: 'struct IInsurance.Cover',
        type: 'tuple',
        components: [
          { name: 'insurerOrg', internalType: 'uint32', type: 'uint32' },
          {
            name: 'status',
            internalType: 'enum IInsurance.CoverStatus',
            type: 'uint8',
          },
          { name: 'since', internalType: 'uint40', type: 'uint40' },
          { name: 'holder', internalType: 'address', type: 'address' },
          { name: 'ownershipEpoch', internalType: 'uint32', type: 'uint32' },
          { name: 'claimFloor', internalType: 'uint64', type: 'uint64' },
        ],
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'insurerOrg', internalType: 'uint32', type: 'uint32' },
      { name: 'start', internalType: 'uint256', type: 'uint256' },
      { name: 'count', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'coversOf',
    outputs: [
      { name: 'tokenIds', internalType: 'uint256[]', type: 'uint256[]' },
      { name: 'total', internalType: 'uint256', type: 'uint256' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'tokenId', internalType: 'uint256', type: 'uint256' }],
    name: 'endCover',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'maxClaims', internalType: 'uint256', type: 'uint256' },
      { name: 'tokenIds', internalType: 'uint256[]', type: 'uint256[]' },
    ],
    name: 'indexLegacy',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'indexStartBlock',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'consortium_',
        internalType: 'contract IConsortium',
        type: 'address',
      },
      { name: 'carBook_', internalType: 'contract CarBook', type: 'address' },
    ],
    name: 'initialize',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'initializeIndexes',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'claimId', internalType: 'uint256', type: 'uint256' },
      { name: 'expert', internalType: 'address', type: 'address' },
    ],
    name: 'mandateExpert',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'expert', internalType: 'address', type: 'address' },
      { name: 'start', internalType: 'uint256', type: 'uint256' },
      { name: 'count', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'mandatesOf',
    outputs: [
      { name: 'claimIds', internalType: 'uint256[]', type: 'uint256[]' },
      { name: 'total', internalType: 'uint256', type: 'uint256' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'tokenId', internalType: 'uint256', type: 'uint256' }],
    name: 'openClaim',
    outputs: [{ name: 'claimId', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'proxiableUUID',
    outputs: [{ name: '', internalType: 'bytes32', type: 'bytes32' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'tokenId', internalType: 'uint256', type: 'uint256' },
      { name: 'insurerOrg', internalType: 'uint32', type: 'uint32' },
    ],
    name: 'requestCover',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'claimId', internalType: 'uint256', type: 'uint256' },
      { name: 'mileage', internalType: 'uint64', type: 'uint64' },
      {
        name: 'verdict',
        internalType: 'enum IInsurance.Verdict',
        type: 'uint8',
      },
      { name: 'documentHash', internalType: 'bytes32', type: 'bytes32' },
      { name: 'payload', internalType: 'bytes', type: 'bytes' },
    ],
    name: 'submitDiagnosis',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'newImplementation', internalType: 'address', type: 'address' },
      { name: 'data', internalType: 'bytes', type: 'bytes' },
    ],
    name: 'upgradeToAndCall',
    outputs: [],
    stateMutability: 'payable',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'tokenId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'entries',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'BookEventBlocksBackfilled',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'claimId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'tokenId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'insurerOrg',
        internalType: 'uint32',
        type: 'uint32',
        indexed: true,
      },
      {
        name: 'handler',
        internalType: 'address',
        type: 'address',
        indexed: false,
      },
    ],
    name: 'ClaimOpened',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'tokenId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'insurerOrg',
        internalType: 'uint32',
        type: 'uint32',
        indexed: true,
      },
      {
        name: 'handler',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'CoverAccepted',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'tokenId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'insurerOrg',
        internalType: 'uint32',
        type: 'uint32',
        indexed: true,
      },
      { name: 'by', internalType: 'address', type: 'address', indexed: true },
    ],
    name: 'CoverEnded',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'tokenId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'insurerOrg',
        internalType: 'uint32',
        type: 'uint32',
        indexed: true,
      },
      {
        name: 'holder',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'CoverRequested',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'claimId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'tokenId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'expert',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'verdict',
        internalType: 'enum IInsurance.Verdict',
        type: 'uint8',
        indexed: false,
      },
    ],
    name: 'DiagnosisSubmitted',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'claimId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'expert',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'ExpertMandated',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'version',
        internalType: 'uint64',
        type: 'uint64',
        indexed: false,
      },
    ],
    name: 'Initialized',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'implementation',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'Upgraded',
  },
  {
    type: 'error',
    inputs: [{ name: 'target', internalType: 'address', type: 'address' }],
    name: 'AddressEmptyCode',
  },
  {
    type: 'error',
    inputs: [{ name: 'blockNumber', internalType: 'uint256', type: 'uint256' }],
    name: 'BlockIndexBlockNumberTooLarge',
  },
  {
    type: 'error',
    inputs: [
      { name: 'implementation', internalType: 'address', type: 'address' },
    ],
    name: 'ERC1967InvalidImplementation',
  },
  { type: 'error', inputs: [], name: 'ERC1967NonPayable' },
  { type: 'error', inputs: [], name: 'FailedCall' },
  {
    type: 'error',
    inputs: [{ name: 'caller', internalType: 'address', type: 'address' }],
    name: 'GovernedUpgradeOnlyGovernance',
  },
  {
    type: 'error',
    inputs: [{ name: 'tokenId', internalType: 'uint256', type: 'uint256' }],
    name: 'IndexBackfillInvalid',
  },
  {
    type: 'error',
    inputs: [{ name: 'tokenId', internalType: 'uint256', type: 'uint256' }],
    name: 'InsuranceBookNotActive',
  },
  {
    type: 'error',
    inputs: [
      { name: 'claimId', internalType: 'uint256', type: 'uint256' },
      {
        name: 'verdict',
        internalType: 'enum IInsurance.Verdict',
        type: 'uint8',
      },
    ],
    name: 'InsuranceClaimClosed',
  },
  {
    type: 'error',
    inputs: [
      { name: 'claimId', internalType: 'uint256', type: 'uint256' },
      { name: 'expiredAt', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'InsuranceClaimExpired',
  },
  {
    type: 'error',
    inputs: [{ name: 'claimId', internalType: 'uint256', type: 'uint256' }],
    name: 'InsuranceClaimLapsed',
  },
  {
    type: 'error',
    inputs: [
      { name: 'tokenId', internalType: 'uint256', type: 'uint256' },
      { name: 'insurerOrg', internalType: 'uint32', type: 'uint32' },
    ],
    name: 'InsuranceCoverAlreadyActive',
  },
  {
    type: 'error',
    inputs: [
      { name: 'claimId', internalType: 'uint256', type: 'uint256' },
      { name: 'expert', internalType: 'address', type: 'address' },
    ],
    name: 'InsuranceExpertConflict',
  },
  {
    type: 'error',
    inputs: [{ name: 'expert', internalType: 'address', type: 'address' }],
    name: 'InsuranceInvalidExpert',
  },
  { type: 'error', inputs: [], name: 'InsuranceInvalidVerdict' },
  {
    type: 'error',
    inputs: [{ name: 'tokenId', internalType: 'uint256', type: 'uint256' }],
    name: 'InsuranceNoCoverRequest',
  },
  {
    type: 'error',
    inputs: [
      { name: 'insurerOrg', internalType: 'uint32', type: 'uint32' },
      { name: 'account', internalType: 'address', type: 'address' },
    ],
    name: 'InsuranceNotClaimsHandler',
  },
  {
    type: 'error',
    inputs: [{ name: 'tokenId', internalType: 'uint256', type: 'uint256' }],
    name: 'InsuranceNotCovered',
  },
  {
    type: 'error',
    inputs: [{ name: 'orgId', internalType: 'uint32', type: 'uint32' }],
    name: 'InsuranceNotInsurer',
  },
  {
    type: 'error',
    inputs: [
      { name: 'claimId', internalType: 'uint256', type: 'uint256' },
      { name: 'account', internalType: 'address', type: 'address' },
    ],
    name: 'InsuranceNotMandatedExpert',
  },
  {
    type: 'error',
    inputs: [
      { name: 'tokenId', internalType: 'uint256', type: 'uint256' },
      { name: 'account', internalType: 'address', type: 'address' },
    ],
    name: 'InsuranceNotOwner',
  },
  {
    type: 'error',
    inputs: [{ name: 'claimId', internalType: 'uint256', type: 'uint256' }],
    name: 'InsuranceUnknownClaim',
  },
  { type: 'error', inputs: [], name: 'InvalidInitialization' },
  { type: 'error', inputs: [], name: 'NotInitializing' },
  { type: 'error', inputs: [], name: 'UUPSUnauthorizedCallContext' },
  {
    type: 'error',
    inputs: [{ name: 'slot', internalType: 'bytes32', type: 'bytes32' }],
    name: 'UUPSUnsupportedProxiableUUID',
  },
] as const

//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////
// KeyRegistry
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

export const keyRegistryAbi = [
  { type: 'constructor', inputs: [], stateMutability: 'nonpayable' },
  {
    type: 'function',
    inputs: [],
    name: 'MAX_WRAPS_PER_READER',
    outputs: [{ name: '', internalType: 'uint8', type: 'uint8' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'UPGRADE_INTERFACE_VERSION',
    outputs: [{ name: '', internalType: 'string', type: 'string' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'WRAP_LENGTH',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'WRAP_VERSION',
    outputs: [{ name: '', internalType: 'uint8', type: 'uint8' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'tokenId', internalType: 'uint256', type: 'uint256' },
      { name: 'shareKey', internalType: 'bytes32', type: 'bytes32' },
      { name: 'epochs', internalType: 'uint32[]', type: 'uint32[]' },
      { name: 'wraps', internalType: 'bytes[]', type: 'bytes[]' },
    ],
    name: 'addShareKey',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'tokenId', internalType: 'uint256', type: 'uint256' },
      { name: 'blocks', internalType: 'uint32[]', type: 'uint32[]' },
    ],
    name: 'backfillBookEventBlocks',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'tokenId', internalType: 'uint256', type: 'uint256' },
      { name: 'start', internalType: 'uint256', type: 'uint256' },
      { name: 'count', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'bookEventBlocks',
    outputs: [
      { name: 'blocks', internalType: 'uint256[]', type: 'uint256[]' },
      { name: 'total', internalType: 'uint256', type: 'uint256' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'tokenId', internalType: 'uint256', type: 'uint256' }],
    name: 'bookKeys',
    outputs: [
      {
        name: '',
        internalType: 'struct IKeyRegistry.BookKeys',
        type: 'tuple',
        components: [
          { name: 'started', internalType: 'bool', type: 'bool' },
          { name: 'currentEpoch', internalType: 'uint32', type: 'uint32' },
          {
            name: 'ownershipEpochAtStart',
            internalType: 'uint32',
            type: 'uint32',
          },
        ],
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'tokenId', internalType: 'uint256', type: 'uint256' },
      { name: 'account', internalType: 'address', type: 'address' },
    ],
    name: 'canPublishEpochWraps',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'carBook',
    outputs: [{ name: '', internalType: 'address', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'consortium',
    outputs: [{ name: '', internalType: 'address', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'tokenId', internalType: 'uint256', type: 'uint256' }],
    name: 'currentEpoch',
    outputs: [
      { name: 'started', internalType: 'bool', type: 'bool' },
      { name: 'epoch', internalType: 'uint32', type: 'uint32' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'tokenId', internalType: 'uint256', type: 'uint256' },
      { name: 'shareKeys', internalType: 'bytes32[]', type: 'bytes32[]' },
    ],
    name: 'indexLegacyShareKeys',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'indexStartBlock',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'consortium_',
        internalType: 'contract IConsortium',
        type: 'address',
      },
      { name: 'carBook_', internalType: 'contract ICarBook', type: 'address' },
    ],
    name: 'initialize',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'initializeIndexes',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'tokenId', internalType: 'uint256', type: 'uint256' },
      { name: 'shareKey', internalType: 'bytes32', type: 'bytes32' },
    ],
    name: 'isShareKeyLive',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'tokenId', internalType: 'uint256', type: 'uint256' },
      { name: 'account', internalType: 'address', type: 'address' },
    ],
    name: 'isTrustedPublisher',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'orgId', internalType: 'uint32', type: 'uint32' },
      { name: 'start', internalType: 'uint256', type: 'uint256' },
      { name: 'count', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'orgKeyEventBlocks',
    outputs: [
      { name: 'blocks', internalType: 'uint256[]', type: 'uint256[]' },
      { name: 'total', internalType: 'uint256', type: 'uint256' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'orgId', internalType: 'uint32', type: 'uint32' }],
    name: 'orgKeyOf',
    outputs: [
      {
        name: '',
        internalType: 'struct IKeyRegistry.OrgKey',
        type: 'tuple',
        components: [
          { name: 'publicKey', internalType: 'bytes32', type: 'bytes32' },
          { name: 'keyVersion', internalType: 'uint32', type: 'uint32' },
        ],
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'proxiableUUID',
    outputs: [{ name: '', internalType: 'bytes32', type: 'bytes32' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'tokenId', internalType: 'uint256', type: 'uint256' },
      { name: 'epoch', internalType: 'uint32', type: 'uint32' },
      { name: 'readerKeys', internalType: 'bytes32[]', type: 'bytes32[]' },
      { name: 'wraps', internalType: 'bytes[]', type: 'bytes[]' },
    ],
    name: 'publishEpochWraps',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'tokenId', internalType: 'uint256', type: 'uint256' },
      {
        name: 'batches',
        internalType: 'struct IKeyRegistry.EpochWraps[]',
        type: 'tuple[]',
        components: [
          { name: 'epoch', internalType: 'uint32', type: 'uint32' },
          { name: 'readerKeys', internalType: 'bytes32[]', type: 'bytes32[]' },
          { name: 'wraps', internalType: 'bytes[]', type: 'bytes[]' },
        ],
      },
    ],
    name: 'publishEpochWrapsBatch',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'publicKey', internalType: 'bytes32', type: 'bytes32' },
      { name: 'keyVersion', internalType: 'uint32', type: 'uint32' },
      { name: 'staff', internalType: 'address[]', type: 'address[]' },
      { name: 'wraps', internalType: 'bytes[]', type: 'bytes[]' },
    ],
    name: 'publishOrgKey',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'keyVersion', internalType: 'uint32', type: 'uint32' },
      { name: 'staff', internalType: 'address[]', type: 'address[]' },
      { name: 'wraps', internalType: 'bytes[]', type: 'bytes[]' },
    ],
    name: 'publishOrgStaffWraps',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'account', internalType: 'address', type: 'address' }],
    name: 'readingKeyOf',
    outputs: [
      {
        name: '',
        internalType: 'struct IKeyRegistry.ReadingKey',
        type: 'tuple',
        components: [
          { name: 'publicKey', internalType: 'bytes32', type: 'bytes32' },
          { name: 'version', internalType: 'uint32', type: 'uint32' },
        ],
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'publicKey', internalType: 'bytes32', type: 'bytes32' }],
    name: 'registerReadingKey',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'tokenId', internalType: 'uint256', type: 'uint256' },
      { name: 'shareKey', internalType: 'bytes32', type: 'bytes32' },
    ],
    name: 'revokeShareKey',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'tokenId', internalType: 'uint256', type: 'uint256' },
      { name: 'start', internalType: 'uint256', type: 'uint256' },
      { name: 'count', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'shareKeysOf',
    outputs: [
      { name: 'shareKeys', internalType: 'bytes32[]', type: 'bytes32[]' },
      { name: 'total', internalType: 'uint256', type: 'uint256' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'newImplementation', internalType: 'address', type: 'address' },
      { name: 'data', internalType: 'bytes', type: 'bytes' },
    ],
    name: 'upgradeToAndCall',
    outputs: [],
    stateMutability: 'payable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'tokenId', internalType: 'uint256', type: 'uint256' },
      { name: 'epoch', internalType: 'uint32', type: 'uint32' },
      { name: 'readerKey', internalType: 'bytes32', type: 'bytes32' },
    ],
    name: 'wrapCount',
    outputs: [{ name: '', internalType: 'uint8', type: 'uint8' }],
    stateMutability: 'view',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'tokenId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'entries',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'BookEventBlocksBackfilled',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'tokenId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      { name: 'epoch', internalType: 'uint32', type: 'uint32', indexed: false },
      {
        name: 'readerKey',
        internalType: 'bytes32',
        type: 'bytes32',
        indexed: true,
      },
      { name: 'wrap', internalType: 'bytes', type: 'bytes', indexed: false },
      {
        name: 'publisher',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'EpochKeyWrapped',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'tokenId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      { name: 'epoch', internalType: 'uint32', type: 'uint32', indexed: false },
      {
        name: 'publisher',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'EpochStarted',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'version',
        internalType: 'uint64',
        type: 'uint64',
        indexed: false,
      },
    ],
    name: 'Initialized',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'orgId', internalType: 'uint32', type: 'uint32', indexed: true },
      {
        name: 'publicKey',
        internalType: 'bytes32',
        type: 'bytes32',
        indexed: false,
      },
      {
        name: 'keyVersion',
        internalType: 'uint32',
        type: 'uint32',
        indexed: false,
      },
      {
        name: 'admin',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'OrgKeyPublished',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'orgId', internalType: 'uint32', type: 'uint32', indexed: true },
      {
        name: 'keyVersion',
        internalType: 'uint32',
        type: 'uint32',
        indexed: false,
      },
      {
        name: 'staff',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      { name: 'wrap', internalType: 'bytes', type: 'bytes', indexed: false },
    ],
    name: 'OrgKeyWrapped',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'account',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'publicKey',
        internalType: 'bytes32',
        type: 'bytes32',
        indexed: false,
      },
      {
        name: 'version',
        internalType: 'uint32',
        type: 'uint32',
        indexed: false,
      },
    ],
    name: 'ReadingKeyRegistered',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'tokenId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'shareKey',
        internalType: 'bytes32',
        type: 'bytes32',
        indexed: true,
      },
      {
        name: 'ownershipEpoch',
        internalType: 'uint32',
        type: 'uint32',
        indexed: false,
      },
    ],
    name: 'ShareKeyAdded',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'tokenId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'shareKey',
        internalType: 'bytes32',
        type: 'bytes32',
        indexed: true,
      },
    ],
    name: 'ShareKeyRevoked',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'implementation',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'Upgraded',
  },
  {
    type: 'error',
    inputs: [{ name: 'target', internalType: 'address', type: 'address' }],
    name: 'AddressEmptyCode',
  },
  {
    type: 'error',
    inputs: [{ name: 'blockNumber', internalType: 'uint256', type: 'uint256' }],
    name: 'BlockIndexBlockNumberTooLarge',
  },
  {
    type: 'error',
    inputs: [
      { name: 'implementation', internalType: 'address', type: 'address' },
    ],
    name: 'ERC1967InvalidImplementation',
  },
  { type: 'error', inputs: [], name: 'ERC1967NonPayable' },
  { type: 'error', inputs: [], name: 'FailedCall' },
  {
    type: 'error',
    inputs: [{ name: 'caller', internalType: 'address', type: 'address' }],
    name: 'GovernedUpgradeOnlyGovernance',
  },
  {
    type: 'error',
    inputs: [{ name: 'tokenId', internalType: 'uint256', type: 'uint256' }],
    name: 'IndexBackfillInvalid',
  },
  { type: 'error', inputs: [], name: 'InvalidInitialization' },
  {
    type: 'error',
    inputs: [{ name: 'tokenId', internalType: 'uint256', type: 'uint256' }],
    name: 'KeyRegistryBookNotFound',
  },
  { type: 'error', inputs: [], name: 'KeyRegistryEmptyWraps' },
  {
    type: 'error',
    inputs: [
      { name: 'tokenId', internalType: 'uint256', type: 'uint256' },
      { name: 'given', internalType: 'uint32', type: 'uint32' },
      { name: 'next', internalType: 'uint32', type: 'uint32' },
    ],
    name: 'KeyRegistryEpochNotNext',
  },
  {
    type: 'error',
    inputs: [
      { name: 'tokenId', internalType: 'uint256', type: 'uint256' },
      { name: 'epoch', internalType: 'uint32', type: 'uint32' },
    ],
    name: 'KeyRegistryEpochUnused',
  },
  { type: 'error', inputs: [], name: 'KeyRegistryInvalidPublicKey' },
  {
    type: 'error',
    inputs: [
      { name: 'index', internalType: 'uint256', type: 'uint256' },
      { name: 'length', internalType: 'uint256', type: 'uint256' },
      { name: 'version', internalType: 'uint8', type: 'uint8' },
    ],
    name: 'KeyRegistryInvalidWrap',
  },
  {
    type: 'error',
    inputs: [
      { name: 'keys', internalType: 'uint256', type: 'uint256' },
      { name: 'wraps', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'KeyRegistryLengthMismatch',
  },
  {
    type: 'error',
    inputs: [
      { name: 'tokenId', internalType: 'uint256', type: 'uint256' },
      { name: 'account', internalType: 'address', type: 'address' },
    ],
    name: 'KeyRegistryNotBookKeyPublisher',
  },
  {
    type: 'error',
    inputs: [
      { name: 'tokenId', internalType: 'uint256', type: 'uint256' },
      { name: 'readerKey', internalType: 'bytes32', type: 'bytes32' },
    ],
    name: 'KeyRegistryNotBookReader',
  },
  {
    type: 'error',
    inputs: [{ name: 'account', internalType: 'address', type: 'address' }],
    name: 'KeyRegistryNotOrgAdmin',
  },
  {
    type: 'error',
    inputs: [
      { name: 'tokenId', internalType: 'uint256', type: 'uint256' },
      { name: 'account', internalType: 'address', type: 'address' },
    ],
    name: 'KeyRegistryNotOwner',
  },
  {
    type: 'error',
    inputs: [
      { name: 'orgId', internalType: 'uint32', type: 'uint32' },
      { name: 'account', internalType: 'address', type: 'address' },
    ],
    name: 'KeyRegistryNotStaff',
  },
  {
    type: 'error',
    inputs: [
      { name: 'orgId', internalType: 'uint32', type: 'uint32' },
      { name: 'given', internalType: 'uint32', type: 'uint32' },
      { name: 'current', internalType: 'uint32', type: 'uint32' },
    ],
    name: 'KeyRegistryOrgKeyVersionNotCurrent',
  },
  {
    type: 'error',
    inputs: [
      { name: 'orgId', internalType: 'uint32', type: 'uint32' },
      { name: 'given', internalType: 'uint32', type: 'uint32' },
      { name: 'next', internalType: 'uint32', type: 'uint32' },
    ],
    name: 'KeyRegistryOrgKeyVersionNotNext',
  },
  {
    type: 'error',
    inputs: [
      { name: 'tokenId', internalType: 'uint256', type: 'uint256' },
      { name: 'shareKey', internalType: 'bytes32', type: 'bytes32' },
    ],
    name: 'KeyRegistryShareKeyNotLive',
  },
  {
    type: 'error',
    inputs: [
      { name: 'tokenId', internalType: 'uint256', type: 'uint256' },
      { name: 'epoch', internalType: 'uint32', type: 'uint32' },
      { name: 'readerKey', internalType: 'bytes32', type: 'bytes32' },
    ],
    name: 'KeyRegistryWrapLimit',
  },
  { type: 'error', inputs: [], name: 'NotInitializing' },
  { type: 'error', inputs: [], name: 'UUPSUnauthorizedCallContext' },
  {
    type: 'error',
    inputs: [{ name: 'slot', internalType: 'bytes32', type: 'bytes32' }],
    name: 'UUPSUnsupportedProxiableUUID',
  },
] as const
