/**
 * Which release each chain runs (issue 14: upgrades by vote, executed on every shard). Every registry is an ERC-1967
 * proxy: its implementation's address sits in the ERC-1967 slot, and its runtime code is the release. Addresses may
 * differ between chains (each shard deploys its own), and a UUPS implementation embeds its own address (OpenZeppelin's
 * `__self` immutable), CarBook the address of the extension its constructor deployed (`EXTENSION`): those addresses
 * are zeroed before hashing, so the same release hashes the same on every chain, and the extension's code is compared
 * on its own. Two calls a registry (`eth_getStorageAt`, `eth_getCode`; the RPC proxy allows both on the consortium's
 * contracts), plus CarBook's `EXTENSION` and its code.
 */
import { getAddress, keccak256, type Address, type Hex, type PublicClient } from 'viem';
import { carBookAbi } from '../../browser/contracts/generated';
import type { ReadConfig } from '../../browser/reads/config';

/** `bytes32(uint256(keccak256("eip1967.proxy.implementation")) - 1)`. */
export const IMPLEMENTATION_SLOT: Hex = '0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc';

/** The registries of a configuration, by the name the report uses. */
const REGISTRIES = {
  consortium: 'Consortium',
  carBook: 'CarBook',
  insurance: 'Insurance',
  documentAnchor: 'DocumentAnchor',
  keyRegistry: 'KeyRegistry',
} as const;

/** The name the report gives CarBook's extension (deployed by CarBook's implementation, not a proxy). */
export const CARBOOK_EXTENSION = 'CarBook extension';

/** One contract's code on one chain: where it runs and the hash of its runtime code, per-chain addresses zeroed. */
export type CodeOnChain = { implementation: Address | null; codeHash: string };

/** What a chain runs: contract name → its code ("no implementation" when the slot is empty or holds no code). */
export type Implementations = Record<string, CodeOnChain>;

export const NO_IMPLEMENTATION = 'no implementation';

/** The runtime code's hash with every occurrence of `addresses` (this chain's own) replaced by zero bytes. */
export function releaseHash(code: Hex, addresses: readonly Address[]): string {
  let hex = code.toLowerCase();
  for (const address of addresses) hex = hex.split(address.toLowerCase().slice(2)).join('0'.repeat(40));
  return keccak256(hex as Hex);
}

async function codeAt(client: PublicClient, address: Address, blockNumber: bigint): Promise<Hex | undefined> {
  const code = await client.getCode({ address, blockNumber });
  return code && code !== '0x' ? code : undefined;
}

/** Every registry's implementation on one chain (and CarBook's extension), at one block. */
export async function readImplementations(client: PublicClient, config: ReadConfig): Promise<Implementations> {
  const blockNumber = await client.getBlockNumber();
  const entries = Object.entries(REGISTRIES).flatMap(([key, name]) => {
    const proxy = config.contracts[key as keyof typeof REGISTRIES];
    return proxy ? [{ key, name, proxy }] : [];
  });
  const found = await Promise.all(
    entries.map(async ({ key, name, proxy }): Promise<[string, CodeOnChain][]> => {
      const slot = await client.getStorageAt({ address: proxy, slot: IMPLEMENTATION_SLOT, blockNumber });
      const implementation = slot && BigInt(slot) !== 0n ? getAddress(`0x${slot.slice(-40)}`) : null;
      const code = implementation ? await codeAt(client, implementation, blockNumber) : undefined;
      if (!implementation || !code) return [[name, { implementation, codeHash: NO_IMPLEMENTATION }]];
      if (key !== 'carBook') return [[name, { implementation, codeHash: releaseHash(code, [implementation]) }]];
      const extension = await client.readContract({
        address: proxy,
        abi: carBookAbi,
        functionName: 'EXTENSION',
        blockNumber,
      });
      const extensionCode = await codeAt(client, extension, blockNumber);
      return [
        [name, { implementation, codeHash: releaseHash(code, [implementation, extension]) }],
        [
          CARBOOK_EXTENSION,
          {
            implementation: extension,
            codeHash: extensionCode ? releaseHash(extensionCode, [extension, proxy]) : NO_IMPLEMENTATION,
          },
        ],
      ];
    }),
  );
  return Object.fromEntries(found.flat());
}

/** One contract whose code differs between chains, with each chain's. */
export type CodeDivergence = { contract: string; values: { chainId: number; code: CodeOnChain | undefined }[] };

/** The contracts whose release differs between chains (empty: every chain runs the same code). */
export function compareImplementations(
  chains: readonly { chainId: number; implementations: Implementations }[],
): CodeDivergence[] {
  const names = [...new Set(chains.flatMap((chain) => Object.keys(chain.implementations)))];
  return names.flatMap((contract) => {
    const values = chains.map((chain) => ({ chainId: chain.chainId, code: chain.implementations[contract] }));
    return new Set(values.map((v) => v.code?.codeHash)).size > 1 ? [{ contract, values }] : [];
  });
}

const short = (hash: string) => (hash.startsWith('0x') ? `${hash.slice(0, 10)}…` : hash);

/** One English sentence naming a contract whose release differs, and each chain's implementation. */
export function describeCodeDivergence({ contract, values }: CodeDivergence): string {
  const each = values
    .map(({ chainId, code }) =>
      code?.implementation
        ? `code ${short(code.codeHash)} at ${code.implementation} on chain ${chainId}`
        : `no implementation on chain ${chainId}`,
    )
    .join(', ');
  return `implementation of ${contract} differs: ${each} (an upgrade executed on some chains only: execute the same UpgradeContract proposal on the others).`;
}
