'use client';

import { useWalletClient } from 'wagmi';
import { addOrgStaffWraps, publishOrgKey } from '@/lib/browser/privacy';
import { queryKeys, useOrgKeyState, useStaff } from '../../_components/hooks';
import { usePrivateKeys } from '../../_components/privacy/PrivateKeys';
import { useRuntimeConfig } from '../../_components/Providers';
import { TxStatus, useTransactionSteps } from '../../_components/useTransactionSteps';
import { shortAddress } from '../../_components/format';

/**
 * The organisation's reading key: one key for the whole organisation (a dealer network, an insurer), wrapped for
 * each staff member's registered reading key. Publishing a new version is also how a removed staff member loses
 * access to what is written afterwards.
 */
export function OrgKey({ orgId, orgName }: { orgId: number; orgName: string }) {
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
      <h2 id="org-key">Organisation reading key</h2>
      <p className="muted small">
        Books that {orgName} reads as an organisation (its cars, the cars it insures) are shared with one organisation
        key; each staff member opens it with their own reading key. Publish a new version after removing staff: the
        books move to the new key at their next private record.
      </p>
      {state.data && (
        <p data-testid="org-key-version">
          {version === 0 ? 'No organisation key published yet.' : `Current version: ${version}.`}
          {' · '}
          {state.data.members.length === 0
            ? 'No staff yet.'
            : `${withKey.length} of ${state.data.members.length} staff have a registered reading key.`}
        </p>
      )}
      {state.data && state.data.members.some((m) => !m.hasKey) && (
        <p className="small muted">
          Without a key (they must unlock private details once first):{' '}
          {state.data.members
            .filter((m) => !m.hasKey)
            .map((m) => shortAddress(m.account))
            .join(', ')}
        </p>
      )}
      {state.data && state.data.waiting.length > 0 && (
        <div className="alert info small" data-testid="org-key-waiting">
          {state.data.waiting.map(shortAddress).join(', ')} registered a reading key after version {version} was
          published.{' '}
          <button
            type="button"
            className="small"
            disabled={!keys.unlocked || !walletClient || addTx.state.status === 'pending'}
            onClick={() => {
              const waiting = state.data?.waiting ?? [];
              void addTx.run({
                pending: `Sharing version ${version} with ${waiting.length} staff member${waiting.length === 1 ? '' : 's'}: confirm the transaction…`,
                success: `Version ${version} shared with ${waiting.map(shortAddress).join(', ')}.`,
                invalidate: [stateKey],
                send: async ({ wallet, client }) => {
                  const org =
                    keys.unlocked?.org?.keyVersion === version ? keys.unlocked.org : await keys.refreshOrgKey();
                  if (!org)
                    throw new Error(
                      'Your own copy of the organisation key did not open: rotate to a new version instead.',
                    );
                  await addOrgStaffWraps(wallet, client, privacy, org, waiting);
                },
              });
            }}
          >
            Share version {version} with them
          </button>
        </div>
      )}
      <TxStatus state={addTx.state} testId="org-key-add-status" />
      {!keys.unlocked && <p className="small alert info">Unlock private details first: you are wrapped the key too.</p>}
      <button
        type="button"
        disabled={!keys.unlocked || !walletClient || !state.data || tx.state.status === 'pending'}
        onClick={() => {
          const members = state.data?.members ?? [];
          let missing: string[] = [];
          let published = 0;
          void tx.run({
            pending: 'Publishing the organisation key for your staff: confirm the transaction…',
            success: () =>
              `Organisation key version ${published} published for you and ${withKey.length} staff member${withKey.length === 1 ? '' : 's'}.` +
              (missing.length > 0 ? ` Not yet for ${missing.map(shortAddress).join(', ')} (no reading key).` : ''),
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
        {version === 0 ? 'Publish the organisation key' : `Rotate to version ${version + 1}`}
      </button>
      <TxStatus state={tx.state} testId="org-key-status" />
    </section>
  );
}
