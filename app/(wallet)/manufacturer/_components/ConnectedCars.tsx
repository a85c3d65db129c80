'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useAccount } from 'wagmi';
import {
  connectedCarsPage,
  deadLettersByCar,
  MAX_DEAD_LETTER_BYTES,
  parseDeadLetters,
  type ConnectedCar,
  type DeadLetterFile,
} from '@/lib/browser/reads';
import { READING_SKIP_REASONS } from '@/lib/browser/contracts';
import { useFormat, useTranslations } from '@/lib/browser/i18n';
import { BookName } from '../../_components/BookName';
import { useMembership } from '../../_components/hooks';
import { readWhen, useAllShardReads, useReads } from '../../_components/hooks/readWhen';
import { Pager } from '../../_components/Pager';
import { ReadError } from '../../_components/ReadError';
import { ChainTag, UnreadChains } from '../../_components/ChainLists';
import { useMayAct } from '../../_components/RoleGate';
import { shortHash } from '../../_components/format';
import { RotateFor } from './DeviceKeyRotation';
import { FilePicker } from '@/app/_components/FilePicker';

const PAGE_SIZE = 10;
const KNOWN_REASONS = new Set([
  'malformed',
  'unknown-device',
  'rotated-device',
  'bad-signature',
  'replayed',
  'not-newer',
  'too-soon',
  'decreasing',
  'implausible',
  'future',
  'too-old',
  'book-not-active',
  'wrong-shard',
  'chain-reverted',
  // The chain's own skip reasons (the file writes them as `chain-<Reason>`).
  ...READING_SKIP_REASONS.filter((reason) => reason !== 'None'),
]);

/** A reason code in words (the chain's skip reasons also appear in the file as `chain-<Reason>`). */
function useReason() {
  const t = useTranslations('connectedCars.reasons');
  return (code: string) => {
    const bare = code.startsWith('chain-') && code !== 'chain-reverted' ? code.slice('chain-'.length) : code;
    return KNOWN_REASONS.has(bare) ? t(bare as never) : code;
  };
}

/**
 * The maker's connected cars (the blocks of `CarBook.connectedBlocksOf` on every chain, each car once at its newest
 * device key change), newest first, ten blocks a page, each with its device key, last reading, readings of the last 24 hours, readings the chain skipped, and the dead letters of the ingester's
 * local file when the staff open it here (it is read in this browser, never sent).
 */
export function ConnectedCars() {
  const t = useTranslations('connectedCars');
  const may = useMayAct('Manufacturer', ['DEALER', 'TELEMATICS_OPERATOR']);
  const { address } = useAccount();
  const membership = useMembership(address);
  const orgId = membership.data?.orgId || undefined;
  const { config } = useReads();
  const shards = useAllShardReads();
  const [page, setPage] = useState(0);
  const [deadLetters, setDeadLetters] = useState<{ name: string; file: DeadLetterFile } | undefined>();
  const [fileProblem, setFileProblem] = useState<'tooLarge' | 'unreadable' | undefined>();
  const queryKey = ['connectedCars', config.contracts.carBook, orgId ?? 0, page, PAGE_SIZE] as const;
  const list = useQuery({
    queryKey,
    placeholderData: keepPreviousData,
    ...readWhen([orgId], (org) =>
      connectedCarsPage(
        shards.map(({ client, config }, shard) => ({ shard, client, config })),
        org,
        page,
        PAGE_SIZE,
      ),
    ),
  });
  if (may !== 'yes') return null;
  const data = list.data;

  return (
    <section className="panel stack" aria-labelledby="connected-cars" data-testid="connected-cars">
      <h2 id="connected-cars">{t('title')}</h2>
      <p className="muted small">{t('intro')}</p>
      <dl className="small connected-sources">
        <dt>{t('sources.chainTitle')}</dt>
        <dd>{t('sources.chain')}</dd>
        <dt>{t('sources.fileTitle')}</dt>
        <dd>{t('sources.file')}</dd>
      </dl>
      <div className="stack">
        <label>
          {t('file.label')}
          <FilePicker
            accept=".ndjson,.jsonl,.json,.log,.txt,application/json,text/plain"
            data-testid="dead-letter-file"
            onChange={async (event) => {
              const chosen = event.target.files?.[0];
              setFileProblem(undefined);
              if (!chosen) return;
              if (chosen.size > MAX_DEAD_LETTER_BYTES) {
                setDeadLetters(undefined);
                setFileProblem('tooLarge');
                return;
              }
              try {
                setDeadLetters({ name: chosen.name, file: parseDeadLetters(await chosen.text()) });
              } catch {
                setDeadLetters(undefined);
                setFileProblem('unreadable');
              }
            }}
          />
          <span className="muted small">{t('file.hint')}</span>
        </label>
        {fileProblem && (
          <p className="field-error" role="alert">
            {t(`file.${fileProblem}`, { max: Math.round(MAX_DEAD_LETTER_BYTES / 1024 / 1024) })}
          </p>
        )}
        {deadLetters && (
          <p className="small" role="status" data-testid="dead-letter-summary">
            {t('file.loaded', {
              name: deadLetters.name,
              count: deadLetters.file.lines,
              invalid: deadLetters.file.invalid,
              unattributed: Object.values(deadLetters.file.unattributed).reduce((a, b) => a + b, 0),
            })}
          </p>
        )}
      </div>
      <ReadError error={list.error} />
      <UnreadChains unread={data?.unread ?? []} />
      {list.isPending && orgId !== undefined && (
        <p className="muted" role="status">
          {t('loading')}
        </p>
      )}
      {data && data.total === 0 && (
        <p className="muted" data-testid="connected-empty">
          {t('empty')}
        </p>
      )}
      {data && data.total > 0 && (
        <>
          {/* A page is a run of key-change blocks: it counts its own cars, the list has no car total. */}
          <p className="small muted" data-testid="connected-count">
            {t('count', { count: data.items.length })}
          </p>
          <ul className="plain-list connected-list" aria-label={t('listLabel')}>
            {data.items.map((car) => (
              <ConnectedCarCard
                key={`${car.shard}-${car.tokenId}`}
                car={car}
                deadLetters={deadLettersByCar(deadLetters?.file, car.tokenId)}
                fileLoaded={deadLetters !== undefined}
                listKey={['connectedCars', config.contracts.carBook]}
              />
            ))}
          </ul>
          <Pager page={data.page} pages={data.pages} onPage={setPage} label={t('listLabel')} />
        </>
      )}
    </section>
  );
}

