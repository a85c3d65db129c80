/**
 * Every constant TypeScript mirrors from the contracts, checked against a deployed local consortium (what the
 * contracts return) and, where the contracts expose nothing (enum members, library constants), against the
 * compiled AST in contracts/out (forge builds with `ast = true`). A value changed on one side only fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BaseError,
  ContractFunctionRevertedError,
  domainSeparator,
  encodeAbiParameters,
  getAddress,
  hashTypedData,
  keccak256,
  toHex,
  zeroHash,
  type Address,
  type Hex,
} from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { demoAccounts, type DemoRole } from '../../dev/stack/accounts';
import { startPrivacyStack, type PrivacyStack } from '../../dev/testing/privacy-stack';
import { MAX_PAYLOAD_BYTES, WRAP_LENGTH } from '../crypto';
import { WRAP_VERSION } from '../crypto/wrap';
import { carBookAbi, consortiumAbi, keyRegistryAbi } from './generated';
import {
  BOOK_STATUSES,
  BookStatus,
  COVER_STATUSES,
  CoverStatus,
  EIP712_TYPES,
  ORG_KINDS,
  OrgKind,
  PARAMETERS,
  PROPOSAL_ACTIONS,
  ProposalAction,
  READING_SKIP_REASONS,
  RECORD_KINDS,
  ROLES,
  RecordKind,
  STAFF_ROLES,
  VERDICTS,
  Verdict,
  carBookDomain,
  type RoleName,
} from './roles';

// ---------------------------------------------------------------------------------------- the compiled AST

type AstNode = { nodeType?: string; [key: string]: unknown };

/** The AST of every source file under contracts/src, from its forge artifact. */
function sourceAsts(): { file: string; ast: AstNode }[] {
  const files = readdirSync(path.resolve('contracts/src'), { recursive: true, encoding: 'utf8' }).filter((f) =>
    f.endsWith('.sol'),
  );
  return files.map((file) => {
    const base = path.basename(file);
    const artifact = path.resolve('contracts/out', base, base.replace(/\.sol$/, '.json'));
    const json = JSON.parse(readFileSync(artifact, 'utf8')) as { ast?: AstNode };
    if (!json.ast) throw new Error(`${artifact} has no AST: build with forge (foundry.toml sets ast = true)`);
    return { file, ast: json.ast };
  });
}

function* nodes(node: unknown): Generator<AstNode> {
  if (Array.isArray(node)) for (const child of node) yield* nodes(child);
  else if (node && typeof node === 'object') {
    yield node as AstNode;
    for (const value of Object.values(node)) yield* nodes(value);
  }
}

const asts = sourceAsts();
const astNodes = asts.flatMap(({ ast }) => [...nodes(ast)]);

/** canonicalName (e.g. "ICarBook.RecordKind") → member names in order, for every enum the contracts declare. */
const solidityEnums = new Map(
  astNodes
    .filter((n) => n.nodeType === 'EnumDefinition')
    .map((n) => [n.canonicalName as string, (n.members as { name: string }[]).map((m) => m.name)]),
);

/** `bytes32 constant X = keccak256("text")` of a library: X → "text". */
function keccakConstants(library: string): Record<string, string> {
  const definition = astNodes.find((n) => n.nodeType === 'ContractDefinition' && n.name === library);
  if (!definition) throw new Error(`no library ${library} in contracts/src`);
  const out: Record<string, string> = {};
  for (const n of definition.nodes as AstNode[]) {
    if (n.nodeType !== 'VariableDeclaration' || !n.constant) continue;
    const value = n.value as { nodeType?: string; expression?: { name?: string }; arguments?: { value?: string }[] };
    if (value?.nodeType === 'FunctionCall' && value.expression?.name === 'keccak256') {
      out[n.name as string] = value.arguments![0].value!;
    }
  }
  return out;
}

/** The TypeScript mirror of each Solidity enum: names in order, and the name → value map where there is one. */
const ENUM_MIRRORS: Record<string, { names: readonly string[]; values?: Record<string, number> }> = {
  'ICarBook.BookStatus': { names: BOOK_STATUSES, values: BookStatus },
  'ICarBook.RecordKind': { names: RECORD_KINDS, values: RecordKind },
  'ICarBook.ReadingSkipReason': { names: READING_SKIP_REASONS },
  'IConsortium.OrgKind': { names: ORG_KINDS, values: OrgKind },
  'IConsortium.ProposalAction': { names: PROPOSAL_ACTIONS, values: ProposalAction },
  'IInsurance.CoverStatus': { names: COVER_STATUSES, values: CoverStatus },
  'IInsurance.Verdict': { names: VERDICTS, values: Verdict },
};

