'use client';

import { useSearchParams } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { isHex } from 'viem';
import { loadRuntimeConfig, publicClientFromConfig, readVinCommitmentParams } from '@/lib/browser/chain';
import { consortiumAbi } from '@/lib/browser/contracts';
import { humanizeError } from '@/lib/browser/errors';
import {
  bookIdForVin,
  readBookHistory,
  type BookHistory,
  computeVerdict,
  type Verdict,
  timelineOf,
} from '@/lib/browser/history';
import { validateVin } from '@/lib/browser/vin';
import { BookFacts, RecordTable } from '@/app/_components/HistoryView';
import { VerdictPanel } from '@/app/_components/VerdictPanel';
import type { RuntimeConfig } from '@/lib/browser/config';
import type { PublicClient } from 'viem';
import type { PrivateView } from '@/app/_components/HistoryView';
import { ipfsClientFor } from '@/app/_components/ipfs';
import { LockIcon } from '@/app/_components/LockIcon';
import { DocumentCheck } from './DocumentCheck';
import { ExportTools } from './ExportTools';

type Lookup =
  | { status: 'idle' }
  | { status: 'working'; step: string; progress?: number }
  | { status: 'error'; message: string }
  | {
      status: 'done';
      history: BookHistory;
      verdict: Verdict;
      orgNames: Record<number, string>;
      label: string;
      config: RuntimeConfig;
      client: PublicClient;
      /** Opened with a share link's key (#k=…), when the page was opened with one for this book. */
      shared?: { view: PrivateView } | { error: string };
    };

/**
 * A share link's fragment ("#k=…"), read once when the page opens: it is never put in a request (the chain is
 * read with the link's key kept in memory), and the router drops it on later navigations.
 */
