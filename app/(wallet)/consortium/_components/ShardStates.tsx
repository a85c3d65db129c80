'use client';

import { useQuery } from '@tanstack/react-query';
import { useAllShardReads } from '../../_components/hooks/readWhen';
import { queryKeys } from '../../_components/hooks/queryKeys';
import { ReadError } from '../../_components/ReadError';
import { useTranslations } from '@/lib/browser/i18n';
import { compareShards, INSURANCE_IS_OWN, readShardState, type Divergence } from '@/lib/browser/reads';

/**
 * Each chain of the consortium in one line (its share of the books, its open proposals) and, in words, anything
 * the chains disagree on (issue 14 item 2): the comparison `npm run consortium:check` prints, read from the page.
 */
export function ShardStates() {
  const t = useTranslations('shardGovernance');
  const shards = useAllShardReads();
  const states = useQuery({
    // Under the proposals' key: a vote or an execution on this page refreshes the comparison too.
    queryKey: [
      ...queryKeys.proposals(shards[0].config.contracts.consortium),
      'shards',
      ...shards.map(({ config }) => `${config.chainId} ${config.contracts.consortium}`),
    ],
    queryFn: async () => {
      const read = await Promise.all(shards.map(({ client, config }) => readShardState(client, config)));
      return { states: read, divergences: compareShards(read, shards.length) };
    },
  });

  const values = (divergence: Divergence) =>
    divergence.values
      .map(({ chainId, value }) =>
        t('onChain', {
          chainId,
          value:
            divergence.kind === 'wmi'
              ? value === '0'
                ? t('nobody')
                : t('org', { id: value })
              : value === INSURANCE_IS_OWN
                ? t('ownInsurance')
                : value,
        }),
      )
      .join(', ');

  return (
    <section className="panel" aria-labelledby="shard-states-title" data-testid="shard-states">
      <h2 id="shard-states-title">{t('title')}</h2>
      <p className="muted">{t('intro')}</p>
      <ReadError error={states.error} />
      {states.isPending && <p className="muted">{t('loading')}</p>}
      {states.data && (
        <>
          <ul>
            {states.data.states.map((state) => (
              <li key={state.chainId} data-testid="shard-line">
                {t('line', {
                  chainId: state.chainId,
                  count: state.shardCount,
                  index: state.shardIndex,
                  open: state.openProposals,
                })}
              </li>
            ))}
          </ul>
          {states.data.divergences.length === 0 ? (
            <p className="alert info" data-testid="shards-agree">
              {t('agree', { count: states.data.states.length })}
            </p>
          ) : (
            <div className="alert error" role="alert" data-testid="shards-diverge">
              <p>{t('diverge', { count: states.data.divergences.length })}</p>
              <ul>
                {states.data.divergences.map((divergence) => (
                  <li key={`${divergence.kind} ${divergence.subject}`}>
                    {t(`divergence.${divergence.kind}`, {
                      subject: divergence.subject,
                      last: Number(divergence.subject) - 1,
                      values: values(divergence),
                    })}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </>
      )}
    </section>
  );
}
