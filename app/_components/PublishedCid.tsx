'use client';

import { useState } from 'react';
import { useLocale } from 'use-intl';
import { useTranslations } from '@/lib/browser/i18n';
import type { PublishedCheck } from '@/lib/browser/ipfs';

type State =
  { status: 'idle' | 'working' } | { status: 'done'; check: PublishedCheck } | { status: 'error'; message: string };

/**
 * "Is this page the consortium's?": on request (no chain read on page load), reads the CID the consortium published
 * by vote (`dapp.cid`) and says in words whether the CID this page was loaded by is that one.
 */
export function PublishedCid() {
  const t = useTranslations('dappCid');
  const locale = useLocale();
  const [state, setState] = useState<State>({ status: 'idle' });
  return (
    <div className="published-cid" data-testid="published-cid">
      <button
        type="button"
        className="secondary small"
        disabled={state.status === 'working'}
        onClick={async () => {
          setState({ status: 'working' });
          try {
            // Every page's footer carries this button: the chain client and the CID code load only when it is
            // pressed, never in a page's first load.
            const [{ loadRuntimeConfig, publicClientFromConfig }, { checkPublishedCid, readPublishedDappCid }] =
              await Promise.all([import('@/lib/browser/chain'), import('@/lib/browser/ipfs')]);
            const config = await loadRuntimeConfig();
            const value = await readPublishedDappCid(publicClientFromConfig(config), config.contracts.consortium);
            setState({ status: 'done', check: checkPublishedCid(window.location.href, value) });
          } catch (error) {
            // The humanizer (every contract's error sentences, viem's error classes) loads with the failure only.
            const { humanizeError } = await import('@/lib/browser/errors');
            setState({ status: 'error', message: humanizeError(error, locale) });
          }
        }}
      >
        {t('check')}
      </button>
      <p role="status" data-testid="published-cid-result" className="small">
        {state.status === 'working' && t('checking')}
        {state.status === 'error' && state.message}
        {state.status === 'done' && state.check.state === 'none-published' && t('nonePublished')}
        {state.status === 'done' && state.check.state === 'not-from-ipfs' && (
          <>
            {t('published')} <code className="mono">{state.check.published}</code>. {t('notFromIpfs')}
          </>
        )}
        {state.status === 'done' && state.check.state === 'match' && (
          <>
            {t('published')} <code className="mono">{state.check.published}</code>. {t('match')}
          </>
        )}
        {state.status === 'done' && state.check.state === 'mismatch' && (
          <>
            {t('published')} <code className="mono">{state.check.published}</code>.{' '}
            {t('mismatch', { page: state.check.page })}
          </>
        )}
      </p>
    </div>
  );
}
