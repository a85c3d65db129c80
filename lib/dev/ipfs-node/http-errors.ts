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
 * Accepts a Kubo path argument naming a whole file: `<cid>` or `/ipfs/<cid>`. Paths inside a DAG
 * (`<cid>/a/b`) are refused here: the RPC commands and the API port's document gateway serve documents,
 * which are single files; directories (a published dApp) are served by the web gateway (web-gateway.ts).
 */
export function parseIpfsPath(arg: string | undefined): CID {
  if (arg === undefined || arg === '') throw new HttpError(400, 'argument "ipfs-path" is required');
  const [first, ...rest] = arg.replace(/^\/ipfs\//, '').split('/');
  let cid: CID;
  try {
    cid = CID.parse(first ?? '');
  } catch {
    throw new HttpError(400, `invalid CID '${first}'`);
  }
  if (rest.some((segment) => segment !== '')) {
    throw new HttpError(400, `paths inside a DAG are not supported by the dev node ('${arg}')`);
  }
  return cid;
}
