import type { RuntimeConfig } from '@/lib/browser/config';
import type { IpfsClient } from '@/lib/browser/ipfs';

let cached: { api: string; client: Promise<IpfsClient> } | undefined;

/**
 * The consortium's IPFS node (runtime config `ipfs.api`), loaded on first use: kubo-rpc-client is only
 * downloaded by a page that uploads or opens a document.
 */
export function ipfsClientFor(runtime: RuntimeConfig): Promise<IpfsClient> {
  const api = runtime.ipfs?.api;
  if (!api)
    return Promise.reject(
      new Error('This consortium has no IPFS node configured (ipfs.api): documents are unavailable.'),
    );
  if (cached?.api !== api) {
    cached = {
      api,
      client: import('@/lib/browser/ipfs').then(({ createIpfsClient }) => createIpfsClient({ apiUrl: api })),
    };
  }
  return cached.client;
}
