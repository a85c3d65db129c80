/**
 * `npm run bench:web [-- --json] [-- --runs N]`: what the buyer's browser downloads and waits for.
 *
 *   web.verify.firstLoadKiB   gzip size of the JavaScript /verify's static HTML loads (its <script src> tags),
 *                             from the static export in out/ (`npm run build` first)            target ≤ 200
 *   web.garage.firstLoadKiB   the same for /garage (wallet code included)
 *   web.verify.verdictMs      Chromium, a seeded car's /verify?book=… page: navigation to the verdict shown
 *                             (local stack on its own ports, median of `--runs` runs after a warm-up)
 *
 * Code loaded on demand (chart, QR code, share-link decryption, scanner) is not in the first load by design: only
 * the script tags of the exported HTML count, each file once, gzip level 9 as a static server would send it.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { toHex } from 'viem';
import { startLocalStack } from '../stack/stack';
import { argValue, median, type Metric } from './measure';

const OUT = path.resolve('out');
const CHROMIUM_PATH = '/usr/bin/chromium';
const offset = Number(process.env.CARBOOK_E2E_PORT_OFFSET ?? 0);

/**
 * The script files a route's exported HTML loads, as paths under out/. A `noModule` script (Next's legacy
 * polyfills, ~39 KiB gzip) is skipped: browsers that run ES modules never download it (checked in Chromium).
 */
function firstLoadScripts(html: string): string[] {
  const sources = [...html.matchAll(/<script([^>]*)\ssrc="([^"]+)"([^>]*)>/g)]
    .filter(([, before, , after]) => !/\snomodule\b/i.test(`${before} ${after}`))
    .map((match) => match[2]);
  // Same-origin scripts only; the export's asset URLs are relative ('./_next/…', assetPrefix './').
  const local = sources.filter((src) => !/^[a-z]+:\/\//i.test(src));
  return [...new Set(local.map((src) => src.split('?')[0].replace(/^\.?\//, '')))];
}

function firstLoadKiB(route: string): number {
  const html = readFileSync(path.join(OUT, `${route}.html`), 'utf8');
  const bytes = firstLoadScripts(html).reduce(
    (sum, src) => sum + gzipSync(readFileSync(path.join(OUT, src)), { level: 9 }).length,
    0,
  );
  return Math.round((bytes / 1024) * 10) / 10;
}

async function verdictMs(runs: number): Promise<number> {
  const stack = await startLocalStack({
    ports: { app: 3190 + offset, proxy: 8737 + offset, anvil: 8735 + offset, ipfs: 5191 + offset },
    appDir: OUT,
  });
  const browser = await chromium.launch({
    executablePath: existsSync(CHROMIUM_PATH) ? CHROMIUM_PATH : undefined,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
  });
  try {
    const car = stack.seeded[0];
    const url = `${stack.urls.app}/verify?book=${toHex(car.tokenId, { size: 32 })}`;
    const times: number[] = [];
    for (let i = 0; i <= runs; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const start = performance.now();
      await page.goto(url);
      await page.getByTestId('verdict').waitFor({ timeout: 60_000 });
      if (i > 0) times.push(performance.now() - start); // the first run warms the HTTP cache
      await context.close();
    }
    return Math.round(median(times));
  } finally {
    await browser.close();
    await stack.stop();
  }
}

if (!existsSync(path.join(OUT, 'verify.html'))) {
  console.error('No static export in out/: run `npm run build` first.');
  process.exit(1);
}
const runs = Number(argValue('--runs') ?? 5);
const metrics: Metric[] = [
  { metric: 'web.verify.firstLoadKiB', value: firstLoadKiB('verify'), unit: 'KiB' },
  { metric: 'web.garage.firstLoadKiB', value: firstLoadKiB('garage'), unit: 'KiB' },
  { metric: 'web.verify.verdictMs', value: await verdictMs(runs), unit: 'ms' },
];
if (process.argv.includes('--json')) for (const m of metrics) console.log(JSON.stringify(m));
else console.table(metrics);
process.exit(0);
