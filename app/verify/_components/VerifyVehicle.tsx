'use client';

import { useSearchParams } from 'next/navigation';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useLocale } from 'use-intl';
import type { PublicClient } from 'viem';
import type { BookHistory, Verdict } from '@/lib/browser/history';
import { useFormat, useTranslations } from '@/lib/browser/i18n';
// The validation and identity modules only, not the vin folder's entry: it also exports the VIN commitment
// (scrypt, keccak, viem's ABI encoding: ~13 KiB gzip in the first load), which the lookup engine loads later.
// eslint-disable-next-line no-restricted-imports -- first-load weight (issue 11, item 9)
import { validateVin } from '@/lib/browser/vin/vin';
// eslint-disable-next-line no-restricted-imports -- first-load weight (issue 11, item 9)
import { vinIdentity, type VinIdentity } from '@/lib/browser/vin/identity';
import type { RuntimeConfig } from '@/lib/browser/config';
import type { PrivateView } from '@/app/_components/HistoryView';
import { VerdictPanel } from '@/app/_components/VerdictPanel';
import { primeVerdict } from '@/app/_components/useVerdict';
import { LockIcon } from '@/app/_components/LockIcon';
import { PrintHeader, ReportActions } from './ReportActions';
import type * as LookupEngine from './lookup';
import type { Step } from './lookup';

type Engine = typeof LookupEngine;
/** The lookup engine (viem, ABIs, scrypt): fetched after the first paint, never in the page's first load. */
let engine: Promise<Engine> | undefined;
const loadEngine = () => (engine ??= import('./lookup'));

// The tools under the report need viem too: loaded with the result.
const DocumentCheck = lazy(() => import('./DocumentCheck').then((m) => ({ default: m.DocumentCheck })));
const ExportTools = lazy(() => import('./ExportTools').then((m) => ({ default: m.ExportTools })));
// The camera view and its barcode reader: loaded when "Scan" is pressed.
const Scanner = lazy(() => import('./Scanner').then((m) => ({ default: m.Scanner })));
// The facts and the history table, the mileage chart and its charting library (uPlot): loaded with a result.
const BookFacts = lazy(() => import('@/app/_components/HistoryView').then((m) => ({ default: m.BookFacts })));
const RecordTable = lazy(() => import('@/app/_components/HistoryView').then((m) => ({ default: m.RecordTable })));
const MileageChart = lazy(() => import('./MileageChart').then((m) => ({ default: m.MileageChart })));

/** What the buyer typed that cannot be looked up, in the words of public.json's verify.problem namespace. */
type Problem =
  | { problem: 'vin-length'; count: number }
  | { problem: 'vin-character'; char: string; position: number }
  | { problem: 'vin-forbidden-letter'; char: string; position: number }
  | { problem: 'vin-check-digit' }
  | { problem: 'book-id' }
  | { problem: 'unknown-vin' }
  | { problem: 'unknown-book' };

type Lookup =
  | { status: 'idle' }
  | { status: 'working'; step: Step; progress?: number }
  | { status: 'error'; error: Problem | { failure: unknown; engine: Engine } }
  | {
      status: 'done';
      history: BookHistory;
      verdict: Verdict;
      orgNames: Record<number, string>;
      /** Decoded from the VIN the buyer typed (never put in the URL); absent when opened by book id. */
      identity?: VinIdentity & { vin: string };
      bookId: string;
      /** The time of the block every read was pinned to. */
      verifiedAt: number;
      config: RuntimeConfig;
      client: PublicClient;
      /** Opened with a share link's key (#k=…), when the page was opened with one for this book. */
      shared?: { view: PrivateView } | { failure: unknown; engine: Engine };
    };

const BOOK_ID = /^0x[0-9a-fA-F]{64}$/;

/**
 * A share link's fragment ("#k=…"), read once when the page opens: it is never put in a request (the chain is
 * read with the link's key kept in memory), and the router drops it on later navigations.
 */
