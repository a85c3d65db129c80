/**
 * Times the VIN commitment inside headless Chromium (what a buyer's browser pays), for `bench.ts
 * --browser`. Node-only: bundles `bench-browser-entry.ts` with esbuild and drives /usr/bin/chromium
 * (Debian package `chromium`) through playwright-core.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Per-run timings in ms, or undefined when no Chromium is installed here. */
export async function timeCommitmentsInChromium(
  runs: number,
): Promise<{ timings: number[]; version: string } | undefined> {
  if (!existsSync(CHROMIUM_PATH)) return undefined;
  const bundle = await build({
    entryPoints: [fileURLToPath(new URL('./vin-browser-entry.ts', import.meta.url))],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
  });
  const script = bundle.outputFiles[0].text;
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const page = await browser.newPage();
    await page.setContent('<!doctype html><title>VIN commitment benchmark</title>');
    await page.addScriptTag({ content: script });
    const timings = await page.evaluate(
      (count) => (globalThis as unknown as { timeCommitments(n: number): Promise<number[]> }).timeCommitments(count),
      runs,
    );
    return { timings, version: browser.version() };
  } finally {
    await browser.close();
  }
}
