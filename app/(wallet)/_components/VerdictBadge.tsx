import type { ClaimView } from './hooks';

export function VerdictBadge({ verdict }: { verdict: ClaimView['verdict'] }) {
  if (verdict === 'TotalLoss') return <span className="badge wrecked">Total loss</span>;
  if (verdict === 'Repairable') return <span className="badge active">Repairable</span>;
  return <span className="badge pending">Awaiting diagnosis</span>;
}