function ConnectedCarCard({
  car,
  deadLetters,
  fileLoaded,
  listKey,
}: {
  car: ConnectedCar & { shard: number };
  deadLetters: ReturnType<typeof deadLettersByCar>;
  fileLoaded: boolean;
  listKey: readonly unknown[];
}) {
  const t = useTranslations('connectedCars');
  const format = useFormat();
  const reason = useReason();
  const [rotating, setRotating] = useState(false);
  const last = car.lastReading;
  return (
    <li className="subpanel stacked connected-car" data-testid="connected-car" data-shard={car.shard}>
      <p>
        <BookName tokenId={car.tokenId} /> <ChainTag shard={car.shard} />
      </p>
      <dl className="kv small">
        <dt>{t('deviceKey')}</dt>
        <dd className="mono wrap" data-testid="connected-device">
          {car.deviceKey ?? <span className="muted">{t('noDevice')}</span>}
        </dd>
        <dt>{t('lastReading')}</dt>
        <dd data-testid="connected-last">
          {last ? (
            <>
              {t('lastReadingValue', { km: format.km(last.mileage), date: format.dateTime(last.timestamp) })}{' '}
              <span className="muted mono" title={last.transactionHash}>
                {t('blockTx', { block: format.number(last.blockNumber), tx: shortHash(last.transactionHash) })}
              </span>
            </>
          ) : (
            <span className="muted">{t('noReading')}</span>
          )}
        </dd>
        <dt>{t('today')}</dt>
        <dd data-testid="connected-today">
          {car.readingsTodayAtLeast
            ? t('todayAtLeast', { count: car.readingsToday })
            : t('todayValue', { count: car.readingsToday })}
        </dd>
        <dt>{t('skipped')}</dt>
        <dd data-testid="connected-skipped">
          {car.skipped.total === 0 ? (
            t('none')
          ) : (
            <>
              {Object.entries(car.skipped.byReason)
                .map(([code, count]) => t('reasonCount', { reason: reason(code), count }))
                .join(' · ')}
              {car.skipped.latest[0] && (
                <span className="muted">
                  {' '}
                  {t('lastSkip', { date: format.dateTime(car.skipped.latest[0].timestamp) })}
                </span>
              )}
            </>
          )}
        </dd>
        <dt>{t('deadLetters')}</dt>
        <dd data-testid="connected-dead">
          {!fileLoaded ? (
            <span className="muted">{t('noFile')}</span>
          ) : !deadLetters ? (
            t('none')
          ) : (
            Object.entries(deadLetters.byReason)
              .map(([code, count]) => t('reasonCount', { reason: reason(code), count }))
              .join(' · ')
          )}
        </dd>
      </dl>
      {!car.chain.ok && (
        <p className="field-error" role="alert">
          {t('incomplete')}
        </p>
      )}
      <button
        type="button"
        className="secondary small"
        aria-expanded={rotating}
        onClick={() => setRotating((open) => !open)}
      >
        {rotating ? t('closeRotate') : t('rotate')}
      </button>
      {rotating && <RotateFor tokenId={car.tokenId} showName={false} alsoInvalidate={[listKey]} />}
    </li>
  );
}
