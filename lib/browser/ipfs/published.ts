/**
 * The dApp served from IPFS (issue 14 item 6): where the page's own CID is in its address, the CID the consortium
 * published by a vote (governance parameter `dapp.cid`, `Parameters.DAPP_CID`), and links between pages that work
 * under a path gateway (`/ipfs/<cid>/`) as well as at a domain's root.
 */
import { CID } from 'multiformats/cid';
import { sha256 } from 'multiformats/hashes/sha2';
import type { Address, PublicClient } from 'viem';
import { consortiumAbi, PARAMETERS } from '../contracts';

/** Multicodec of a UnixFS directory node (dag-pb): the export's root. */
const DAG_PB = 0x70;

/**
 * The governance value for a published export: its root's sha2-256 digest as a uint256. The root is a CIDv1 dag-pb
 * directory (`npm run publish:ipfs` adds it so), so the digest alone gives the CID back.
 */
export function cidParameterValue(cid: CID): bigint {
  if (cid.version !== 1 || cid.code !== DAG_PB || cid.multihash.code !== sha256.code) {
    throw new Error(`only a CIDv1 dag-pb sha2-256 root can be published as a parameter, not ${cid.toString()}`);
  }
  return BigInt(`0x${Array.from(cid.multihash.digest, (b) => b.toString(16).padStart(2, '0')).join('')}`);
}

/** The CID a `dapp.cid` parameter value names (CIDv1 dag-pb, base32 in its string form). */
export function cidFromParameterValue(value: bigint): CID {
  if (value < 0n || value >> 256n !== 0n) throw new Error('a sha2-256 digest is 32 bytes');
  const digest = new Uint8Array(32);
  let rest = value;
  for (let i = 31; i >= 0; i--) {
    digest[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  return CID.createV1(DAG_PB, { code: sha256.code, size: 32, digest, bytes: new Uint8Array([0x12, 0x20, ...digest]) });
}

function parseCid(text: string): CID | undefined {
  try {
    return CID.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The CID a page was loaded by, from its address: a path gateway's `/ipfs/<cid>/…` or a subdomain gateway's
 * `<cid>.ipfs.<host>`; undefined at any other address (a member's own domain, the local server).
 */
export function pageCid(pageUrl: string): CID | undefined {
  const url = new URL(pageUrl);
  const path = /^\/ipfs\/([^/]+)/.exec(url.pathname);
  if (path) return parseCid(path[1]);
  const labels = url.hostname.split('.');
  if (labels.length > 2 && labels[1] === 'ipfs') return parseCid(labels[0]);
  return undefined;
}

export type PublishedCheck =
  /** The consortium has published no CID (parameter 0). */
  | { state: 'none-published' }
  /** The page was not loaded by a CID (a domain or the local server): nothing in the address to compare. */
  | { state: 'not-from-ipfs'; published: string }
  | { state: 'match'; published: string; page: string }
  | { state: 'mismatch'; published: string; page: string };

/**
 * Compares the CID in the page's address with the one the consortium published (`dapp.cid`, 0 for none). Two CIDs
 * match when they name the same content (same multihash and codec: a CIDv0 and its CIDv1 do).
 */
export function checkPublishedCid(pageUrl: string, parameterValue: bigint): PublishedCheck {
  if (parameterValue === 0n) return { state: 'none-published' };
  const published = cidFromParameterValue(parameterValue);
  const page = pageCid(pageUrl);
  if (!page) return { state: 'not-from-ipfs', published: published.toString() };
  const same = page.code === published.code && page.multihash.code === published.multihash.code;
  const equal = same && cidParameterValue(page.toV1()) === parameterValue;
  return { state: equal ? 'match' : 'mismatch', published: published.toString(), page: page.toV1().toString() };
}

/** The `dapp.cid` parameter on the consortium's chain (0: none published). */
export function readPublishedDappCid(publicClient: PublicClient, consortium: Address): Promise<bigint> {
  return publicClient.readContract({
    address: consortium,
    abi: consortiumAbi,
    functionName: 'parameter',
    args: [PARAMETERS.DAPP_CID],
  });
}
