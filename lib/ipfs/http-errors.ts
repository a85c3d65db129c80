/**
 * Errors of the dev node's HTTP layer and the CID argument parsing shared by the RPC API and the gateway.
 * Node-only in practice (used by the server), but has no Node dependency.
 */
import { CID } from 'multiformats/cid';

/** An error whose message is safe and useful to send back, with the HTTP status to send it with. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Accepts what Kubo accepts as a path argument: `<cid>`, `<cid>/sub/path`, `/ipfs/<cid>[/sub/path]`.
 * The optional sub-path lets a file inside a directory be read, as with Kubo.
 */
export function parseIpfsPath(arg: string | undefined): { cid: CID; path?: string } {
  if (arg === undefined || arg === '') throw new HttpError(400, 'argument "ipfs-path" is required');
  const [first, ...rest] = arg.replace(/^\/ipfs\//, '').split('/');
  let cid: CID;
  try {
    cid = CID.parse(first ?? '');
  } catch {
    throw new HttpError(400, `invalid CID '${first}'`);
  }
  const path = rest.filter((segment) => segment !== '').join('/');
  return path === '' ? { cid } : { cid, path };
}
