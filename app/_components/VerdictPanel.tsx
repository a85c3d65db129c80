'use client';

import type { Finding, Verdict } from '@/lib/browser/history';
import { useFormat, useTranslations } from '@/lib/browser/i18n';

const TONE: Record<Verdict['level'], string> = { clear: 'ok', check: 'warn', serious: 'bad', destroyed: 'dead' };
const ICON: Record<Verdict['level'], string> = { clear: '✓', check: '!', serious: '⚠', destroyed: '✕' };
const ACCIDENT: ReadonlySet<Finding['kind']> = new Set(['total-loss', 'accident-repairable', 'rolling-wreck']);

/** One finding in words, with its date. */
function FindingText({ finding }: { finding: Finding }) {
  const t = useTranslations('verdict.finding');
  const f = useFormat();
  switch (finding.kind) {
    case 'integrity':
      return t('integrity');
    case 'book-voided':
      return t('bookVoided', { date: f.date(finding.at) });
    case 'voided-entry':
      return t('voidedEntry', {
        entry: finding.entry,
        mileage: finding.mileage === undefined ? 'none' : f.km(finding.mileage),
        writtenAt: finding.writtenAt === undefined ? '' : f.date(finding.writtenAt),
        date: f.date(finding.at),
        restored: f.km(finding.restoredMileage),
      });
    case 'reassigned':
      return t('reassigned', {
        date: f.date(finding.at),
        maker: finding.manufacturerOrg,
        previous: finding.previousOrg,
      });
    case 'destroyed':
      return t('destroyed', { date: f.date(finding.at) });
    case 'total-loss':
      return t('totalLoss', { date: f.date(finding.at) });
    case 'accident-repairable':
      return t('accidentRepairable', { date: f.date(finding.at), km: f.km(finding.mileage) });
    case 'rolling-wreck':
      return t('rollingWreck', { count: finding.count, date: f.date(finding.at) });
    case 'correction':
      return t('correction', { date: f.date(finding.at), from: f.km(finding.from), to: f.km(finding.to) });
    case 'implausible-jump':
      return t('implausibleJump', {
        km: f.km(finding.km),
        days: finding.days,
        since: f.date(finding.since),
        date: f.date(finding.at),
      });
    case 'device-rotated':
      return t(finding.removed ? 'deviceRemoved' : 'deviceRotated', { date: f.date(finding.at) });
    case 'device-silent':
      return t('deviceSilent', { days: finding.days, date: f.date(finding.at), until: f.date(finding.until) });
    case 'long-gap':
      return t(finding.beforeFirstRecord ? 'gapBeforeFirst' : 'gap', {
        years: finding.years,
        date: f.date(finding.at),
        until: f.date(finding.until),
      });
  }
}

/** The buyer's verdict (lib/browser/history/verdict): level in words, colour and icon, each reason with its date. */
export function VerdictPanel({ verdict, recordCount }: { verdict: Verdict; recordCount: number }) {
  const t = useTranslations('verdict');
  const serious = verdict.level === 'serious' && !verdict.findings.some((f) => ACCIDENT.has(f.kind));
  const headline = !serious
    ? t(`level.${verdict.level}`)
    : verdict.findings.some((f) => f.kind === 'book-voided')
      ? t('level.seriousVoided')
      : t('level.seriousIntegrity');
  return (
    <div
      className={`verdict ${TONE[verdict.level]}`}
      role={verdict.level === 'clear' ? 'status' : 'alert'}
      data-testid="verdict"
      data-level={verdict.level}
    >
      <span className="verdict-icon" aria-hidden="true">
        {ICON[verdict.level]}
      </span>
      <div>
        <strong data-testid="verdict-headline">{headline}</strong>
        {verdict.findings.length === 0 ? (
          <p className="verdict-summary">{t('summary.clear', { count: recordCount })}</p>
        ) : (
          <ul className="findings" data-testid="findings">
            {verdict.findings.map((finding, i) => (
              <li key={i} data-kind={finding.kind} data-level={finding.level}>
                <FindingText finding={finding} />
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