function takeShareFragment(): string | undefined {
  if (typeof window === 'undefined') return undefined;
  return /(^#|&)k=/.test(window.location.hash) ? window.location.hash : undefined;
}

/** A VIN, or a car book id (the 0x commitment) as shared in links and QR codes. */
function parseQuery(
  input: string,
): { kind: 'vin'; vin: string } | { kind: 'book'; tokenId: bigint } | { error: string } {
  const trimmed = input.trim();
  if (/^0x[0-9a-fA-F]{64}$/.test(trimmed) && isHex(trimmed)) return { kind: 'book', tokenId: BigInt(trimmed) };
  const result = validateVin(trimmed);
  return result.ok ? { kind: 'vin', vin: result.vin } : { error: result.error };
}

export function VerifyVehicle() {
  const searchParams = useSearchParams();
  const initial = searchParams.get('vin') ?? searchParams.get('book') ?? '';
  const [input, setInput] = useState(initial);
  const [lookup, setLookup] = useState<Lookup>({ status: 'idle' });
  const shareFragment = useRef<string | undefined>(undefined);

  async function verify(query: string) {
    const parsed = parseQuery(query);
    if ('error' in parsed) {
      setLookup({ status: 'error', message: parsed.error });
      return;
    }
    try {
      setLookup({ status: 'working', step: 'Loading the consortium configuration…' });
      const config = await loadRuntimeConfig();
      const client = publicClientFromConfig(config);
      let tokenId: bigint;
      if (parsed.kind === 'vin') {
        setLookup({
          status: 'working',
          step: 'Computing the VIN commitment (this takes a moment on purpose)…',
          progress: 0,
        });
        tokenId = await bookIdForVin(
          client,
          config.contracts.carBook,
          parsed.vin,
          await readVinCommitmentParams(client, config.contracts.consortium),
          {
            onProgress: (progress) => setLookup({ status: 'working', step: 'Computing the VIN commitment…', progress }),
          },
        );
      } else {
        tokenId = parsed.tokenId;
      }
      setLookup({ status: 'working', step: 'Reading and verifying the history…' });
      const shareLink = shareLinkFor(tokenId);
      let history: BookHistory;
      let shared: Extract<Lookup, { status: 'done' }>['shared'];
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
          shared = { error: `The share link could not be opened: ${humanizeError(error)}` };
        }
      } else {
        history = await readBookHistory(client, config.contracts.carBook, tokenId);
      }
      if (!history.exists) {
        setLookup({ status: 'error', message: 'No car book exists for this vehicle on the consortium chain.' });
        return;
      }
      const timeline = await timelineOf(history, client, config.contracts.consortium);
      const verdict = computeVerdict(timeline, {
        integrityProblem: history.chain.ok ? undefined : history.chain.detail,
        // eslint-disable-next-line react-hooks/purity -- verify() runs from the form and the mount effect, never in render.
        now: Math.floor(Date.now() / 1000),
      });
      const consortiumSize = await client.readContract({
        address: config.contracts.consortium,
        abi: consortiumAbi,
        functionName: 'orgCount',
      });
      const orgIds = Array.from({ length: Number(consortiumSize) }, (_, i) => i + 1);
      const orgs = await Promise.all(
        orgIds.map((id) =>
          client.readContract({
            address: config.contracts.consortium,
            abi: consortiumAbi,
            functionName: 'organisation',
            args: [id],
          }),
        ),
      );
      const orgNames = Object.fromEntries(orgIds.map((id, i) => [id, orgs[i].name]));
      setLookup({
        status: 'done',
        history,
        verdict,
        orgNames,
        config,
        client,
        shared,
        label: parsed.kind === 'vin' ? parsed.vin : `Car book ${query.trim().slice(0, 10)}…`,
      });
    } catch (error) {
      setLookup({ status: 'error', message: `Could not verify: ${humanizeError(error)}` });
    }
  }

  /** The share link for this book, if the page was opened with one (the key stays in memory, never in a request). */
  function shareLinkFor(tokenId: bigint): { search: string; hash: string } | undefined {
    const hash = shareFragment.current;
    const book = searchParams.get('book');
    if (!hash || !book || !/^0x[0-9a-fA-F]{64}$/.test(book) || BigInt(book) !== tokenId) return undefined;
    return { search: `?book=${book}`, hash };
  }

  useEffect(() => {
    shareFragment.current = takeShareFragment();
    // eslint-disable-next-line react-hooks/set-state-in-effect -- a shared link starts its lookup once, on mount.
    if (initial) void verify(initial);
    // Run once for a shared link; later lookups come from the form.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <>
      <h1>Verify a car</h1>
      <p className="muted">
        Enter the vehicle identification number (VIN) from the registration papers or the windscreen. No wallet or
        account needed.
      </p>
      <form
        className="panel row"
        onSubmit={(event) => {
          event.preventDefault();
          const param = /^0x[0-9a-fA-F]{64}$/.test(input.trim()) ? 'book' : 'vin';
          // A share link's fragment stays in the address bar while the same book is shown (it is never sent anywhere).
          const sameBook = param === 'book' && input.trim().toLowerCase() === searchParams.get('book')?.toLowerCase();
          // The address bar keeps the page's own path ('?…' is relative): the same code runs at /verify and at
          // /ipfs/<cid>/verify.html on a gateway, where '/verify' names nothing. Next keeps useSearchParams in sync
          // with history.replaceState.
          window.history.replaceState(
            null,
            '',
            `?${param}=${encodeURIComponent(input.trim())}${sameBook && shareFragment.current ? shareFragment.current : ''}`,
          );
          void verify(input);
        }}
      >
        <label>
          VIN or car book id
          <input
            name="vin"
            value={input}
            onChange={(event) => setInput(event.target.value)}
            placeholder="e.g. WVWZZZ1JZXW000001"
            autoComplete="off"
            spellCheck={false}
            aria-invalid={lookup.status === 'error'}
          />
        </label>
        <button type="submit" disabled={lookup.status === 'working' || input.trim() === ''}>
          Verify
        </button>
      </form>

      {lookup.status === 'working' && (
        <div className="panel" role="status">
          <p>{lookup.step}</p>
          {lookup.progress !== undefined && (
            <div className="progress" aria-hidden="true">
              <div style={{ width: `${Math.round(lookup.progress * 100)}%` }} />
            </div>
          )}
        </div>
      )}
      {lookup.status === 'error' && (
        <div className="alert error" role="alert">
          {lookup.message}
        </div>
      )}
      {lookup.status === 'done' && (
        <section aria-label="Verification result">
          <h2>
            {lookup.label}{' '}
            <span className="muted" style={{ fontWeight: 400 }}>
              · built by {lookup.orgNames[lookup.history.manufacturerOrg] ?? 'an unknown maker'}
            </span>
          </h2>
          <VerdictPanel verdict={lookup.verdict} recordCount={lookup.history.recordCount} />
          {lookup.shared && 'view' in lookup.shared && (
            <div className="alert info" data-testid="shared-note">
              <LockIcon open /> Private details shared by the owner; this link stops working for anything written after
              it is revoked or the car is sold.
            </div>
          )}
          {lookup.shared && 'error' in lookup.shared && (
            <div className="alert error" role="alert" data-testid="shared-error">
              {lookup.shared.error}
            </div>
          )}
          <BookFacts history={lookup.history} />
          <RecordTable
            history={lookup.history}
            orgNames={lookup.orgNames}
            privateView={lookup.shared && 'view' in lookup.shared ? lookup.shared.view : undefined}
          />
          <DocumentCheck
            history={lookup.history}
            config={lookup.config}
            client={lookup.client}
            orgNames={lookup.orgNames}
          />
          <ExportTools history={lookup.history} config={lookup.config} client={lookup.client} />
        </section>
      )}
    </>
  );
}