function takeShareFragment(): string | undefined {
  if (typeof window === 'undefined') return undefined;
  return /(^#|&)k=/.test(window.location.hash) ? window.location.hash : undefined;
}

/** A VIN, or a car book id (the 0x commitment) as shared in links and QR codes. */
function parseQuery(input: string): { kind: 'vin'; vin: string } | { kind: 'book'; tokenId: bigint } | Problem {
  const trimmed = input.trim();
  if (BOOK_ID.test(trimmed)) return { kind: 'book', tokenId: BigInt(trimmed) };
  if (/^0x/i.test(trimmed)) return { problem: 'book-id' };
  const result = validateVin(trimmed);
  if (result.ok) return { kind: 'vin', vin: result.vin };
  const problem = result.problem;
  switch (problem.code) {
    case 'length':
      return { problem: 'vin-length', count: problem.count };
    case 'character':
      return { problem: 'vin-character', char: problem.char, position: problem.position };
    case 'forbidden-letter':
      return { problem: 'vin-forbidden-letter', char: problem.char, position: problem.position };
    case 'check-digit':
      return { problem: 'vin-check-digit' };
  }
}

const bookIdOf = (tokenId: bigint) => `0x${tokenId.toString(16).padStart(64, '0')}`;

function ProblemText({ error }: { error: Problem | { failure: unknown; engine: Engine } }) {
  const t = useTranslations('verify.problem');
  const locale = useLocale();
  // The failure came from the engine, so its words are loaded: the same sentences as useHumanize's.
  if ('failure' in error) return error.engine.humanizeError(error.failure, locale);
  switch (error.problem) {
    case 'vin-length':
      return t('vinLength', { count: error.count });
    case 'vin-character':
      return t('vinCharacter', { char: error.char, position: error.position });
    case 'vin-forbidden-letter':
      return t('vinForbiddenLetter', { char: error.char, position: error.position });
    case 'vin-check-digit':
      return t('vinCheckDigit');
    case 'book-id':
      return t('bookId');
    case 'unknown-vin':
      return t('unknownVin');
    case 'unknown-book':
      return t('unknownBook');
  }
}

/** Failures worth a "Try again" button: the network, the node or the configuration, not what was typed. */
const RETRYABLE = new Set(['offline', 'unavailable', 'busy', 'timeout', 'config', 'unknown']);

export function VerifyVehicle() {
  const t = useTranslations('verify');
  const tScan = useTranslations('scan');
  const f = useFormat();
  const searchParams = useSearchParams();
  // ?vin= is read for links made before the page put book ids in URLs; it is replaced by ?book= at once.
  const initial = searchParams.get('book') ?? searchParams.get('vin') ?? '';
  const [input, setInput] = useState(initial);
  const [lookup, setLookup] = useState<Lookup>({ status: 'idle' });
  const [lastQuery, setLastQuery] = useState(initial);
  const shareFragment = useRef<string | undefined>(undefined);
  /** The scanner's view while open; a new key on each "Scan" press opens the camera afresh (e.g. after a refusal). */
  const [scanner, setScanner] = useState<number | undefined>(undefined);
  const scanButton = useRef<HTMLButtonElement>(null);

  function closeScanner() {
    setScanner(undefined);
    scanButton.current?.focus();
  }

  async function verify(query: string) {
    setLastQuery(query);
    const parsed = parseQuery(query);
    if ('problem' in parsed) {
      setLookup({ status: 'error', error: parsed });
      return;
    }
    setLookup({ status: 'working', step: 'config' });
    const lookupEngine = await loadEngine();
    try {
      const tokenId =
        parsed.kind === 'vin'
          ? await lookupEngine.bookOfVin(parsed.vin, (step, progress) =>
              setLookup({ status: 'working', step, progress }),
            )
          : parsed.tokenId;
      const bookId = bookIdOf(tokenId);
      if (parsed.kind === 'vin') {
        // A VIN is personal data: the address bar, history and any shared URL carry the book id instead.
        // Relative ('?…'): the same code runs at /verify and at /ipfs/<cid>/verify.html on a gateway.
        window.history.replaceState(null, '', `?book=${bookId}`);
      }
      const found = await lookupEngine.readReport(tokenId, shareLinkFor(tokenId), (step) =>
        setLookup({ status: 'working', step }),
      );
      if (!found.exists) {
        setLookup({ status: 'error', error: { problem: parsed.kind === 'vin' ? 'unknown-vin' : 'unknown-book' } });
        return;
      }
      primeVerdict(found.history, found.verdict);
      setLookup({
        status: 'done',
        history: found.history,
        verdict: found.verdict,
        orgNames: found.orgNames,
        verifiedAt: found.verifiedAt,
        config: found.config,
        client: found.client,
        shared: found.shared && 'failure' in found.shared ? { ...found.shared, engine: lookupEngine } : found.shared,
        bookId,
        identity: parsed.kind === 'vin' ? { ...vinIdentity(parsed.vin), vin: parsed.vin } : undefined,
      });
    } catch (error) {
      setLookup({ status: 'error', error: { failure: error, engine: lookupEngine } });
    }
  }

  /** The share link for this book, if the page was opened with one (the key stays in memory, never in a request). */
  function shareLinkFor(tokenId: bigint): { search: string; hash: string } | undefined {
    const hash = shareFragment.current;
    const book = searchParams.get('book');
    if (!hash || !book || !BOOK_ID.test(book) || BigInt(book) !== tokenId) return undefined;
    return { search: `?book=${book}`, hash };
  }

  useEffect(() => {
    shareFragment.current = takeShareFragment();
    // Fetch the engine while the buyer types: the first load stays small, the lookup does not wait for it.
    void loadEngine();
    // eslint-disable-next-line react-hooks/set-state-in-effect -- a shared link starts its lookup once, on mount.
    if (initial) void verify(initial);
    // Run once for a shared link; later lookups come from the form.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const retryable =
    lookup.status === 'error' &&
    'failure' in lookup.error &&
    RETRYABLE.has(lookup.error.engine.errorKind(lookup.error.failure));
  const makerName = lookup.status === 'done' ? lookup.orgNames[lookup.history.manufacturerOrg] : undefined;
  const model = lookup.status === 'done' ? publicModel(lookup.history.metadataURI) : undefined;

  return (
    <>
      <h1 className="no-print">{t('title')}</h1>
      <p className="muted no-print">{t('intro')}</p>
      <form
        className="panel row lookup-form"
        onSubmit={(event) => {
          event.preventDefault();
          const query = input.trim();
          if (BOOK_ID.test(query)) {
            // A share link's fragment stays in the address bar while the same book is shown (it is never sent).
            const sameBook = query.toLowerCase() === searchParams.get('book')?.toLowerCase();
            window.history.replaceState(
              null,
              '',
              `?book=${query}${sameBook && shareFragment.current ? shareFragment.current : ''}`,
            );
          }
          void verify(query);
        }}
      >
        <label>
          {t('inputLabel')}
          <input
            name="vin"
            value={input}
            onChange={(event) => setInput(event.target.value)}
            placeholder={t('placeholder')}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            aria-invalid={lookup.status === 'error' && !('failure' in lookup.error)}
            aria-describedby={lookup.status === 'error' ? 'lookup-error' : undefined}
          />
        </label>
        <button type="submit" disabled={lookup.status === 'working' || input.trim() === ''}>
          {t('submit')}
        </button>
        <button
          type="button"
          ref={scanButton}
          className="secondary"
          title={tScan('buttonLabel')}
          aria-expanded={scanner !== undefined}
          aria-controls={scanner !== undefined ? 'vin-scanner' : undefined}
          onClick={() => setScanner((key) => (key ?? 0) + 1)}
          data-testid="scan-button"
        >
          {tScan('button')}
        </button>
      </form>
      {scanner !== undefined && (
        <Suspense fallback={<p className="panel muted">{tScan('loading')}</p>}>
          <Scanner
            key={scanner}
            onClose={closeScanner}
            onRead={(text) => {
              // What the barcode holds is validated and looked up exactly as if it had been typed.
              closeScanner();
              setInput(text);
              void verify(text);
            }}
          />
        </Suspense>
      )}

      {lookup.status === 'working' && (
        <div className="panel" role="status">
          <p>{t(`step.${lookup.step}`)}</p>
          {lookup.progress !== undefined && (
            <div className="progress" aria-hidden="true">
              <div style={{ width: `${Math.round(lookup.progress * 100)}%` }} />
            </div>
          )}
        </div>
      )}
      {lookup.status === 'error' && (
        <div className="alert error" role="alert" id="lookup-error" data-testid="lookup-error">
          <ProblemText error={lookup.error} />
          {retryable && (
            <>
              {' '}
              <button type="button" className="secondary small" onClick={() => void verify(lastQuery)}>
                {t('retry')}
              </button>
            </>
          )}
        </div>
      )}
      {lookup.status === 'done' && (
        <section aria-label={t('resultLabel')} className="report" data-testid="report">
          <PrintHeader bookId={lookup.bookId} block={lookup.history.atBlock} at={lookup.verifiedAt} />
          <h2 data-testid="identity">
            {/* The maker the consortium registered for this WMI (the contract checks the book's creator holds it),
                before the general make table: a demo consortium's fictional maker is never shown as a real brand. */}
            {makerName ?? lookup.identity?.make ?? t('identity.unknownMake')}
            {lookup.identity?.modelYear ? ` · ${t('identity.modelYear', { year: lookup.identity.modelYear })}` : ''}
          </h2>
          <p className="muted identity-line">
            {model && (
              <>
                {t('identity.model', { model })}
                {' · '}
              </>
            )}
            {lookup.identity && (
              <>
                {t('identity.vin')} <span className="mono">{lookup.identity.vin}</span>
                {' · '}
              </>
            )}
            {makerName && <>{t('identity.builtBy', { maker: makerName })} · </>}
            {t('identity.verifiedAt', { block: f.number(lookup.history.atBlock) })}
          </p>
          <VerdictPanel verdict={lookup.verdict} recordCount={lookup.history.recordCount} />
          <ReportActions bookId={lookup.bookId} />
          {lookup.shared && 'view' in lookup.shared && (
            <div className="alert info" data-testid="shared-note">
              <LockIcon open /> {t('shared.note')}
            </div>
          )}
          {lookup.shared && 'failure' in lookup.shared && (
            <div className="alert error" role="alert" data-testid="shared-error">
              {t('shared.failed')} <ProblemText error={lookup.shared} />
            </div>
          )}
          <Suspense>
            <BookFacts history={lookup.history} />
          </Suspense>
          <Suspense fallback={<div className="panel mileage-chart-pending" aria-busy="true" />}>
            <MileageChart history={lookup.history} verdict={lookup.verdict} />
          </Suspense>
          <Suspense>
            <RecordTable
              history={lookup.history}
              orgNames={lookup.orgNames}
              privateView={lookup.shared && 'view' in lookup.shared ? lookup.shared.view : undefined}
            />
          </Suspense>
          <Suspense>
            <DocumentCheck
              history={lookup.history}
              config={lookup.config}
              client={lookup.client}
              orgNames={lookup.orgNames}
            />
            <ExportTools
              history={lookup.history}
              verdict={lookup.verdict}
              config={lookup.config}
              client={lookup.client}
            />
          </Suspense>
        </section>
      )}
    </>
  );
}

/** The model given at creation when it is public ("demo:Volta Aero 1.6 (2019)"); an IPFS URI is not shown. */
function publicModel(metadataURI: string): string | undefined {
  if (metadataURI.startsWith('demo:')) return metadataURI.slice('demo:'.length);
  return undefined;
}
