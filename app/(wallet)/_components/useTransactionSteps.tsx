'use client';

import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useState } from 'react';
import type { Abi, Address, ContractFunctionArgs, ContractFunctionName, Hex, PublicClient, WalletClient } from 'viem';
import { useConfig, useWalletClient } from 'wagmi';
import { getWalletClient, switchChain } from 'wagmi/actions';
import {
  sendContract,
  simulateContract,
  type ContractCall,
  type SentTransaction,
  type TxStep,
} from '@/lib/browser/chain';
import { useTranslations } from '@/lib/browser/i18n';
import { errorKind, useHumanize } from '@/lib/browser/errors';
import { readClientFor, useReadClient, useRuntimeConfig } from './Providers';
import { configForShard, shardForBook } from '@/lib/browser/chain';

/** One transaction of a multi-step action, as the status shows it: what went through and what did not. */
export type StepLine = {
  index: number;
  total: number;
  label: string;
  status: 'done' | 'current' | 'failed' | 'not-sent';
};

export type TxState =
  | { status: 'idle' }
  | { status: 'pending'; message: string; step?: TxStep; steps: StepLine[] }
  | { status: 'success'; message: string; hash?: Hex; receipts: SentTransaction[]; steps: StepLine[] }
  | { status: 'error'; message: string; steps: StepLine[] };

/**
 * The step list after `announced` (the steps a flow announced, in order), once it ended (`ok`) or failed: every
 * announced step done, or the last one failed and the ones never reached listed as not sent.
 */
export function settleSteps(announced: readonly StepLine[], ok: boolean): StepLine[] {
  if (ok) return announced.map((line) => ({ ...line, status: 'done' }));
  const last = announced.at(-1);
  if (!last) return [];
  const settled: StepLine[] = announced.map((line) => ({ ...line, status: line === last ? 'failed' : 'done' }));
  for (let index = last.index + 1; index <= last.total; index++)
    settled.push({ index, total: last.total, label: '', status: 'not-sent' });
  return settled;
}

/** What a flow's `send` gets: the connected wallet, the read client, and the step announcements. */
export type TxContext = {
  wallet: WalletClient;
  /** The connected account (the wallet's). */
  account: Address;
  client: PublicClient;
  /** Simulates (a refusal comes back as a sentence before the wallet prompts), sends, waits for the receipt. */
  send: <
    const abi extends Abi,
    functionName extends ContractFunctionName<abi, 'nonpayable' | 'payable'>,
    const args extends ContractFunctionArgs<abi, 'nonpayable' | 'payable', functionName>,
  >(
    call: ContractCall<abi, functionName, args>,
  ) => Promise<SentTransaction>;
  /** Simulates only: a refusal throws before anything is signed (check the last transaction of a flow first). */
  simulate: <
    const abi extends Abi,
    functionName extends ContractFunctionName<abi, 'nonpayable' | 'payable'>,
    const args extends ContractFunctionArgs<abi, 'nonpayable' | 'payable', functionName>,
  >(
    call: ContractCall<abi, functionName, args>,
  ) => Promise<void>;
  /** Replaces the pending message (e.g. an upload's progress). */
  progress: (message: string) => void;
  /** Announces transaction `index` of `total` (worded by the flow's `describe`); lib/browser's `onStep` fits. */
  step: (step: TxStep) => void;
};

/**
 * The one way a wallet page writes, whatever the number of transactions: runs the flow's `send` with the
 * connected wallet (each transaction simulated, sent and awaited through lib/browser/chain/send), shows its
 * progress ("Transaction 1 of 2…" via `describe`), keeps the receipts, then invalidates the query keys the
 * flow touched. Errors come back as one human sentence.
 */
