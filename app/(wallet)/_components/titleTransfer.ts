import type { Address } from 'viem';
import type { RuntimeConfig } from '@/lib/browser/config';
import { carBookAbi } from '@/lib/browser/contracts';
import { queryKeys } from './hooks';
import type { TxContext } from './useTransactionSteps';

/** The title's transfer (a sale, a wreck handed to its insurer or to a recycler): `safeTransferFrom` by the holder. */
export function titleTransferCall(config: RuntimeConfig, from: Address, to: Address, tokenId: bigint) {
  return {
    address: config.contracts.carBook,
    abi: carBookAbi,
    functionName: 'safeTransferFrom',
    args: [from, to, tokenId],
  } as const;
}

/** A one-transaction title transfer for `useTransactionSteps().run`: the call and the reads it changes. */
export function titleTransferFlow(config: RuntimeConfig, tokenId: bigint, to: Address) {
  return {
    invalidate: [queryKeys.myBooks(config.contracts.carBook), queryKeys.history(config.contracts.carBook, tokenId)],
    send: ({ send, account }: TxContext) => send(titleTransferCall(config, account, to, tokenId)),
  };
}
