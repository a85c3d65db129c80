/**
 * The ingester's durable journal: an append-only file of JSON lines, fsync'd before anything it records is acted
 * upon (group commit: the lines written since the last sync share one `fsync`). Chosen over an embedded
 * database because the ingester only ever appends and replays in order: no native module to build, and the
 * crash semantics are those of one file.
 *
 * Crash safety: a SIGKILL during a write leaves at most one torn last line (no newline, or not JSON); `open`
 * cuts it off before appending again. A line is acted upon only after `sync` returned, so a torn line stands
 * for a step that never had an effect (a reading not yet acknowledged to its source, a transaction not yet
 * broadcast).
 *
 * Compaction (the log would otherwise grow forever): `compact` replaces the file with a snapshot of the resume
 * state (`snap`) followed by the entries still live (readings not mined, batches in flight), crash-safe: the
 * new file is written beside the journal (`<file>.compact`), fsync'd, renamed over it (atomic), and the
 * directory fsync'd. A crash before the rename leaves the old journal whole (the leftover is deleted on open);
 * after it, the new one.
 */
import {
  closeSync,
  existsSync,
  fsyncSync,
  ftruncateSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';

export type JournalEntry =
  /** A reading accepted by every off-chain check; `seq` is its position in a file source (resume point). */
  | { t: 'acc'; seq?: number; tokenId: string; mileage: number; timestamp: number; r: string; vs: string }
  /** A source message the ingester dead-lettered (journaled only to advance a file source's resume point). */
  | { t: 'dead'; seq: number }
  /** A batch transaction signed with `nonce`, journaled before it is broadcast. `keys`: its readings, in order. */
  | { t: 'send'; batch: number; nonce: number; hash: string; raw: string; keys: string[] }
  /** The same nonce and data re-signed with a higher fee (stuck transaction). */
  | { t: 'bump'; batch: number; hash: string; raw: string }
  /** The batch's transaction was mined (`hash`); `skipped` lists batch indexes the contract skipped. */
  | { t: 'mined'; batch: number; hash: string; block: number; ok: boolean; skipped: number[] }
  /** The batch's nonce was used by another transaction: its readings go back to the queue. */
  | { t: 'drop'; batch: number }
  /** A compacted journal's first line: the resume state of everything the compaction dropped. */
  | { t: 'snap'; resumeAfter: number; lastMinedBlock: number; nextBatch: number; nextNonce: number }
  /**
   * Cars' resume state (device key, active, last reading time, mileage, reading count: `[tokenId hex, device |
   * null, 0 | 1, timestamp, mileage, count | null]`) as the chain held it at `block` or later, merged with the
   * readings accepted until then; `count` numbers the car's readings journaled after this line (absent in
   * journals from before it, null: not known). A restart trusts it only after reading the chain's key rotations
   * and status changes since `block`.
   */
  | { t: 'cars'; block: number; cars: [string, string | null, 0 | 1, number, number, (number | null)?][] };

/** Called between the steps of a write with the step's name: the crash tests' fault-injection point. */
export type JournalProbe = (
  step:
    | 'before-write'
    | 'half-written'
    | 'before-sync'
    | 'compact-half-written'
    | 'compact-before-rename'
    | 'compact-renamed',
) => void;

export class Journal {
  private fd: number;
  private pending: string[] = [];
  /** Bytes in the file (what `compact` thresholds look at). */
  size: number;

  private constructor(
    readonly file: string,
    readonly entries: JournalEntry[],
    private readonly probe?: JournalProbe,
  ) {
    this.fd = openSync(file, 'a');
    this.size = statSync(file).size;
  }

  private static tempOf(file: string): string {
    return `${file}.compact`;
  }

  /** Opens (creating) the journal, drops a torn last line, and returns it with its replayed entries. */
  static open(file: string, probe?: JournalProbe): Journal {
    const entries: JournalEntry[] = [];
    // A compaction that crashed before its rename: the journal itself is whole.
    rmSync(Journal.tempOf(file), { force: true });
    if (existsSync(file)) {
      // Line by line over the bytes: linear in the file's size (a journal of tens of MB replays in a second).
      const bytes = readFileSync(file);
      let good = 0;
      for (;;) {
        const end = bytes.indexOf(10, good);
        if (end < 0) break;
        try {
          entries.push(JSON.parse(bytes.toString('utf8', good, end)) as JournalEntry);
        } catch {
          break;
        }
        good = end + 1;
      }
      if (good < bytes.length) {
        const fd = openSync(file, 'r+');
        ftruncateSync(fd, good);
        fsyncSync(fd);
        closeSync(fd);
      }
    }
    return new Journal(file, entries, probe);
  }

  append(entry: JournalEntry): void {
    this.pending.push(`${JSON.stringify(entry)}\n`);
  }

  /** Writes and fsyncs what was appended since the last sync. */
  sync(): void {
    if (this.pending.length === 0) return;
    const data = Buffer.from(this.pending.join(''));
    this.pending = [];
    this.probe?.('before-write');
    if (this.probe) {
      const half = Math.max(1, Math.floor(data.length / 2));
      writeSync(this.fd, data, 0, half);
      this.probe('half-written');
      writeSync(this.fd, data, half, data.length - half);
    } else {
      let offset = 0;
      while (offset < data.length) offset += writeSync(this.fd, data, offset, data.length - offset);
    }
    this.probe?.('before-sync');
    fsyncSync(this.fd);
    this.size += data.length;
  }

  /**
   * Replaces the journal with `entries` (a snapshot and the live entries), crash-safe (see the file's comment).
   * Whatever was appended and not synced is synced first, into the old file: `entries` must already cover it.
   */
  compact(entries: JournalEntry[]): void {
    this.sync();
    const temp = Journal.tempOf(this.file);
    const data = Buffer.from(entries.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
    const fd = openSync(temp, 'w');
    try {
      const half = this.probe ? Math.max(1, Math.floor(data.length / 2)) : data.length;
      let offset = 0;
      while (offset < half) offset += writeSync(fd, data, offset, half - offset);
      this.probe?.('compact-half-written');
      while (offset < data.length) offset += writeSync(fd, data, offset, data.length - offset);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    this.probe?.('compact-before-rename');
    renameSync(temp, this.file);
    this.probe?.('compact-renamed');
    const dir = openSync(path.dirname(path.resolve(this.file)), 'r');
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
    closeSync(this.fd);
    this.fd = openSync(this.file, 'a');
    this.size = data.length;
  }

  close(): void {
    this.sync();
    closeSync(this.fd);
  }
}