describe('enums (compiled AST)', () => {
  it('every enum the contracts declare has a TypeScript mirror', () => {
    expect(solidityEnums.size).toBeGreaterThan(0);
    expect([...solidityEnums.keys()].sort()).toEqual(Object.keys(ENUM_MIRRORS).sort());
  });

  for (const [name, mirror] of Object.entries(ENUM_MIRRORS)) {
    it(`${name}: same members in the same order`, () => {
      expect(mirror.names).toEqual(solidityEnums.get(name));
      if (mirror.values) {
        expect(mirror.values).toEqual(Object.fromEntries(solidityEnums.get(name)!.map((member, i) => [member, i])));
      }
    });
  }
});

describe('library constants (compiled AST)', () => {
  it('Roles: the same names, each keccak256 of the same text', () => {
    const solidity = keccakConstants('Roles');
    expect(Object.keys(ROLES).sort()).toEqual(Object.keys(solidity).sort());
    for (const [name, text] of Object.entries(solidity))
      expect(ROLES[name as RoleName], name).toBe(keccak256(toHex(text)));
  });

  it('Parameters: the same names, each keccak256 of the same text', () => {
    const solidity = keccakConstants('Parameters');
    expect(Object.keys(PARAMETERS).sort()).toEqual(Object.keys(solidity).sort());
    for (const [name, text] of Object.entries(solidity)) {
      expect(PARAMETERS[name as keyof typeof PARAMETERS], name).toBe(keccak256(toHex(text)));
    }
  });
});

// ---------------------------------------------------------------------------------------- the deployed contracts

let stack: PrivacyStack;
let consortium: Address;
let carBook: Address;
let keyRegistry: Address;
let aliceBook: bigint;
const accounts = demoAccounts();

