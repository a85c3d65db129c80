import type { Address, PublicClient } from 'viem';
import { consortiumAbi } from '../contracts/generated';
import { OrgKind } from '../contracts/roles';
import type { BookHistory } from './read';
import type { TimelineEntry } from './verdict';

const ZERO = '0x0000000000000000000000000000000000000000';

/**
 * Puts a book's history on one time axis for the verdict: records and readings carry their own time; title
 * transfers, wreck and destruction take their block's time. A transfer's receiver is looked up in the consortium
 * to tell a wreck's legal hand-over (to an insurer or a recycler) from a rolling wreck.
 */
export async function timelineOf(
  history: BookHistory,
  client: PublicClient,
  consortium: Address,
): Promise<TimelineEntry[]> {
  const blocks = new Set<bigint>([
    ...history.owners.map((o) => o.blockNumber),
    ...history.odometerCorrections.map((c) => c.blockNumber),
    ...(history.wrecked ? [history.wrecked.blockNumber] : []),
    ...(history.destroyed ? [history.destroyed.blockNumber] : []),
    ...(history.bookVoided ? [history.bookVoided.blockNumber] : []),
    ...history.reassignments.map((r) => r.blockNumber),
    ...history.deviceKeys.map((d) => d.blockNumber),
  ]);
  const times = new Map<bigint, number>();
  await Promise.all(
    [...blocks].map(async (blockNumber) => {
      const block = await client.getBlock({ blockNumber });
      times.set(blockNumber, Number(block.timestamp));
    }),
  );
  const receivers = [...new Set(history.owners.map((o) => o.to))];
  const kinds = new Map<string, number>();
  await Promise.all(
    receivers.map(async (account) => {
      const [, kind] = await client.readContract({
        address: consortium,
        abi: consortiumAbi,
        functionName: 'membershipOf',
        args: [account],
      });
      kinds.set(account, Number(kind));
    }),
  );

  const voided = new Map(history.voidedEntries.map((v) => [v.voidedIndex, v]));
  const entries: TimelineEntry[] = [
    ...history.records
      .filter((r) => r.kind !== 'EntryVoided')
      .map((r) => ({
        type: 'record' as const,
        timestamp: r.timestamp,
        mileage: r.mileage,
        kind: r.kind,
        index: r.index,
        // recordDiagnosis emits BookWrecked in the same transaction when the expert found a total loss.
        ...(r.kind === 'ExpertDiagnosis' ? { totalLoss: history.wrecked?.blockNumber === r.blockNumber } : {}),
        ...(voided.has(r.index) ? { voided: true } : {}),
      })),
    ...history.voidedEntries.map((v) => {
      const entry = history.records.find((r) => r.index === v.voidedIndex);
      return {
        type: 'voided-entry' as const,
        timestamp: v.timestamp,
        voidedIndex: v.voidedIndex,
        voidedMileage: entry?.mileage,
        voidedAt: entry?.timestamp,
        restoredMileage: v.restoredMileage,
      };
    }),
    ...history.reassignments.map((r) => ({
      type: 'reassigned' as const,
      timestamp: times.get(r.blockNumber)!,
      previousOrg: r.previousOrg,
      manufacturerOrg: r.manufacturerOrg,
    })),
    ...history.readings.map((r) => ({ type: 'reading' as const, timestamp: r.timestamp, mileage: r.mileage })),
    ...history.deviceKeys.map((d) => ({
      type: 'device-key' as const,
      timestamp: times.get(d.blockNumber)!,
      rotated: d.rotated,
      removed: d.newKey === ZERO,
    })),
    ...history.odometerCorrections.map((c) => ({
      type: 'correction' as const,
      timestamp: times.get(c.blockNumber)!,
      previousMileage: c.previousMileage,
      correctedMileage: c.correctedMileage,
    })),
    ...history.owners.map((o) => ({
      type: 'transfer' as const,
      timestamp: times.get(o.blockNumber)!,
      to: o.to,
      toIsInsurerOrRecycler: kinds.get(o.to) === OrgKind.Insurer || kinds.get(o.to) === OrgKind.Recycler,
      ...(o.from === ZERO ? { first: true } : {}),
    })),
  ];
  if (history.createdAt > 0) entries.push({ type: 'created', timestamp: history.createdAt });
  if (history.wrecked) entries.push({ type: 'wrecked', timestamp: times.get(history.wrecked.blockNumber)! });
  if (history.destroyed) entries.push({ type: 'destroyed', timestamp: times.get(history.destroyed.blockNumber)! });
  if (history.bookVoided) entries.push({ type: 'book-voided', timestamp: times.get(history.bookVoided.blockNumber)! });
  return entries;
}