export function useTransactionSteps() {
  const homeClient = useReadClient();
  const runtime = useRuntimeConfig();
  const t = useTranslations('tx');
  const humanize = useHumanize();
  const wagmi = useConfig();
  const { data: connected } = useWalletClient();
  const queryClient = useQueryClient();
  const [state, setState] = useState<TxState>({ status: 'idle' });

  async function run(options: {
    pending: string;
    /** The success sentence; a function is called after `send`, so it can say what `send` found out. */
    success: string | (() => string);
    /** The pending message of each announced step; without it a step keeps the current message. */
    describe?: (step: TxStep) => string | undefined;
    send: (tx: TxContext) => Promise<unknown>;
    invalidate: readonly QueryKey[];
    /**
     * The book the transactions are about (or how to find its id, e.g. from a VIN, run first under the pending
     * message): they go to its shard's chain. Without it, to the first chain.
     */
    bookId?: bigint | (() => Promise<bigint>);
    /**
     * The chain (its index in `config.shards`) the transactions go to, when a list read said where its entry lives
     * (a claim, a held book) or no book decides (a document's anchor). It wins over `bookId`.
     */
    shard?: number;
  }): Promise<boolean> {
    let message = options.pending;
    let current: TxStep | undefined;
    let lines: StepLine[] = [];
    const receipts: SentTransaction[] = [];
    const show = () => setState({ status: 'pending', message, step: current, steps: lines });
    const invalidate = () =>
      Promise.all(options.invalidate.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
    show();
    try {
      // The chain the flow writes to: the book's shard. The wallet is asked to switch only when it is elsewhere.
      const bookId = typeof options.bookId === 'function' ? await options.bookId() : options.bookId;
      const target =
        options.shard !== undefined
          ? configForShard(runtime, options.shard)
          : bookId === undefined
            ? runtime
            : shardForBook(runtime, bookId);
      const client = target === runtime ? homeClient : readClientFor(target);
      // The hook's client may still be loading right after connecting: ask the connector then.
      let wallet = connected ?? (await getWalletClient(wagmi).catch(() => undefined));
      if (!wallet?.account) throw new Error(t('connectFirst'));
      // Nothing is simulated, uploaded or sent on another network: offer the switch (the wallet adds the
      // consortium's network when it does not know it), and stop with one sentence if the person refuses.
      if ((await wallet.getChainId()) !== target.chainId) {
        message = t('switching');
        show();
        try {
          await switchChain(wagmi, { chainId: target.chainId });
          wallet = await getWalletClient(wagmi, { chainId: target.chainId });
        } catch (cause) {
          throw new Error(t('switchRefused'), { cause });
        }
        if ((await wallet.getChainId()) !== target.chainId) throw new Error(t('switchRefused'));
        message = options.pending;
        show();
      }
      const account = wallet.account?.address;
      if (!account) throw new Error(t('connectFirst'));
      const signer = wallet;
      await options.send({
        wallet,
        account,
        client,
        send: async (call) => {
          const sent = await sendContract(client, signer, call);
          receipts.push(sent);
          return sent;
        },
        simulate: async (call) => {
          await simulateContract(client, signer, call);
        },
        progress: (next) => {
          message = next;
          show();
        },
        step: (step) => {
          current = step;
          lines = [
            ...lines.map((line) => (line.status === 'current' ? { ...line, status: 'done' as const } : line)),
            { ...step, status: 'current' },
          ];
          message = options.describe?.(step) ?? message;
          show();
        },
      });
      await invalidate();
      setState({
        status: 'success',
        message: typeof options.success === 'function' ? options.success() : options.success,
        hash: receipts.at(-1)?.hash,
        receipts,
        steps: settleSteps(lines, true),
      });
      return true;
    } catch (error) {
      // "Nothing was sent" is wrong once a first transaction went through: a rejection mid-way names its step.
      const last = lines.at(-1);
      const midway = last !== undefined && last.index > 1 && errorKind(error) === 'rejected';
      setState({
        status: 'error',
        message: midway ? t('rejectedStep', { index: last.index, total: last.total }) : humanize(error),
        steps: settleSteps(lines, false),
      });
      // A refusal usually means the page showed an outdated state (a grant revoked meanwhile, a claim decided):
      // refresh what the transaction was about so the page tells the same story as the sentence.
      await invalidate();
      return false;
    }
  }

  return { state, run, reset: () => setState({ status: 'idle' }) };
}

const STEP_LABELS = [
  'rotate-key',
  'share-key',
  'record',
  'hand-over-keys',
  'transfer',
  'grant',
  'share-history',
] as const;

/**
 * A write's status: its sentence and, for an action of two transactions or more, the list of its transactions
 * with what went through, what is waiting, what failed and what was never sent.
 */
export function TxStatus({ state, testId = 'tx-status' }: { state: TxState; testId?: string }) {
  const t = useTranslations('tx.steps');
  if (state.status === 'idle') return null;
  const kind = state.status === 'error' ? 'error' : state.status === 'success' ? 'success' : 'info';
  const steps = state.steps.length > 0 && state.steps[0].total > 1 ? state.steps : [];
  const nameOf = (line: StepLine) =>
    (STEP_LABELS as readonly string[]).includes(line.label)
      ? t(`name.${line.label as (typeof STEP_LABELS)[number]}`)
      : t('transaction', { index: line.index, total: line.total });
  const done = steps.filter((line) => line.status === 'done').length;
  return (
    <div className={`alert ${kind}`} role={state.status === 'error' ? 'alert' : 'status'} data-testid={testId}>
      {state.message}
      {steps.length > 0 && (
        <>
          {state.status === 'error' && (
            <p className="small tx-steps-summary">{t('summary', { done, total: steps[0].total })}</p>
          )}
          <ol className="tx-steps small" data-testid="tx-steps" aria-label={t('label')}>
            {steps.map((line) => (
              <li key={line.index} data-status={line.status}>
                {t(line.status, { step: nameOf(line) })}
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
