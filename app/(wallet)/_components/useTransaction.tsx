'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Hex } from 'viem';
import { usePublicClient } from 'wagmi';
import { humanizeError } from '@/lib/browser/errors';

export type TxState =
  | { status: 'idle' }
  | { status: 'pending'; message: string }
  | { status: 'success'; message: string; hash?: Hex }
  | { status: 'error'; message: string };

/**
 * Runs a write: simulate (so a refusal is explained before the wallet prompts), send, wait for the receipt,
 * then invalidate the query keys the transaction touched. Errors come back as one human sentence.
 */
export function useTransaction() {
  const publicClient = usePublicClient();
  const queryClient = useQueryClient();
  const [state, setState] = useState<TxState>({ status: 'idle' });

  async function run(options: {
    pending: string;
    /** The success sentence; a function is called after `send`, so it can say what `send` found out. */
    success: string | (() => string);
    /**
     * Sends the transaction and returns its hash (the receipt is awaited here), or `undefined` when `send` already
     * waited for everything it sent. `progress` replaces the pending message (e.g. "transaction 1 of 2").
     */
    send: (progress: (message: string) => void) => Promise<Hex | undefined>;
    invalidate: readonly (readonly unknown[])[];
  }): Promise<boolean> {
    setState({ status: 'pending', message: options.pending });
    try {
      const hash = await options.send((message) => setState({ status: 'pending', message }));
      if (hash) {
        const receipt = await publicClient!.waitForTransactionReceipt({ hash });
        if (receipt.status !== 'success') throw new Error('The transaction was mined but reverted.');
      }
      await Promise.all(options.invalidate.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
      setState({
        status: 'success',
        message: typeof options.success === 'function' ? options.success() : options.success,
        hash,
      });
      return true;
    } catch (error) {
      setState({ status: 'error', message: humanizeError(error) });
      // A refusal usually means the page showed an outdated state (a grant revoked meanwhile, a claim decided):
      // refresh what the transaction was about so the page tells the same story as the sentence.
      await Promise.all(options.invalidate.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
      return false;
    }
  }

  return { state, run, reset: () => setState({ status: 'idle' }) };
}

export function TxStatus({ state, testId = 'tx-status' }: { state: TxState; testId?: string }) {
  if (state.status === 'idle') return null;
  const kind = state.status === 'error' ? 'error' : state.status === 'success' ? 'success' : 'info';
  return (
    <div className={`alert ${kind}`} role={state.status === 'error' ? 'alert' : 'status'} data-testid={testId}>
      {state.message}
    </div>
  );
}
