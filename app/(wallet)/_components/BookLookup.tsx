'use client';

import { useState } from 'react';
import { hexToBigInt } from 'viem';
import { bookLocator, readVinCommitmentParams } from '@/lib/browser/chain';
import { validateVin } from '@/lib/browser/vin';
import { bookIdForVin } from '@/lib/browser/history';
import { useReadClient, useRuntimeConfig } from './Providers';
import { checkBytes32 } from './validation';
import { useHumanize } from '@/lib/browser/errors';
import { useInputProblem, useTranslations } from '@/lib/browser/i18n';

/**
 * Finds a car book by its id (0x + 64 hex digits) or by the VIN, whose commitment is derived here with the
 * consortium's scrypt parameters as governance set them on chain: deliberately slow, so a progress bar shows it working.
 */
export function BookLookup({ onFound, label }: { onFound: (tokenId: bigint) => void; label?: string }) {
  const t = useTranslations('bookLookup');
  const config = useRuntimeConfig();
  const publicClient = useReadClient();
  const humanize = useHumanize();
  const problemText = useInputProblem();
  const [input, setInput] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [progress, setProgress] = useState<number | undefined>();

  return (
    <form
      className="stack"
      aria-label={t('formLabel')}
      onSubmit={async (event) => {
        event.preventDefault();
        setError(undefined);
        const value = input.trim();
        if (value.startsWith('0x')) {
          const id = checkBytes32(value);
          if (!id.ok) return setError(t('notBookId'));
          return onFound(hexToBigInt(id.value));
        }
        const vin = validateVin(value);
        if (!vin.ok) return setError(problemText.vin(vin.problem));
        try {
          setProgress(0);
          onFound(
            await bookIdForVin(
              bookLocator(config),
              undefined,
              vin.vin,
              await readVinCommitmentParams(publicClient, config.contracts.consortium),
              { onProgress: setProgress },
            ),
          );
        } catch (cause) {
          setError(humanize(cause));
        } finally {
          setProgress(undefined);
        }
      }}
    >
      <div className="row">
        <label>
          {label ?? t('label')}
          <span className="hint">{t('hint')}</span>
          <input
            name="book"
            value={input}
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => {
              setInput(event.target.value);
              setError(undefined);
            }}
            aria-invalid={Boolean(error)}
            aria-describedby="lookup-error"
          />
        </label>
        <button type="submit" disabled={input.trim() === '' || progress !== undefined}>
          {t('open')}
        </button>
      </div>
      {progress !== undefined && (
        <div
          className="progress"
          role="progressbar"
          aria-label={t('progress')}
          aria-valuenow={Math.round(progress * 100)}
          aria-valuemin={0}
          aria-valuemax={100}
        >
          <div style={{ width: `${Math.round(progress * 100)}%` }} />
        </div>
      )}
      {error && (
        <span id="lookup-error" className="field-error" role="alert">
          {error}
        </span>
      )}
    </form>
  );
}
