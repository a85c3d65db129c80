'use client';

import { useState } from 'react';
import { getAddress, isAddress, toHex, zeroAddress, type Hex } from 'viem';
import { carBookAbi } from '@/lib/browser/contracts';
import { bookIdOf, validateVin, vinCommitment, wmiOf } from '@/lib/browser/vin';
import { oneLineProblem } from '@/lib/browser/format';
import { readVinCommitmentParams, shardForBook } from '@/lib/browser/chain';
import { useReadClient, useRuntimeConfig } from '../../_components/Providers';
import { WalletBar } from '../../_components/WalletBar';
import { queryKeys } from '../../_components/hooks';
import { RoleGate, useMayAct } from '../../_components/RoleGate';
import { useInputProblem, useTranslations } from '@/lib/browser/i18n';
import { DeviceKeyRotation } from './DeviceKeyRotation';
import { SiteLink } from '@/app/_components/SiteLink';
import { TxStatus, useTransactionSteps } from '../../_components/useTransactionSteps';

/** The validation catalogue's key for an address field's problem, if any. */
function addressError(value: string, required: boolean): 'required' | 'notAddress' | undefined {
  if (value.trim() === '') return required ? 'required' : undefined;
  return isAddress(value.trim(), { strict: false }) ? undefined : 'notAddress';
}

export function CreateCarBook() {
  const config = useRuntimeConfig();
  const homeClient = useReadClient();
  const t = useTranslations('manufacturer');
  const tc = useTranslations('manufacturer.create');
  const tv = useTranslations('validation');
  const problemText = useInputProblem();
  const may = useMayAct('Manufacturer', ['DEALER']);
  const tx = useTransactionSteps();
  const [vin, setVin] = useState('');
  const [owner, setOwner] = useState('');
  const [device, setDevice] = useState('');
  const [model, setModel] = useState('');
  const [progress, setProgress] = useState<number | undefined>();
  const [created, setCreated] = useState<string | undefined>();

  const vinCheck = vin.trim() === '' ? undefined : validateVin(vin);
  const ownerError = addressError(owner, true);
  const deviceError = addressError(device, false);
  const modelError = oneLineProblem(model);
  const canSubmit =
    vinCheck?.ok === true && !ownerError && !deviceError && !modelError && tx.state.status !== 'pending';

  return (
    <>
      <WalletBar title={t('title')} />
      <RoleGate kind="Manufacturer" roles={['DEALER']} what={t('what')} />
      {may === 'yes' && (
        <form
          className="panel stack"
          aria-label={tc('formLabel')}
          onSubmit={async (event) => {
            event.preventDefault();
            if (!canSubmit || !vinCheck?.ok) return;
            setCreated(undefined);
            let commitment: Hex = '0x';
            const ok = await tx.run({
              pending: tc('pending'),
              success: tc('done', { vin: vinCheck.vin, owner: getAddress(owner.trim()) }),
              invalidate: [queryKeys.myBooks(config.contracts.carBook)],
              // The commitment first (the VIN parameters are the same on every shard): it names the book's chain.
              bookId: async () => {
                commitment = await vinCommitment(
                  vinCheck.vin,
                  await readVinCommitmentParams(homeClient, config.contracts.consortium),
                  { onProgress: setProgress },
                );
                setProgress(undefined);
                return bookIdOf(vinCheck.vin, commitment);
              },
              send: async ({ send }) => {
                await send({
                  address: shardForBook(config, bookIdOf(vinCheck.vin, commitment)).contracts.carBook,
                  abi: carBookAbi,
                  functionName: 'createCarBook',
                  args: [
                    wmiOf(vinCheck.vin),
                    commitment,
                    getAddress(owner.trim()),
                    device.trim() ? getAddress(device.trim()) : zeroAddress,
                    model.trim() ? `demo:${model.trim()}` : '',
                  ],
                });
                setCreated(toHex(bookIdOf(vinCheck.vin, commitment), { size: 32 }));
              },
            });
            if (!ok) setCreated(undefined);
          }}
        >
          <label>
            {tc('vin')}
            <span className="hint">{tc('vinHint')}</span>
            <input
              name="vin"
              value={vin}
              onChange={(event) => setVin(event.target.value)}
              autoComplete="off"
              spellCheck={false}
              aria-invalid={vinCheck?.ok === false}
            />
            {vinCheck?.ok === false && <span className="field-error">{problemText.vin(vinCheck.problem)}</span>}
          </label>
          <label>
            {tc('owner')}
            <input
              name="owner"
              value={owner}
              onChange={(event) => setOwner(event.target.value)}
              placeholder="0x…"
              aria-invalid={owner !== '' && Boolean(ownerError)}
            />
            {owner !== '' && ownerError && <span className="field-error">{tv(ownerError)}</span>}
          </label>
          <label>
            {tc('device')} <span className="hint">{tc('deviceHint')}</span>
            <input
              name="device"
              value={device}
              onChange={(event) => setDevice(event.target.value)}
              placeholder="0x…"
              aria-invalid={Boolean(deviceError)}
            />
            {deviceError && <span className="field-error">{tv(deviceError)}</span>}
          </label>
          <label>
            {tc('model')} <span className="hint">{tc('modelHint')}</span>
            <input
              name="model"
              value={model}
              maxLength={120}
              onChange={(event) => setModel(event.target.value)}
              aria-invalid={Boolean(modelError)}
            />
            {modelError && <span className="field-error">{problemText.oneLine(modelError)}</span>}
          </label>
          {progress !== undefined && (
            <div className="progress" aria-label={tc('computing')}>
              <div style={{ width: `${Math.round(progress * 100)}%` }} />
            </div>
          )}
          <button type="submit" disabled={!canSubmit}>
            {tc('submit')}
          </button>
          <TxStatus state={tx.state} />
          {created && tx.state.status === 'success' && (
            <p>
              <SiteLink fullLoad href={`/verify?book=${created}`}>
                {tc('openPublic')}
              </SiteLink>
            </p>
          )}
        </form>
      )}
      <DeviceKeyRotation />
    </>
  );
}
