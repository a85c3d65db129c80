/** The journal file on its own: torn last line cut on open, replay linear in the file's size, compaction. */
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Journal, type JournalEntry } from './journal';

const dir = mkdtempSync(path.join(tmpdir(), 'carbook-journal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const acc = (i: number): JournalEntry => ({
  t: 'acc',
  seq: i,
  tokenId: `0x${i.toString(16)}`,
  mileage: i,
  timestamp: 1_700_000_000 + i,
  r: `0x${'ab'.repeat(32)}`,
  vs: `0x${'cd'.repeat(32)}`,
});

describe('Journal', () => {
  it('cuts a torn last line (multi-byte text before it) and appends after the last whole one', () => {
    const file = path.join(dir, 'torn.journal');
    const whole = `${JSON.stringify({ t: 'dead', seq: 1, note: 'kilométrage' })}\n${JSON.stringify(acc(2))}\n`;
    writeFileSync(file, `${whole}{"t":"acc","seq":3,"tok`);
    const journal = Journal.open(file);
    expect(journal.entries.map((e) => e.t)).toEqual(['dead', 'acc']);
    expect(readFileSync(file, 'utf8')).toBe(whole);
    journal.append({ t: 'dead', seq: 4 });
    journal.close();
    expect(Journal.open(file).entries.map((e) => (e as { seq?: number }).seq)).toEqual([1, 2, 4]);
  });

  it('replays a large journal in time linear in its size', () => {
    const file = path.join(dir, 'large.journal');
    const lines: string[] = [];
    for (let i = 0; i < 150_000; i++) lines.push(JSON.stringify(acc(i)));
    writeFileSync(file, `${lines.join('\n')}\n`);
    const started = performance.now();
    const journal = Journal.open(file);
    // Quadratic replay (the byte length of the prefix recomputed at each line) took minutes here.
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(journal.entries).toHaveLength(150_000);
    journal.close();
  }, 60_000);

  it('compacts to exactly the given entries and keeps appending to the new file; a leftover temp is dropped', () => {
    const file = path.join(dir, 'compact.journal');
    const journal = Journal.open(file);
    for (let i = 0; i < 50; i++) journal.append(acc(i));
    journal.sync();
    const snapshot: JournalEntry[] = [
      { t: 'snap', resumeAfter: 49, lastMinedBlock: 7, nextBatch: 3, nextNonce: 9 },
      acc(49),
    ];
    journal.compact(snapshot);
    expect(journal.size).toBe(statSync(file).size);
    journal.append({ t: 'dead', seq: 50 });
    journal.close();
    appendFileSync(`${file}.compact`, 'half a compaction');
    const reopened = Journal.open(file);
    expect(reopened.entries).toEqual([...snapshot, { t: 'dead', seq: 50 }]);
    expect(() => statSync(`${file}.compact`)).toThrow();
    reopened.close();
  });
});
