import type { Verdict } from '@/lib/browser/history';

const HEADLINES: Record<Verdict['level'], string> = {
  ok: 'History verified',
  warning: 'Verified, with points to check',
  danger: 'Warning: do not buy without an expert',
};

/** The buyer's verdict: the integrity check and every finding of the rules in lib/browser/history/verdict. */
export function VerdictPanel({ verdict, recordCount }: { verdict: Verdict; recordCount: number }) {
  const tone = verdict.level === 'ok' ? 'ok' : verdict.level === 'warning' ? 'warn' : 'bad';
  return (
    <div className={`verdict ${tone}`} role={verdict.level === 'danger' ? 'alert' : 'status'} data-testid="verdict">
      <div>
        <strong>{HEADLINES[verdict.level]}</strong>
        {verdict.findings.length === 0 ? (
          <p style={{ margin: '0.3rem 0 0' }}>
            {recordCount === 1 ? 'The one record matches' : `All ${recordCount} records match`} the hash chain stored on
            chain; mileage never went down.
          </p>
        ) : (
          <ul className="findings" data-testid="findings">
            {verdict.findings.map((finding, i) => (
              <li key={i} data-kind={finding.kind}>
                {finding.message}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
