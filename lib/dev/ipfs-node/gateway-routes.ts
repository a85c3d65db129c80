/**
 * A read-only path gateway (`GET /ipfs/<cid>[/path]`) over the dev node's repository, like Kubo's
 * gateway on port 8080, so the dApp can link documents the same way in development and production.
 * Node-only.
 */
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { parseIpfsPath } from './http-errors';
import type { DevIpfsRepo } from './repo';

export function registerGatewayRoutes(app: FastifyInstance, repo: DevIpfsRepo): void {
  const serve = async (request: { params: { cid: string; '*'?: string } }, reply: FastifyReply) => {
    const rest = request.params['*'];
    const cid = parseIpfsPath(rest ? `${request.params.cid}/${rest}` : request.params.cid);
    // Resolve the size first: an unknown CID must be a clean 404, not a stream that breaks midway.
    const size = await repo.fileSize(cid);
    reply
      // Documents are encrypted blobs: never let a browser sniff them into HTML or script.
      .header('content-type', 'application/octet-stream')
      .header('x-content-type-options', 'nosniff')
      .header('content-length', size.toString())
      // Content addressed: the bytes behind this URL can never change.
      .header('cache-control', 'public, max-age=29030400, immutable')
      .header('etag', `"${cid.toString()}"`)
      .header('x-ipfs-path', `/ipfs/${cid.toString()}`);
    return reply.send(Readable.from(repo.cat(cid)));
  };
  app.get<{ Params: { cid: string } }>('/ipfs/:cid', serve);
  // Registered so that a sub-path gets a clear 400 from parseIpfsPath instead of a bare 404.
  app.get<{ Params: { cid: string; '*': string } }>('/ipfs/:cid/*', serve);
}
