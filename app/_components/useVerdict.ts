'use client';

import { useEffect, useState } from 'react';
import type { BookHistory, Verdict } from '@/lib/browser/history';

const verdicts = new WeakMap<BookHistory, Promise<Verdict>>();

/** The verdict of a history already computed by the page (the /verify lookup), so views share it. */
export function primeVerdict(history: BookHistory, verdict: Verdict) {
  verdicts.set(history, Promise.resolve(verdict));
}

/** The one verdict of lib/browser/history for a history read anywhere (garage, workshop, share-link view). */
function verdictOf(history: BookHistory): Promise<Verdict> {
  let found = verdicts.get(history);
  if (!found) {
    found = (async () => {
      // On demand: a page that shows a verdict has read the history with viem already; /verify's first load has not.
      const [{ loadRuntimeConfig, publicClientForShard, shardForBook }, { computeVerdict, timelineOf }] =
        await Promise.all([import('@/lib/browser/chain'), import('@/lib/browser/history')]);
      // The book's own chain: its history's blocks are that chain's.
      const config = shardForBook(await loadRuntimeConfig(), history.tokenId);
      const timeline = await timelineOf(history, publicClientForShard(config), config.contracts.consortium);
      return computeVerdict(timeline, {
        integrityProblem: history.chain.ok ? undefined : history.chain.detail,
        now: Math.floor(Date.now() / 1000),
      });
    })();
    found.catch(() => verdicts.delete(history));
    verdicts.set(history, found);
  }
  return found;
}

/** `verdictOf` for a component: undefined while it is computed, `null` when it could not be. */
export function useVerdict(history: BookHistory): Verdict | null | undefined {
  const [state, setState] = useState<{ of: BookHistory; verdict: Verdict | null } | undefined>();
  useEffect(() => {
    let live = true;
    verdictOf(history).then(
      (verdict) => live && setState({ of: history, verdict }),
      () => live && setState({ of: history, verdict: null }),
    );
    return () => {
      live = false;
    };
  }, [history]);
  return state?.of === history ? state.verdict : undefined;
}
