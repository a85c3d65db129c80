'use client';

import { useState } from 'react';
import { consortiumAbi, ROLES, type ORG_KINDS, type RoleName } from '@/lib/browser/contracts';
import { useRuntimeConfig } from '../../_components/Providers';
import { queryKeys, useStaff } from '../../_components/hooks';
import { TxStatus, useTransactionSteps } from '../../_components/useTransactionSteps';
import { checkAddress, fieldError } from '../../_components/validation';
import { ROLE_LABELS, STAFF_ROLES } from './governance';

export function StaffManagement({
  orgId,
  kind,
  orgName,
}: {
  orgId: number;
  kind: (typeof ORG_KINDS)[number];
  orgName: string;
}) {
  const config = useRuntimeConfig();
  const staff = useStaff(orgId);
  const addTx = useTransactionSteps();
  const removeTx = useTransactionSteps();
  const roles = STAFF_ROLES[kind];
  const [account, setAccount] = useState('');
  const [role, setRole] = useState<RoleName | ''>('');
  const chosenRole = role || roles[0];
  const accountCheck = checkAddress(account);
  const accountError = fieldError(account, accountCheck);
  const invalidate = [
    queryKeys.staff(config.contracts.consortium, orgId),
    queryKeys.membership(config.contracts.consortium),
  ];

  return (
    <section className="panel" aria-labelledby="staff">
      <h2 id="staff">Staff of {orgName}</h2>
      {staff.data?.length === 0 && <p className="muted">No staff account yet: you act alone as the admin.</p>}
      {staff.data && staff.data.length > 0 && (
        <ul className="plain-list" aria-label="Staff">
          {staff.data.map((member) => (
            <li key={member.account} data-testid="staff-member">
              <span>
                <span className="mono">{member.account}</span>{' '}
                <span className="badge pending">{member.role ? ROLE_LABELS[member.role] : 'Staff'}</span>
              </span>
              <button
                type="button"
                className="secondary small"
                disabled={removeTx.state.status === 'pending'}
                onClick={() =>
                  removeTx.run({
                    pending: 'Removing the staff account…',
                    success: `${member.account} no longer acts for ${orgName}.`,
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
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <TxStatus state={removeTx.state} testId="staff-remove-status" />
      <form
        className="row"
        aria-label="Add a staff account"
        onSubmit={async (event) => {
          event.preventDefault();
          if (!accountCheck.ok || !chosenRole) return;
          const ok = await addTx.run({
            pending: 'Adding the staff account…',
            success: `${accountCheck.value} now acts for ${orgName} as ${ROLE_LABELS[chosenRole].toLowerCase()}.`,
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
          Staff account
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
          Role
          <select name="role" value={chosenRole ?? ''} onChange={(event) => setRole(event.target.value as RoleName)}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={!accountCheck.ok || !chosenRole || addTx.state.status === 'pending'}>
          Add staff
        </button>
      </form>
      <TxStatus state={addTx.state} testId="staff-add-status" />
    </section>
  );
}
