import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPublicClient, http, type PublicClient } from 'viem';
import { startAnvil, type AnvilHandle } from '../../dev/stack/anvil';
import { deployLocalConsortium, localChain, type Deployment } from '../../dev/stack/deploy';
import { seedDemoVehicles } from '../../dev/stack/seed';
import { TEST_VIN_PARAMS } from '../../dev/testing/privacy-stack';
import { readBookHistory } from './read';
import { timelineOf } from './timeline';
import { computeVerdict, VERDICT_RULES, type Verdict } from './verdict';

/** Every seeded car's verdict, read from a chain seeded as `npm start` seeds it (history spread over the years). */
let anvil: AnvilHandle;
let deployment: Deployment;
let client: PublicClient;
let verdicts: Map<string, Verdict>;
const NOW = Math.floor(Date.now() / 1000);
/** As lib/dev/stack/stack.ts starts the demo chain: in 1999, so the cars can carry decades of history. */
const DEMO_GENESIS = Date.UTC(1999, 0, 1) / 1000;

beforeAll(async () => {
  anvil = await startAnvil({ port: 0, genesisTimestamp: DEMO_GENESIS });
  deployment = await deployLocalConsortium(anvil.url, 31337);
  const seeded = await seedDemoVehicles(anvil.url, deployment, TEST_VIN_PARAMS, { backdate: { now: NOW } });
  client = createPublicClient({ chain: localChain(31337, anvil.url), transport: http(anvil.url) });
  verdicts = new Map();
  for (const car of seeded) {
    const history = await readBookHistory(client, deployment.carBook, car.tokenId);
    const timeline = await timelineOf(history, client, deployment.consortium);
    verdicts.set(car.vin, computeVerdict(timeline, { now: NOW }));
  }
}, 120_000);

afterAll(async () => {
  await anvil?.stop();
});

const summary = (vin: string) => {
  const verdict = verdicts.get(vin)!;
  return {
    level: verdict.level,
    kinds: [...new Set(verdict.findings.map((f) => f.kind))].sort(),
    owners: verdict.owners,
  };
};

describe('the verdict of every seeded car', () => {
  it('WVWZZZ1JZXW000001: ordinary history, years between services: points to check, one owner', () => {
    expect(summary('WVWZZZ1JZXW000001')).toEqual({
      level: 'check',
      kinds: ['long-gap'],
      owners: { private: 1, custody: 0 },
    });
  });

  it('1HGCM82633A004352: sold once: two private owners, gaps to check', () => {
    expect(summary('1HGCM82633A004352')).toEqual({
      level: 'check',
      kinds: ['long-gap'],
      owners: { private: 2, custody: 0 },
    });
  });

  it('WVWZZZ1KZBW000003: the gap between the creation and the first record is flagged', () => {
    expect(summary('WVWZZZ1KZBW000003').level).toBe('check');
    expect(verdicts.get('WVWZZZ1KZBW000003')!.findings).toContainEqual(
      expect.objectContaining({ kind: 'long-gap', beforeFirstRecord: true }),
    );
  });

  it('WVWZZZ3CZEE000004: the correction, the replaced device and its silence while serviced are points to check', () => {
    expect(summary('WVWZZZ3CZEE000004')).toEqual({
      level: 'check',
      kinds: ['correction', 'device-rotated', 'device-silent', 'long-gap'],
      owners: { private: 1, custody: 0 },
    });
    const findings = verdicts.get('WVWZZZ3CZEE000004')!.findings;
    const rotated = findings.find((f) => f.kind === 'device-rotated')!;
    const silent = findings.find((f) => f.kind === 'device-silent');
    expect(rotated).toMatchObject({ removed: false });
    // The new device never reported: silent from its registration to the last record (the correction).
    expect(silent).toMatchObject({ at: (rotated as { at: number }).at });
    expect((silent as { days: number }).days).toBeGreaterThan(VERDICT_RULES.silentDeviceDays);
    expect((silent as { until: number }).until).toBeLessThan(NOW);
  });

  it('VF1RFB00X56000005: the repairable claim is a declared accident (serious), not "history verified"', () => {
    expect(summary('VF1RFB00X56000005')).toEqual({
      level: 'serious',
      kinds: ['accident-repairable', 'long-gap'],
      owners: { private: 1, custody: 0 },
    });
    expect(verdicts.get('VF1RFB00X56000005')!.findings[0]).toMatchObject({
      kind: 'accident-repairable',
      mileage: 140_210,
    });
  });

  it('WBA3A5C50DF000006: total loss; the insurer holding the wreck is custody, not an owner', () => {
    expect(summary('WBA3A5C50DF000006')).toEqual({
      level: 'serious',
      kinds: ['long-gap', 'total-loss'],
      owners: { private: 1, custody: 1 },
    });
  });

  it('ZFA31200000000007: destroyed, with its total loss; insurer and recycler are custody', () => {
    expect(summary('ZFA31200000000007')).toEqual({
      level: 'destroyed',
      kinds: ['destroyed', 'long-gap', 'total-loss'],
      owners: { private: 1, custody: 2 },
    });
    expect(verdicts.get('ZFA31200000000007')!.findings[0].kind).toBe('destroyed');
  });
});
