'use client';

import { useState } from 'react';
import { consortiumAbi, ROLES, type ORG_KINDS, type RoleName } from '@/lib/browser/contracts';
import { useRuntimeConfig } from '../../_components/Providers';
import { queryKeys, useStaff } from '../../_components/hooks';
import { TxStatus, useTransactionSteps } from '../../_components/useTransactionSteps';
import { checkAddress, fieldProblem } from '../../_components/validation';
import { useTranslations } from '@/lib/browser/i18n';
import { STAFF_ROLES } from './governance';

export function StaffManagement({
  orgId,
  kind,
  orgName,
}: {
  orgId: number;
  kind: (typeof ORG_KINDS)[number];
  orgName: string;
}) {
  const t = useTranslations('consortium.staff');
  const tr = useTranslations('consortium.role');
  const troles = useTranslations('roles');
  const tv = useTranslations('validation');
  const config = useRuntimeConfig();
  const staff = useStaff(orgId);
  const addTx = useTransactionSteps();
  const removeTx = useTransactionSteps();
  const roles = STAFF_ROLES[kind];
  const [account, setAccount] = useState('');
  const [role, setRole] = useState<RoleName | ''>('');
  const chosenRole = role || roles[0];
  const accountCheck = checkAddress(account);
  const accountProblem = fieldProblem(account, accountCheck);
  const accountError = accountProblem && tv(accountProblem.key, accountProblem.values);
  const invalidate = [
    queryKeys.staff(config.contracts.consortium, orgId),
    queryKeys.membership(config.contracts.consortium),
  ];

  return (
    <section className="panel" aria-labelledby="staff">
      <h2 id="staff">{t('title', { org: orgName })}</h2>
      {staff.data?.length === 0 && <p className="muted">{t('none')}</p>}
      {staff.data && staff.data.length > 0 && (
        <ul className="plain-list" aria-label={t('listLabel')}>
          {staff.data.map((member) => (
            <li key={member.account} data-testid="staff-member">
              <span>
                <span className="mono">{member.account}</span>{' '}
                <span className="badge pending">{tr(member.role ?? 'STAFF')}</span>
              </span>
              <button
                type="button"
                className="secondary small"
                disabled={removeTx.state.status === 'pending'}
                onClick={() =>
                  removeTx.run({
                    pending: t('removePending'),
                    success: t('removed', { who: member.account, org: orgName }),
                    invalidate,
                    send: ({ send }) =>
                      send({
                        address: config.contracts.consortium,
                        abi: consortiumAbi,
                        functionName: 'removeStaff',
                        args: [member.account],
                      }),
                  })
                }
              >
                {t('remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <TxStatus state={removeTx.state} testId="staff-remove-status" />
      <form
        className="row"
        aria-label={t('formLabel')}
        onSubmit={async (event) => {
          event.preventDefault();
          if (!accountCheck.ok || !chosenRole) return;
          const ok = await addTx.run({
            pending: t('addPending'),
            success: t('added', { who: accountCheck.value, org: orgName, role: troles(`role.${chosenRole}`) }),
            invalidate,
            send: ({ send }) =>
              send({
                address: config.contracts.consortium,
                abi: consortiumAbi,
                functionName: 'setStaff',
                args: [accountCheck.value, ROLES[chosenRole]],
              }),
          });
          if (ok) setAccount('');
        }}
      >
        <label>
          {t('account')}
          <input
            name="staff"
            value={account}
            placeholder="0x…"
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => setAccount(event.target.value)}
            aria-invalid={Boolean(accountError)}
          />
          {accountError && <span className="field-error">{accountError}</span>}
        </label>
        <label className="select-label">
          {t('role')}
          <select name="role" value={chosenRole ?? ''} onChange={(event) => setRole(event.target.value as RoleName)}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {tr(r)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={!accountCheck.ok || !chosenRole || addTx.state.status === 'pending'}>
          {t('add')}
        </button>
      </form>
      <TxStatus state={addTx.state} testId="staff-add-status" />
    </section>
  );
}
