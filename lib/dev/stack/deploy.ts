import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  createPublicClient,
  createWalletClient,
  encodeAbiParameters,
  encodeFunctionData,
  http,
  type Address,
  type Hex,
  type PublicClient,
  type WalletClient,
  type Chain,
  defineChain,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { sendAndWait } from '../../browser/chain';
import { carBookAbi, consortiumAbi, documentAnchorAbi, insuranceAbi } from '../../browser/contracts/generated';
import { OrgKind, PARAMETERS, ROLES, ProposalAction } from '../../browser/contracts/roles';
import { DEV_VIN_COMMITMENT_PARAMS, wmiHolderKey } from '../../browser/vin';
import { demoAccounts, type DemoAccount, type DemoRole } from './accounts';

export interface Deployment {
  chainId: number;
  consortium: Address;
  carBook: Address;
  /** Insurance registry: covers, claims, experts' diagnoses (trusted by CarBook through a governance parameter). */
  insurance: Address;
  /** Archiving service's document-hash anchors. */
  documentAnchor: Address;
  deploymentBlock: number;
}

/** Every registry the dApp calls, KeyRegistry included: what the RPC proxy must allow. */
export function registryAddresses(deployment: Deployment, keyRegistry: Address): Address[] {
  return [deployment.consortium, deployment.carBook, deployment.insurance, deployment.documentAnchor, keyRegistry];
}

/** Demo organisation ids, in founding order. */
export const DEMO_ORGS = { maker: 1, insurer: 2, archive: 3, recycler: 4 } as const;

/**
 * World manufacturer identifiers (ISO 3780, the VIN's first three characters) the demo maker holds: one per maker
 * whose VINs the demo cars carry (Volkswagen, Honda, Renault, BMW, Fiat), so that every seeded car is created under
 * its own WMI. Set at founding as `Parameters.wmiHolderKey(wmi)` → org id; in production each maker holds its own.
 * The first is the one benchmarks and tests use for synthetic books.
 */
const DEMO_WMIS = ['WVW', '1HG', 'VF1', 'WBA', 'ZFA'] as const;

/** The `bytes3` of `DEMO_WMIS[0]`, for books created from a synthetic VIN digest. */
export const DEMO_WMI_HEX: Hex = '0x575657';

/**
 * Creation bytecode of a contract from the forge build (`contracts/out/<file>.sol/<contract>.json`).
 * ABIs come typed from lib/browser/contracts/generated.ts; only bytecode is read here.
 */
export function forgeBytecode(contract: string, sourceFile = `${contract}.sol`): Hex {
  const file = path.resolve('contracts', 'out', sourceFile, `${contract}.json`);
  let artifact: { bytecode?: { object?: string } };
  try {
    artifact = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(
      `Missing forge artifact ${file}: run \`npm run contracts:build\` first (${(error as Error).message})`,
      { cause: error },
    );
  }
  const object = artifact.bytecode?.object;
  if (!object || object === '0x') throw new Error(`Artifact ${file} has no bytecode`);
  return object as Hex;
}

export function localChain(chainId: number, rpcUrl: string): Chain {
  return defineChain({
    id: chainId,
    name: chainId === 31337 ? 'CarBook local' : `CarBook ${chainId}`,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  });
}

export function clientsFor(rpcUrl: string, chainId: number, account: DemoAccount) {
  const chain = localChain(chainId, rpcUrl);
  const publicClient = createPublicClient({ chain, transport: http(rpcUrl) }) as PublicClient;
  const walletClient = createWalletClient({
    chain,
    transport: http(rpcUrl),
    account: privateKeyToAccount(account.privateKey),
  });
  return { publicClient, walletClient };
}

/** Deploys `creationCode` (constructor arguments appended) with the dApp's send path; its address. */
export async function deployCode(
  publicClient: PublicClient,
  walletClient: WalletClient,
  creationCode: Hex,
): Promise<{ address: Address; blockNumber: bigint }> {
  const { contractAddress, blockNumber, hash } = await sendAndWait(publicClient, walletClient, { data: creationCode });
  if (!contractAddress) throw new Error(`Contract creation ${hash} has no contract address in its receipt.`);
  return { address: contractAddress, blockNumber };
}

async function deployProxy(
  publicClient: PublicClient,
  walletClient: WalletClient,
  implementation: 'Consortium' | 'CarBook' | 'Insurance' | 'DocumentAnchor',
  initData: Hex,
): Promise<{ address: Address; blockNumber: bigint }> {
  const impl = await deployCode(publicClient, walletClient, forgeBytecode(implementation));
  const proxyBytecode = forgeBytecode('ERC1967Proxy');
  // ERC1967Proxy(address implementation, bytes data): constructor args appended to the creation code.
  const args = encodeAbiParameters([{ type: 'address' }, { type: 'bytes' }], [impl.address, initData]);
  const proxy = await deployCode(publicClient, walletClient, (proxyBytecode + args.slice(2)) as Hex);
  return { address: proxy.address, blockNumber: impl.blockNumber };
}

