'use client';

import { useState } from 'react';
import { zeroHash } from 'viem';
import { insuranceAbi, Verdict } from '@/lib/browser/contracts';
import { useRuntimeConfig } from '../../_components/Providers';
import { ConfirmStep } from '../../_components/ConfirmStep';
import { queryKeys, useBookSummary, type ClaimView } from '../../_components/hooks';
import type { useTransactionSteps } from '../../_components/useTransactionSteps';
import { checkMileage, fieldProblem } from '../../_components/validation';
import { useFormat, useTranslations } from '@/lib/browser/i18n';
import { newDocument, privacyConfigFrom, submitDiagnosisWithReport } from '@/lib/browser/privacy';
import { ipfsClientFor } from '@/app/_components/ipfs';
import { ReportAttachment } from './ReportAttachment';
import { configForShard } from '@/lib/browser/chain';

type Choice = 'Repairable' | 'TotalLoss';

/**
 * The expert's verdict on one claim. `tx` belongs to the claim's card: once the verdict is on chain the claim
 * list refreshes and this form goes, while the card keeps showing the outcome.
 */
export function DiagnosisForm({
  claim,
  shard,
  tx,
}: {
  claim: ClaimView;
  /** The claim's chain (claim ids are per chain): its registries, and where the verdict is sent. */
  shard: number;
  tx: ReturnType<typeof useTransactionSteps>;
}) {
  const t = useTranslations('expert.diagnosis');
  const tv = useTranslations('validation');
  const format = useFormat();
  const runtime = useRuntimeConfig();
  const config = configForShard(runtime, shard);
  const summary = useBookSummary(claim.tokenId);
  const [mileage, setMileage] = useState('');
  const [verdict, setVerdict] = useState<Choice | undefined>();
  const [confirming, setConfirming] = useState(false);
  const [report, setReport] = useState<File | undefined>();
  const lastMileage = summary.data?.mileage;
  const mileageCheck = checkMileage(mileage, lastMileage, format.locale);
  const mileageProblem = fieldProblem(mileage, mileageCheck);
  const mileageError = mileageProblem && tv(mileageProblem.key, mileageProblem.values);
  const name = `verdict-${claim.claimId}`;

  async function submit() {
    if (!mileageCheck.ok || !verdict) return;
    const value = mileageCheck.value;
    await tx.run({
      pending: t('pending'),
      success: verdict === 'TotalLoss' ? t('totalLoss') : t('repairable'),
      shard,
      invalidate: [
        // The mandates' pages are keyed by the first chain's registry, the claim's own reads by its chain's.
        queryKeys.expertClaims(runtime.contracts.insurance),
        queryKeys.insurerDesk(runtime.contracts.insurance),
        queryKeys.expertClaims(config.contracts.insurance),
        queryKeys.insurerDesk(config.contracts.insurance),
        queryKeys.history(config.contracts.carBook, claim.tokenId),
      ],
      // Without a report the diagnosis is public only (an empty payload); with one, the report's key is sealed for
      // the book's readers (an expert is no key publisher: lib/browser/privacy/diagnosis.ts).
      send: async ({ send, wallet, client, progress }) => {
        if (!report)
          return send({
            address: config.contracts.insurance,
            abi: insuranceAbi,
            functionName: 'submitDiagnosis',
            args: [claim.claimId, value, Verdict[verdict], zeroHash, '0x'],
          });
        return submitDiagnosisWithReport(wallet, client, privacyConfigFrom(config), () => ipfsClientFor(config), {
          claimId: claim.claimId,
          tokenId: claim.tokenId,
          mileage: value,
          verdict: Verdict[verdict],
          report: await newDocument(report),
          onProgress: () => progress(t('uploading')),
        });
      },
    });
    setConfirming(false);
  }

  return (
    <form
      className="stack"
      aria-label={t('formLabel', { id: claim.claimId.toString() })}
      onSubmit={(event) => {
        event.preventDefault();
        if (!mileageCheck.ok || !verdict) return;
        if (verdict === 'TotalLoss') setConfirming(true);
        else void submit();
      }}
    >
      <label>
        {t('mileageLabel')}
        {lastMileage !== undefined && <span className="hint">{t('bookShows', { km: format.km(lastMileage) })}</span>}
        <input
          name="mileage"
          inputMode="numeric"
          value={mileage}
          onChange={(event) => {
            setMileage(event.target.value);
            tx.reset();
          }}
          aria-invalid={Boolean(mileageError)}
        />
        {mileageError && <span className="field-error">{mileageError}</span>}
      </label>
      <fieldset className="choices">
        <legend>{t('verdict')}</legend>
        <label className="choice">
          <input
            type="radio"
            name={name}
            value="Repairable"
            checked={verdict === 'Repairable'}
            onChange={() => setVerdict('Repairable')}
          />
          {t('choiceRepairable')}
        </label>
        <label className="choice">
          <input
            type="radio"
            name={name}
            value="TotalLoss"
            checked={verdict === 'TotalLoss'}
            onChange={() => setVerdict('TotalLoss')}
          />
          {t('choiceTotalLoss')}
        </label>
      </fieldset>
      <ReportAttachment onChange={setReport} />
      {confirming ? (
        <ConfirmStep
          title={t('confirmTitle')}
          confirmLabel={t('confirm')}
          busy={tx.state.status === 'pending'}
          onCancel={() => setConfirming(false)}
          onConfirm={() => void submit()}
        >
          <p>{t('confirmBody')}</p>
        </ConfirmStep>
      ) : (
        <button type="submit" disabled={!mileageCheck.ok || !verdict || tx.state.status === 'pending'}>
          {t('submit')}
        </button>
      )}
    </form>
  );
}
