/**
 * `npm run publish:ipfs`: adds the static export (out/) with the consortium's config.json to an IPFS node and
 * prints its CID, the URL to open it at and the line to pin it on another member's node.
 *
 *   npm run publish:ipfs -- --config <config.json file or URL> [--dir out] [--api URL] [--gateway URL]
 *
 * --api defaults to CARBOOK_IPFS_API or the development node of `npm start` (http://127.0.0.1:5001, or
 * CARBOOK_PORT_IPFS); in production, a member's Kubo RPC (never exposed publicly). --config defaults to
 * <dir>/config.json; with `npm start` running, http://localhost:3000/config.json is the local consortium's.
 * --gateway only shapes the printed URLs (default: `npm start`'s web gateway, http://127.0.0.1:8080, Kubo's port).
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseRuntimeConfig } from '../../browser/config/runtime';
import { cidParameterValue, DAPP_CID_PARAMETER_KEY, publishExport } from './ipfs-publish';

function fail(sentence: string): never {
  console.error(`✖ ${sentence}`);
  process.exit(1);
}

const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: 'out' },
    config: { type: 'string' },
    api: { type: 'string' },
    gateway: {
      type: 'string',
      default: process.env.CARBOOK_IPFS_GATEWAY ?? `http://127.0.0.1:${process.env.CARBOOK_PORT_IPFS_GATEWAY ?? 8080}`,
    },
  },
});
const dir = values.dir;
const apiUrl =
  values.api ?? process.env.CARBOOK_IPFS_API ?? `http://127.0.0.1:${process.env.CARBOOK_PORT_IPFS ?? 5001}`;
const configFile = values.config ?? `${dir}/config.json`;
if (!existsSync(`${dir}/index.html`)) fail(`${dir}/index.html does not exist: build the dApp first (npm run build).`);
const isUrl = /^https?:\/\//.test(configFile);
if (!isUrl && !existsSync(configFile)) {
  fail(
    `No runtime configuration at ${configFile}: pass the consortium's config.json with --config <file or URL> (with npm start running: --config http://localhost:3000/config.json).`,
  );
}
let config;
try {
  const text = isUrl ? await (await fetch(configFile)).text() : readFileSync(configFile, 'utf8');
  config = parseRuntimeConfig(JSON.parse(text));
} catch (error) {
  fail(`${configFile} is not a valid runtime configuration: ${(error as Error).message}`);
}

try {
  const { cid, files, bytes } = await publishExport({ dir, config, apiUrl });
  const gateway = values.gateway.replace(/\/+$/, '');
  const url = new URL(gateway);
  // Kubo's subdomain gateway answers <cid>.ipfs.localhost, never <cid>.ipfs.127.0.0.1.
  const host = url.hostname === '127.0.0.1' ? `localhost${url.port ? `:${url.port}` : ''}` : url.host;
  console.log(
    `Published ${files} files (${bytes.toLocaleString('en-US')} bytes) to ${apiUrl}, pinned: each page with its Content-Security-Policy meta tag, without the precompressed copies.`,
  );
  console.log(`CID: ${cid}`);
  console.log(`Path gateway:      ${gateway}/ipfs/${cid}/verify.html`);
  console.log(`Subdomain gateway: ${url.protocol}//${cid}.ipfs.${host}/verify.html`);
  console.log(
    `Governance publishes it with a SetParameter proposal: key ${DAPP_CID_PARAMETER_KEY} (keccak256("dapp.cid")), value ${cidParameterValue(cid)}`,
  );
  console.log(`Other members pin it with: ipfs pin add --progress ${cid}   (or: ipfs-cluster-ctl pin add ${cid})`);
} catch (error) {
  fail(`Publishing failed: ${(error as Error).message}`);
}
