'use client';

import { useState } from 'react';
import { getAddress, isAddress, toHex, zeroAddress } from 'viem';
import { carBookAbi } from '@/lib/browser/contracts';
import { bookIdOf, validateVin, vinCommitment, wmiOf } from '@/lib/browser/vin';
import { oneLineProblem } from '@/lib/browser/format';
import { readVinCommitmentParams } from '@/lib/browser/chain';
import { useRuntimeConfig } from '../../_components/Providers';
import { WalletBar } from '../../_components/WalletBar';
import { queryKeys } from '../../_components/hooks';
import { RoleGate, useMayAct } from '../../_components/RoleGate';
import { useTranslations } from '@/lib/browser/i18n';
import { DeviceKeyRotation } from './DeviceKeyRotation';
import { SiteLink } from '@/app/_components/SiteLink';
import { TxStatus, useTransactionSteps } from '../../_components/useTransactionSteps';

function addressError(value: string, required: boolean): string | undefined {
  if (value.trim() === '') return required ? 'Required.' : undefined;
  return isAddress(value.trim(), { strict: false })
    ? undefined
    : 'Not an Ethereum address (0x followed by 40 hex digits).';
}

export function CreateCarBook() {
  const config = useRuntimeConfig();
  const t = useTranslations('manufacturer');
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
          aria-label="Create a car book"
          onSubmit={async (event) => {
            event.preventDefault();
            if (!canSubmit || !vinCheck?.ok) return;
            setCreated(undefined);
            const ok = await tx.run({
              pending: 'Computing the VIN commitment, then waiting for your wallet and the chain…',
              success: `Car book created for ${vinCheck.vin} and given to ${getAddress(owner.trim())}.`,
              invalidate: [queryKeys.myBooks(config.contracts.carBook)],
              send: async ({ client, send }) => {
                const commitment = await vinCommitment(
                  vinCheck.vin,
                  await readVinCommitmentParams(client, config.contracts.consortium),
                  { onProgress: setProgress },
                );
                setProgress(undefined);
                await send({
                  address: config.contracts.carBook,
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
            VIN
            <span className="hint">17 characters from the vehicle; checked before anything is sent.</span>
            <input
              name="vin"
              value={vin}
              onChange={(event) => setVin(event.target.value)}
              autoComplete="off"
              spellCheck={false}
              aria-invalid={vinCheck?.ok === false}
            />
            {vinCheck?.ok === false && <span className="field-error">{vinCheck.error}</span>}
          </label>
          <label>
            First owner&apos;s address
            <input
              name="owner"
              value={owner}
              onChange={(event) => setOwner(event.target.value)}
              placeholder="0x…"
              aria-invalid={owner !== '' && Boolean(ownerError)}
            />
            {owner !== '' && ownerError && <span className="field-error">{ownerError}</span>}
          </label>
          <label>
            Telematics device key <span className="hint">(optional) the address of the car&apos;s signing device</span>
            <input
              name="device"
              value={device}
              onChange={(event) => setDevice(event.target.value)}
              placeholder="0x…"
              aria-invalid={Boolean(deviceError)}
            />
            {deviceError && <span className="field-error">{deviceError}</span>}
          </label>
          <label>
            Model <span className="hint">(optional) e.g. Volta Aero 1.6 (2026)</span>
            <input
              name="model"
              value={model}
              maxLength={120}
              onChange={(event) => setModel(event.target.value)}
              aria-invalid={Boolean(modelError)}
            />
            {modelError && <span className="field-error">{modelError}</span>}
          </label>
          {progress !== undefined && (
            <div className="progress" aria-label="Computing the VIN commitment">
              <div style={{ width: `${Math.round(progress * 100)}%` }} />
            </div>
          )}
          <button type="submit" disabled={!canSubmit}>
            Create car book
          </button>
          <TxStatus state={tx.state} />
          {created && tx.state.status === 'success' && (
            <p>
              <SiteLink fullLoad href={`/verify?book=${created}`}>
                Open its public verification page
              </SiteLink>
            </p>
          )}
        </form>
      )}
      <DeviceKeyRotation />
    </>
  );
}
