/**
 * The buyer's lookup engine: configuration, VIN commitment, history read and verdict. Loaded on demand by
 * VerifyVehicle (right after the page renders, and at the latest when the buyer submits), so the page's first
 * load carries no viem, no ABI and no scrypt: /verify's first-load budget (issue 11, item 9).
 */
import type { PublicClient } from 'viem';
import {
  bookLocator,
  loadRuntimeConfig,
  publicClientForShard,
  publicClientFromConfig,
  readVinCommitmentParams,
  shardForBook,
} from '@/lib/browser/chain';
import { consortiumAbi } from '@/lib/browser/contracts';
import type { RuntimeConfig } from '@/lib/browser/config';
import { ConfigError } from '@/lib/browser/errors';
import {
  bookIdForVin,
  computeVerdict,
  readBookHistory,
  timelineOf,
  type BookHistory,
  type Verdict,
} from '@/lib/browser/history';
import type { PrivateView } from '@/app/_components/HistoryView';
import { ipfsClientFor } from '@/app/_components/ipfs';

export { errorKind, humanizeError } from '@/lib/browser/errors';

export type Step = 'config' | 'commitment' | 'history';

type Found =
  | { exists: false }
  | {
      exists: true;
      history: BookHistory;
      verdict: Verdict;
      orgNames: Record<number, string>;
      verifiedAt: number;
      config: RuntimeConfig;
      client: PublicClient;
      shared?: { view: PrivateView } | { failure: unknown };
    };

/** The book id (token id) of a VIN, through the consortium's commitment parameters read on chain. */
export async function bookOfVin(vin: string, onStep: (step: Step, progress?: number) => void): Promise<bigint> {
  onStep('config');
  const config = await configuration();
  // The VIN commitment parameters are the same on every shard (governance keeps them equal): the first one's.
  const client = publicClientFromConfig(config);
  onStep('commitment', 0);
  return bookIdForVin(
    bookLocator(config),
    undefined,
    vin,
    await readVinCommitmentParams(client, config.contracts.consortium),
    { onProgress: (progress) => onStep('commitment', progress) },
  );
}

function configuration(): Promise<RuntimeConfig> {
  return loadRuntimeConfig().catch((error: unknown) => {
    throw new ConfigError(error);
  });
}

/** Reads and verifies a book, with a share link's private parts when the page was opened with one. */
export async function readReport(
  tokenId: bigint,
  shareLink: { search: string; hash: string } | undefined,
  onStep: (step: Step) => void,
): Promise<Found> {
  onStep('config');
  // The book's own chain: its id routes (lib/browser/chain/shards.ts), the buyer never picks a chain.
  const config = shardForBook(await configuration(), tokenId);
  const client = publicClientForShard(config);
  onStep('history');
  let history: BookHistory;
  let shared: Extract<Found, { exists: true }>['shared'];
  if (shareLink) {
    try {
      // Loaded only for a share link: the plain public page carries no decryption code.
      const { privacyConfigFrom, readWithShareLink } = await import('@/lib/browser/privacy');
      const opened = await readWithShareLink(shareLink, client, privacyConfigFrom(config));
      history = opened.history;
      const parts = new Map(opened.records.map((r) => [r.index, r.private]));
      shared = { view: { parts, ipfs: () => ipfsClientFor(config) } };
    } catch (error) {
      history = await readBookHistory(client, config.contracts.carBook, tokenId);
      shared = { failure: error };
    }
  } else {
    history = await readBookHistory(client, config.contracts.carBook, tokenId);
  }
  if (!history.exists) return { exists: false };
  const timeline = await timelineOf(history, client, config.contracts.consortium);
  const verdict = computeVerdict(timeline, {
    integrityProblem: history.chain.ok ? undefined : history.chain.detail,
    now: Math.floor(Date.now() / 1000),
  });
  const consortium = { address: config.contracts.consortium, abi: consortiumAbi } as const;
  const consortiumSize = await client.readContract({ ...consortium, functionName: 'orgCount' });
  const orgIds = Array.from({ length: Number(consortiumSize) }, (_, i) => i + 1);
  const [orgs, pinned] = await Promise.all([
    Promise.all(orgIds.map((id) => client.readContract({ ...consortium, functionName: 'organisation', args: [id] }))),
    client.getBlock({ blockNumber: history.atBlock }),
  ]);
  return {
    exists: true,
    history,
    verdict,
    orgNames: Object.fromEntries(orgIds.map((id, i) => [id, orgs[i].name])),
    verifiedAt: Number(pinned.timestamp),
    config,
    client,
    shared,
  };
}
