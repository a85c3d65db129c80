'use client';

import { useWalletClient } from 'wagmi';
import { addOrgStaffWraps, publishOrgKey } from '@/lib/browser/privacy';
import { queryKeys, useOrgKeyState, useStaff } from '../../_components/hooks';
import { usePrivateKeys } from '../../_components/privacy/PrivateKeys';
import { useRuntimeConfig } from '../../_components/Providers';
import { TxStatus, useTransactionSteps } from '../../_components/useTransactionSteps';
import { shortAddress } from '../../_components/format';
import { useTranslations } from '@/lib/browser/i18n';

/**
 * The organisation's reading key: one key for the whole organisation (a dealer network, an insurer), wrapped for
 * each staff member's registered reading key. Publishing a new version is also how a removed staff member loses
 * access to what is written afterwards.
 */
export function OrgKey({ orgId, orgName }: { orgId: number; orgName: string }) {
  const t = useTranslations('consortium.orgKey');
  const keys = usePrivateKeys();
  const config = useRuntimeConfig();
  const { data: walletClient } = useWalletClient();
  const staff = useStaff(orgId);
  const tx = useTransactionSteps();
  const addTx = useTransactionSteps();
  const stateKey = queryKeys.orgKey(config.contracts.keyRegistry ?? '0x', orgId);
  const state = useOrgKeyState(
    orgId,
    staff.data?.map((m) => m.account),
  );
  if (!keys.config) return null;
  const privacy = keys.config;
  const version = state.data?.keyVersion ?? 0;
  const withKey = state.data?.members.filter((m) => m.hasKey) ?? [];

  return (
    <section className="panel" aria-labelledby="org-key" data-testid="org-key">
      <h2 id="org-key">{t('title')}</h2>
      <p className="muted small">{t('intro', { org: orgName })}</p>
      {state.data && (
        <p data-testid="org-key-version">
          {version === 0 ? t('noVersion') : t('version', { version })}
          {' · '}
          {state.data.members.length === 0
            ? t('noStaff')
            : t('withKey', { count: withKey.length, total: state.data.members.length })}
        </p>
      )}
      {state.data && state.data.members.some((m) => !m.hasKey) && (
        <p className="small muted">
          {t('withoutKey')}{' '}
          {state.data.members
            .filter((m) => !m.hasKey)
            .map((m) => shortAddress(m.account))
            .join(', ')}
        </p>
      )}
      {state.data && state.data.waiting.length > 0 && (
        <div className="alert info small" data-testid="org-key-waiting">
          {t('waiting', { who: state.data.waiting.map(shortAddress).join(', '), version })}{' '}
          <button
            type="button"
            className="small"
            disabled={!keys.unlocked || !walletClient || addTx.state.status === 'pending'}
            onClick={() => {
              const waiting = state.data?.waiting ?? [];
              void addTx.run({
                pending: t('sharePending', { version, count: waiting.length }),
                success: t('shared', { version, who: waiting.map(shortAddress).join(', ') }),
                invalidate: [stateKey],
                send: async ({ wallet, client }) => {
                  const org =
                    keys.unlocked?.org?.keyVersion === version ? keys.unlocked.org : await keys.refreshOrgKey();
                  if (!org) throw new Error(t('ownCopyFailed'));
                  await addOrgStaffWraps(wallet, client, privacy, org, waiting);
                },
              });
            }}
          >
            {t('share', { version })}
          </button>
        </div>
      )}
      <TxStatus state={addTx.state} testId="org-key-add-status" />
      {!keys.unlocked && <p className="small alert info">{t('unlockFirst')}</p>}
      <button
        type="button"
        disabled={!keys.unlocked || !walletClient || !state.data || tx.state.status === 'pending'}
        onClick={() => {
          const members = state.data?.members ?? [];
          let missing: string[] = [];
          let published = 0;
          void tx.run({
            pending: t('publishPending'),
            success: () =>
              t('published', { version: published, count: withKey.length }) +
              (missing.length > 0 ? ` ${t('notYet', { who: missing.map(shortAddress).join(', ') })}` : ''),
            invalidate: [stateKey],
            send: async ({ wallet, client }) => {
              const result = await publishOrgKey(
                wallet,
                client,
                privacy,
                members.map((m) => m.account),
              );
              missing = result.missing;
              published = result.keyVersion;
              // The admin reads with the new version from now on (it is wrapped for the admin too).
              await keys.refreshOrgKey().catch(() => undefined);
            },
          });
        }}
      >
        {version === 0 ? t('publish') : t('rotate', { version: version + 1 })}
      </button>
      <TxStatus state={tx.state} testId="org-key-status" />
    </section>
  );
}
