'use client';

import { useState } from 'react';
import type { Hex } from 'viem';
import { consortiumAbi, ProposalAction } from '@/lib/browser/contracts';
import { useRuntimeConfig } from '../../_components/Providers';
import { queryKeys, type Organisation } from '../../_components/hooks';
import { TxStatus, useTransactionSteps } from '../../_components/useTransactionSteps';
import { checkAddress, fieldProblem } from '../../_components/validation';
import { useTranslations } from '@/lib/browser/i18n';
import { GOVERNED_PARAMETERS, OrgKind, encodeAddMember, encodeRemoveMember, encodeSetParameter } from './governance';

type Action = 'AddMember' | 'RemoveMember' | 'SetParameter';
const KINDS = ['Manufacturer', 'Insurer', 'ArchivingService', 'Recycler'] as const;

export function NewProposal({ organisations }: { organisations: Organisation[] }) {
  const t = useTranslations('consortium.propose');
  const tk = useTranslations('consortium.kind');
  const tp = useTranslations('consortium.parameter');
  const tu = useTranslations('consortium.unit');
  const tv = useTranslations('validation');
  const config = useRuntimeConfig();
  const tx = useTransactionSteps();
  const [action, setAction] = useState<Action>('AddMember');
  const [name, setName] = useState('');
  const [kind, setKind] = useState<(typeof KINDS)[number]>('Insurer');
  const [admin, setAdmin] = useState('');
  const [removeId, setRemoveId] = useState('');
  const [paramIndex, setParamIndex] = useState(0);
  const [paramValue, setParamValue] = useState('');

  const members = organisations.filter((o) => o.active);
  const adminCheck = checkAddress(admin);
  const adminTaken = adminCheck.ok && organisations.some((o) => o.admin === adminCheck.value);
  const adminProblem = fieldProblem(admin, adminCheck);
  const adminError = adminTaken ? t('adminTaken') : adminProblem && tv(adminProblem.key, adminProblem.values);
  const param = GOVERNED_PARAMETERS[paramIndex];
  const paramOk = /^\d{1,5}$/.test(paramValue.trim()) && Number(paramValue) > 0;
  const removeTarget = members.find((o) => String(o.id) === removeId) ?? members[0];

  let data: Hex | undefined;
  let summary = '';
  if (action === 'AddMember' && name.trim() && adminCheck.ok && !adminTaken) {
    data = encodeAddMember(name.trim(), OrgKind[kind], adminCheck.value);
    summary = t('summaryAdd', { name: name.trim() });
  } else if (action === 'RemoveMember' && removeTarget) {
    data = encodeRemoveMember(removeTarget.id);
    summary = t('summaryRemove', { name: removeTarget.name });
  } else if (action === 'SetParameter' && paramOk) {
    data = encodeSetParameter(param.key, BigInt(paramValue.trim()) * BigInt(param.seconds));
    summary = t('summarySet', {
      parameter: tp(param.id),
      value: tu(param.unit, { count: Number(paramValue.trim()) }),
    });
  }

  return (
    <section className="panel" aria-labelledby="new-proposal">
      <h2 id="new-proposal">{t('title')}</h2>
      <form
        className="stack"
        aria-label={t('title')}
        onSubmit={async (event) => {
          event.preventDefault();
          if (!data) return;
          const ok = await tx.run({
            pending: t('pending'),
            success: t('done', { summary }),
            invalidate: [
              queryKeys.proposals(config.contracts.consortium),
              queryKeys.organisations(config.contracts.consortium),
            ],
            send: ({ send }) =>
              send({
                address: config.contracts.consortium,
                abi: consortiumAbi,
                functionName: 'propose',
                args: [ProposalAction[action], data],
              }),
          });
          if (ok) {
            setName('');
            setAdmin('');
            setParamValue('');
          }
        }}
      >
        <label>
          {t('action')}
          <select name="action" value={action} onChange={(event) => setAction(event.target.value as Action)}>
            <option value="AddMember">{t('AddMember')}</option>
            <option value="RemoveMember">{t('RemoveMember')}</option>
            <option value="SetParameter">{t('SetParameter')}</option>
          </select>
        </label>
        {action === 'AddMember' && (
          <>
            <div className="row">
              <label>
                {t('orgName')}
                <input name="orgName" value={name} maxLength={80} onChange={(event) => setName(event.target.value)} />
              </label>
              <label>
                {t('kind')}
                <select name="kind" value={kind} onChange={(event) => setKind(event.target.value as typeof kind)}>
                  {KINDS.map((k) => (
                    <option key={k} value={k}>
                      {tk(k)}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            <label>
              {t('admin')}
              <span className="hint">{t('adminHint')}</span>
              <input
                name="admin"
                value={admin}
                placeholder="0x…"
                autoComplete="off"
                spellCheck={false}
                onChange={(event) => setAdmin(event.target.value)}
                aria-invalid={Boolean(adminError)}
              />
              {adminError && <span className="field-error">{adminError}</span>}
            </label>
          </>
        )}
        {action === 'RemoveMember' && (
          <label>
            {t('member')}
            <select
              name="member"
              value={removeTarget ? String(removeTarget.id) : ''}
              onChange={(event) => setRemoveId(event.target.value)}
            >
              {members.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {action === 'SetParameter' && (
          <div className="row">
            <label>
              {t('parameter')}
              <select
                name="parameter"
                value={paramIndex}
                onChange={(event) => setParamIndex(Number(event.target.value))}
              >
                {GOVERNED_PARAMETERS.map((g, i) => (
                  <option key={g.key} value={i}>
                    {tp(g.id)}
                  </option>
                ))}
              </select>
            </label>
            <label className="narrow">
              {t('value', { unit: tu(`${param.unit}Unit`) })}
              <input
                name="value"
                inputMode="numeric"
                value={paramValue}
                onChange={(event) => setParamValue(event.target.value)}
                aria-invalid={paramValue !== '' && !paramOk}
              />
              {paramValue !== '' && !paramOk && (
                <span className="field-error">{t('valueError', { unit: tu(`${param.unit}Unit`) })}</span>
              )}
            </label>
          </div>
        )}
        <button type="submit" disabled={!data || tx.state.status === 'pending'}>
          {t('submit')}
        </button>
        <TxStatus state={tx.state} testId="propose-status" />
      </form>
    </section>
  );
}