// Deployed separately from the AST checks above, so that a broken deployment does not hide their verdicts.
describe('deployed contracts', () => {
  beforeAll(async () => {
    stack = await startPrivacyStack({ seed: true });
    ({ consortium, carBook } = stack.deployment);
    keyRegistry = stack.config.contracts.keyRegistry;
    // Token ids are VIN commitments, not counters: find an active book alice owns through the transfer events.
    const received = await stack.publicClient.getContractEvents({
      address: carBook,
      abi: carBookAbi,
      eventName: 'Transfer',
      args: { to: accounts.alice.address },
      fromBlock: 0n,
    });
    let found: bigint | undefined;
    for (const { args } of received) {
      const tokenId = args.tokenId!;
      const [owner, book] = await Promise.all([
        stack.publicClient.readContract({
          address: carBook,
          abi: carBookAbi,
          functionName: 'ownerOf',
          args: [tokenId],
        }),
        stack.publicClient.readContract({ address: carBook, abi: carBookAbi, functionName: 'book', args: [tokenId] }),
      ]);
      if (owner === accounts.alice.address && book.status === BookStatus.Active) found = tokenId;
    }
    if (found === undefined) throw new Error('the seed gave alice no active book');
    aliceBook = found;
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  });

  /** A parameter key's public getter on the Consortium: a key without a getter of its name fails tsc. */
  const parameterGetter = (name: keyof typeof PARAMETERS) =>
    stack.publicClient.readContract({ address: consortium, abi: consortiumAbi, functionName: name });

  /** What a call does on the deployed contracts: 'ok', the custom error's name, or 'no-data' (the ABI decoder refused). */
  async function outcome(call: () => Promise<unknown>): Promise<string> {
    try {
      await call();
      return 'ok';
    } catch (error) {
      const reverted =
        error instanceof BaseError
          ? (error.walk((e) => e instanceof ContractFunctionRevertedError) as ContractFunctionRevertedError | null)
          : null;
      if (!reverted) throw error;
      return reverted.data?.errorName ?? (reverted.raw && reverted.raw !== '0x' ? reverted.raw : 'no-data');
    }
  }

  describe('deployed: parameters, roles, staff rules', () => {
    it('each parameter key equals the Consortium public getter of the same name', async () => {
      for (const name of Object.keys(PARAMETERS) as (keyof typeof PARAMETERS)[]) {
        expect(await parameterGetter(name), name).toBe(PARAMETERS[name]);
      }
    });

    it('each role round-trips: set with the TypeScript value, read back as the contract constant', async () => {
      const admins: Record<string, DemoRole> = {
        Manufacturer: 'makerAdmin',
        Insurer: 'insurerAdmin',
        ArchivingService: 'archiveAdmin',
        Recycler: 'recyclerAdmin',
      };
      const membership = (account: Address) =>
        stack.publicClient.readContract({
          address: consortium,
          abi: consortiumAbi,
          functionName: 'membershipOf',
          args: [account],
        });
      expect((await membership(accounts.makerAdmin.address))[2]).toBe(ROLES.ORG_ADMIN);
      let checked = 1;
      for (const [kind, roles] of Object.entries(STAFF_ROLES)) {
        for (const role of roles) {
          const account = privateKeyToAccount(generatePrivateKey()).address;
          const wallet = stack.wallet(admins[kind]);
          const hash = await wallet.writeContract({
            account: wallet.account!,
            chain: wallet.chain,
            address: consortium,
            abi: consortiumAbi,
            functionName: 'setStaff',
            args: [account, ROLES[role]],
          });
          expect((await stack.publicClient.waitForTransactionReceipt({ hash })).status).toBe('success');
          const [, orgKind, solidityRole] = await membership(account);
          expect(ORG_KINDS[orgKind], role).toBe(kind);
          expect(solidityRole, role).toBe(ROLES[role]);
          checked++;
        }
      }
      expect(checked).toBe(Object.keys(ROLES).length); // every role, ORG_ADMIN included, went through the contract
    });

    it("STAFF_ROLES: each kind's admin may give exactly the roles listed for its kind (Roles.isStaffRoleOf)", async () => {
      const admins: [keyof typeof STAFF_ROLES, DemoRole][] = [
        ['Manufacturer', 'makerAdmin'],
        ['Insurer', 'insurerAdmin'],
        ['ArchivingService', 'archiveAdmin'],
        ['Recycler', 'recyclerAdmin'],
      ];
      for (const [kind, admin] of admins) {
        for (const role of Object.keys(ROLES) as RoleName[]) {
          const result = await outcome(() =>
            stack.publicClient.simulateContract({
              account: accounts[admin].address,
              address: consortium,
              abi: consortiumAbi,
              functionName: 'setStaff',
              args: [privateKeyToAccount(generatePrivateKey()).address, ROLES[role]],
            }),
          );
          expect(result, `${kind} gives ${role}`).toBe(
            STAFF_ROLES[kind].includes(role) ? 'ok' : 'ConsortiumRoleNotAllowedForKind',
          );
        }
      }
      expect(STAFF_ROLES.None).toEqual([]);
    });
  });

  describe('deployed: enum ranges (the ABI decoder refuses one past the last member)', () => {
    const propose = (action: number, data: Hex) => () =>
      stack.publicClient.simulateContract({
        account: accounts.makerAdmin.address,
        address: consortium,
        abi: consortiumAbi,
        functionName: 'propose',
        args: [action, data],
      });
    const addMember = (kind: number) =>
      encodeAbiParameters(
        [{ type: 'string' }, { type: 'uint8' }, { type: 'address' }],
        ['Mirror Test Org', kind, privateKeyToAccount(generatePrivateKey()).address],
      );

    it('ProposalAction', async () => {
      const last = PROPOSAL_ACTIONS.length - 1;
      expect(PROPOSAL_ACTIONS[last]).toBe('UpgradeContract');
      const upgrade = encodeAbiParameters(
        [{ type: 'address' }, { type: 'address' }, { type: 'bytes' }],
        [consortium, carBook, '0x'],
      );
      expect(await outcome(propose(last, upgrade))).toBe('ok');
      expect(await outcome(propose(PROPOSAL_ACTIONS.length, upgrade))).toBe('no-data');
    });

    it('OrgKind', async () => {
      expect(await outcome(propose(ProposalAction.AddMember, addMember(ORG_KINDS.length - 1)))).toBe('ok');
      expect(await outcome(propose(ProposalAction.AddMember, addMember(ORG_KINDS.length)))).toBe('no-data');
    });

    it('RecordKind', async () => {
      const book = await stack.publicClient.readContract({
        address: carBook,
        abi: carBookAbi,
        functionName: 'book',
        args: [aliceBook],
      });
      const append = (kind: number) => () =>
        stack.publicClient.simulateContract({
          account: accounts.alice.address,
          address: carBook,
          abi: carBookAbi,
          functionName: 'appendRecord',
          args: [aliceBook, book.mileage + 10n, kind, zeroHash, '0x'],
        });
      expect(RECORD_KINDS.at(-1)).toBe('EntryVoided');
      expect(await outcome(append(RecordKind.Note))).toBe('ok');
      // The last kind exists on chain (refused as a plain append: only a governance vote writes it).
      expect(await outcome(append(RECORD_KINDS.length - 1))).toBe('CarBookRecordKindNotAllowed');
      expect(await outcome(append(RecordKind.OdometerCorrection))).toBe('CarBookRecordKindNotAllowed');
      expect(await outcome(append(RECORD_KINDS.length))).toBe('no-data');
    });

    it('BookStatus: a seeded book reads Active', async () => {
      const book = await stack.publicClient.readContract({
        address: carBook,
        abi: carBookAbi,
        functionName: 'book',
        args: [aliceBook],
      });
      expect(BOOK_STATUSES[book.status]).toBe('Active');
    });
  });

  describe('deployed: EIP-712 (CarBook) and the byte limits', () => {
    const domain = () => carBookDomain(31337, carBook);

    it('the domain equals ERC-5267 eip712Domain() and its separator domainSeparator()', async () => {
      const [, name, version, chainId, verifyingContract] = await stack.publicClient.readContract({
        address: carBook,
        abi: carBookAbi,
        functionName: 'eip712Domain',
      });
      const expected = domain();
      expect({ name, version, chainId: Number(chainId), verifyingContract: getAddress(verifyingContract) }).toEqual({
        ...expected,
        verifyingContract: getAddress(expected.verifyingContract),
      });
      expect(
        await stack.publicClient.readContract({ address: carBook, abi: carBookAbi, functionName: 'domainSeparator' }),
      ).toBe(domainSeparator({ domain: domain() }));
    });

    it('the type strings hash to READING_TYPEHASH and CORRECTION_TYPEHASH', async () => {
      const typeHash = (name: keyof typeof EIP712_TYPES) =>
        keccak256(toHex(`${name}(${EIP712_TYPES[name].map((f) => `${f.type} ${f.name}`).join(',')})`));
      const view = (functionName: 'READING_TYPEHASH' | 'CORRECTION_TYPEHASH') =>
        stack.publicClient.readContract({ address: carBook, abi: carBookAbi, functionName });
      expect(await view('READING_TYPEHASH')).toBe(typeHash('TelematicsReading'));
      expect(await view('CORRECTION_TYPEHASH')).toBe(typeHash('OdometerCorrection'));
    });

    it('typed data hashes to readingDigest() and correctionDigest()', async () => {
      const reading = { tokenId: aliceBook, mileage: 123_456n, timestamp: 1_800_000_000n };
      expect(
        await stack.publicClient.readContract({
          address: carBook,
          abi: carBookAbi,
          functionName: 'readingDigest',
          args: [reading.tokenId, reading.mileage, reading.timestamp],
        }),
      ).toBe(
        hashTypedData({
          domain: domain(),
          types: { TelematicsReading: EIP712_TYPES.TelematicsReading },
          primaryType: 'TelematicsReading',
          message: reading,
        }),
      );

      const book = await stack.publicClient.readContract({
        address: carBook,
        abi: carBookAbi,
        functionName: 'book',
        args: [aliceBook],
      });
      const documentHash = keccak256(toHex('invoice'));
      const payload = toHex('an encrypted payload');
      expect(
        await stack.publicClient.readContract({
          address: carBook,
          abi: carBookAbi,
          functionName: 'correctionDigest',
          args: [aliceBook, 1_000n, documentHash, payload],
        }),
      ).toBe(
        hashTypedData({
          domain: domain(),
          types: { OdometerCorrection: EIP712_TYPES.OdometerCorrection },
          primaryType: 'OdometerCorrection',
          message: {
            tokenId: aliceBook,
            previousMileage: book.mileage,
            correctedMileage: 1_000n,
            recordIndex: book.recordCount,
            documentHash,
            payloadHash: keccak256(payload),
          },
        }),
      );
    });

    it('payload and key-wrap sizes equal CarBook.MAX_PAYLOAD_BYTES and KeyRegistry.WRAP_LENGTH / WRAP_VERSION', async () => {
      const carBookView = (functionName: 'MAX_PAYLOAD_BYTES') =>
        stack.publicClient.readContract({ address: carBook, abi: carBookAbi, functionName });
      const keyView = (functionName: 'WRAP_LENGTH' | 'WRAP_VERSION') =>
        stack.publicClient.readContract({ address: keyRegistry, abi: keyRegistryAbi, functionName });
      expect(await carBookView('MAX_PAYLOAD_BYTES')).toBe(BigInt(MAX_PAYLOAD_BYTES));
      expect(await keyView('WRAP_LENGTH')).toBe(BigInt(WRAP_LENGTH));
      expect(await keyView('WRAP_VERSION')).toBe(WRAP_VERSION);
    });
  });
});