/** Staff accounts of the demo consortium: who acts for which organisation, in which role. */
const DEMO_STAFF: { admin: DemoRole; account: DemoRole; role: keyof typeof ROLES }[] = [
  { admin: 'makerAdmin', account: 'dealer', role: 'DEALER' },
  { admin: 'makerAdmin', account: 'officialWorkshop', role: 'OFFICIAL_WORKSHOP' },
];

/**
 * Deploys every registry behind its UUPS proxy and sets up the demo consortium: a manufacturer (dealer and
 * official workshop), an insurer, an archiving service and a recycler (their admins act as claims handler,
 * archivist and dismantler: an org admin holds every staff right of its kind). CarBook is told which insurance
 * registry to trust by a governance vote (three of the four founders), as it would be in production.
 */
export async function deployLocalConsortium(rpcUrl: string, chainId: number): Promise<Deployment> {
  const accounts = demoAccounts();
  const { publicClient, walletClient } = clientsFor(rpcUrl, chainId, accounts.makerAdmin);

  const founders = [
    { name: 'Volta Motors', kind: OrgKind.Manufacturer, admin: accounts.makerAdmin.address },
    { name: 'Assura Insurance', kind: OrgKind.Insurer, admin: accounts.insurerAdmin.address },
    { name: 'Archiva Records', kind: OrgKind.ArchivingService, admin: accounts.archiveAdmin.address },
    { name: 'Recyclo Dismantling', kind: OrgKind.Recycler, admin: accounts.recyclerAdmin.address },
  ];
  const initialParameters = [
    { key: PARAMETERS.VIN_SALT, value: BigInt(DEV_VIN_COMMITMENT_PARAMS.salt) },
    { key: PARAMETERS.VIN_SCRYPT_N, value: BigInt(DEV_VIN_COMMITMENT_PARAMS.N) },
    { key: PARAMETERS.VIN_SCRYPT_R, value: BigInt(DEV_VIN_COMMITMENT_PARAMS.r) },
    { key: PARAMETERS.VIN_SCRYPT_P, value: BigInt(DEV_VIN_COMMITMENT_PARAMS.p) },
    ...DEMO_WMIS.map((wmi) => ({ key: wmiHolderKey(wmi), value: BigInt(DEMO_ORGS.maker) })),
  ];
  const consortium = await deployProxy(
    publicClient,
    walletClient,
    'Consortium',
    encodeFunctionData({ abi: consortiumAbi, functionName: 'initialize', args: [founders, initialParameters] }),
  );
  const carBook = await deployProxy(
    publicClient,
    walletClient,
    'CarBook',
    encodeFunctionData({ abi: carBookAbi, functionName: 'initialize', args: [consortium.address] }),
  );
  const insurance = await deployProxy(
    publicClient,
    walletClient,
    'Insurance',
    encodeFunctionData({ abi: insuranceAbi, functionName: 'initialize', args: [consortium.address, carBook.address] }),
  );
  const documentAnchor = await deployProxy(
    publicClient,
    walletClient,
    'DocumentAnchor',
    encodeFunctionData({ abi: documentAnchorAbi, functionName: 'initialize', args: [consortium.address] }),
  );

  const send = async (role: DemoRole, data: Hex) => {
    const clients = clientsFor(rpcUrl, chainId, accounts[role]);
    await sendAndWait(clients.publicClient, clients.walletClient, { to: consortium.address, data });
  };

  // The vote that makes CarBook trust the insurance registry: proposed by one founder, carried by two more.
  await send(
    'makerAdmin',
    encodeFunctionData({
      abi: consortiumAbi,
      functionName: 'propose',
      args: [
        ProposalAction.SetParameter,
        encodeAbiParameters(
          [{ type: 'bytes32' }, { type: 'uint256' }],
          [PARAMETERS.INSURANCE_REGISTRY, BigInt(insurance.address)],
        ),
      ],
    }),
  );
  const proposalId = await publicClient.readContract({
    address: consortium.address,
    abi: consortiumAbi,
    functionName: 'proposalCount',
  });
  for (const voter of ['insurerAdmin', 'archiveAdmin'] as const) {
    await send(voter, encodeFunctionData({ abi: consortiumAbi, functionName: 'approve', args: [proposalId] }));
  }

  for (const { admin, account, role } of DEMO_STAFF) {
    await send(
      admin,
      encodeFunctionData({
        abi: consortiumAbi,
        functionName: 'setStaff',
        args: [accounts[account].address, ROLES[role]],
      }),
    );
  }

  return {
    chainId,
    consortium: consortium.address,
    carBook: carBook.address,
    insurance: insurance.address,
    documentAnchor: documentAnchor.address,
    deploymentBlock: Number(consortium.blockNumber),
  };
}
