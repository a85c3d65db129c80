import {
  createPublicClient,
  createWalletClient,
  encodeFunctionData,
  http,
  type Address,
  type Hex,
  type PublicClient,
  type WalletClient,
  type Account,
  type Chain,
  defineChain,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { carBookAbi, consortiumAbi } from '../contracts/generated';
import { OrgKind, ROLES } from '../contracts/roles';
import { creationBytecode } from './artifacts';
import { demoAccounts, type DemoAccount } from './accounts';

export interface Deployment {
  chainId: number;
  consortium: Address;
  carBook: Address;
  deploymentBlock: number;
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

/** Sends a transaction and fails loudly unless it was mined successfully. */
export async function sendAndWait(
  publicClient: PublicClient,
  walletClient: WalletClient,
  request: { to?: Address; data: Hex },
): Promise<{ contractAddress?: Address | null; blockNumber: bigint }> {
  const hash = await walletClient.sendTransaction({
    account: walletClient.account as Account,
    chain: walletClient.chain,
    to: request.to ?? null,
    data: request.data,
  });
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== 'success') throw new Error(`Transaction ${hash} reverted`);
  return receipt;
}

async function deployProxy(
  publicClient: PublicClient,
  walletClient: WalletClient,
  implementation: 'Consortium' | 'CarBook',
  initData: Hex,
): Promise<{ address: Address; blockNumber: bigint }> {
  const impl = await sendAndWait(publicClient, walletClient, { data: creationBytecode(implementation) });
  const proxyBytecode = creationBytecode('ERC1967Proxy');
  // ERC1967Proxy(address implementation, bytes data): constructor args appended to the creation code.
  const { encodeAbiParameters } = await import('viem');
  const args = encodeAbiParameters([{ type: 'address' }, { type: 'bytes' }], [impl.contractAddress!, initData]);
  const proxy = await sendAndWait(publicClient, walletClient, { data: (proxyBytecode + args.slice(2)) as Hex });
  return { address: proxy.contractAddress!, blockNumber: impl.blockNumber };
}

/**
 * Deploys the registries behind UUPS proxies and sets up the demo consortium: a manufacturer, an insurer,
 * an archiving service and a recycler, with the manufacturer's dealer and official workshop.
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
  const consortium = await deployProxy(
    publicClient,
    walletClient,
    'Consortium',
    encodeFunctionData({ abi: consortiumAbi, functionName: 'initialize', args: [founders] }),
  );
  const carBook = await deployProxy(
    publicClient,
    walletClient,
    'CarBook',
    encodeFunctionData({ abi: carBookAbi, functionName: 'initialize', args: [consortium.address] }),
  );

  for (const [account, role] of [
    [accounts.dealer, ROLES.DEALER],
    [accounts.officialWorkshop, ROLES.OFFICIAL_WORKSHOP],
  ] as const) {
    await sendAndWait(publicClient, walletClient, {
      to: consortium.address,
      data: encodeFunctionData({ abi: consortiumAbi, functionName: 'setStaff', args: [account.address, role] }),
    });
  }

  return {
    chainId,
    consortium: consortium.address,
    carBook: carBook.address,
    deploymentBlock: Number(consortium.blockNumber),
  };
}
