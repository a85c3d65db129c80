/**
 * The development node's web gateway: a path gateway like Kubo's on port 8080 (`GET /ipfs/<cid>/<path>`),
 * on its own listener (its own origin, apart from the RPC API, as in Kubo), serving directories added with
 * `add -r` / `wrap-with-directory`: a directory answers its `index.html`, a file answers with a content type
 * from its name. This is what `npm run publish:ipfs` and the IPFS-served e2e story load the dApp from.
 * Node-only.
 */
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CID } from 'multiformats/cid';
import { HttpError } from './http-errors';
import type { DevIpfsRepo } from './repo';

/** Content types by extension, for what a static web export holds; anything else is bytes. */
const CONTENT_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json',
  txt: 'text/plain; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  ico: 'image/x-icon',
  webp: 'image/webp',
  woff2: 'font/woff2',
  wasm: 'application/wasm',
  map: 'application/json',
  webmanifest: 'application/manifest+json',
};

export function contentTypeOf(name: string): string {
  const extension = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  return (extension !== undefined && CONTENT_TYPES[extension]) || 'application/octet-stream';
}

/** `/ipfs/<cid>/a/b` → the CID and the decoded path segments (empty segments dropped, `..` refused). */
export function parseGatewayPath(cidText: string, rest: string | undefined): { root: CID; segments: string[] } {
  let root: CID;
  try {
    root = CID.parse(cidText);
  } catch {
    throw new HttpError(400, `invalid CID '${cidText}'`);
  }
  const segments: string[] = [];
  for (const raw of (rest ?? '').split('/')) {
    if (raw === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      throw new HttpError(400, `invalid path segment '${raw}'`);
    }
    if (segment === '.' || segment === '..' || segment.includes('/')) {
      throw new HttpError(400, `invalid path segment '${raw}'`);
    }
    segments.push(segment);
  }
  return { root, segments };
}

/** `<cid>.ipfs.localhost[:port]`: Kubo's subdomain gateway form, which gives every CID its own origin. */
const SUBDOMAIN_HOST = /^([a-z2-7]+)\.ipfs\.localhost(:\d+)?$/;

export function registerWebGatewayRoutes(app: FastifyInstance, repo: DevIpfsRepo): void {
  const serve = async (
    request: FastifyRequest,
    reply: FastifyReply,
    cidText: string,
    rest: string | undefined,
  ): Promise<FastifyReply> => {
    const { root, segments } = parseGatewayPath(cidText, rest);
    let target = await repo.resolve(root, segments);
    let name = segments.at(-1) ?? '';
    if (target.type === 'directory') {
      // Like Kubo: a directory is addressed with a trailing slash, so the page's relative URLs resolve inside it.
      const path = request.url.split('?')[0];
      if (!path.endsWith('/')) {
        const query = request.url.slice(path.length);
        return reply.redirect(`${path}/${query}`, 301);
      }
      target = await repo.resolve(root, [...segments, 'index.html']);
      name = 'index.html';
      if (target.type !== 'file') throw new HttpError(404, 'this directory has no index.html');
    }
    const size = await repo.fileSize(target.cid);
    reply
      .header('content-type', contentTypeOf(name))
      .header('x-content-type-options', 'nosniff')
      .header('content-length', size.toString())
      .header('cache-control', 'public, max-age=29030400, immutable')
      .header('etag', `"${target.cid.toString()}"`)
      .header('x-ipfs-path', `/ipfs/${root.toString()}${segments.length > 0 ? `/${segments.join('/')}` : ''}`);
    if (request.method === 'HEAD') return reply.send();
    return reply.send(Readable.from(repo.cat(target.cid)));
  };
  app.get<{ Params: { cid: string } }>('/ipfs/:cid', (request, reply) => serve(request, reply, request.params.cid, ''));
  app.get<{ Params: { cid: string; '*': string } }>('/ipfs/:cid/*', (request, reply) =>
    serve(request, reply, request.params.cid, request.params['*']),
  );
  // Subdomain form: http://<cidv1>.ipfs.localhost:<port>/<path> (browsers resolve *.localhost to loopback).
  app.get<{ Params: { '*': string } }>('/*', (request, reply) => {
    const cid = SUBDOMAIN_HOST.exec(request.headers.host ?? '')?.[1];
    if (cid === undefined) throw new HttpError(404, 'not found: use /ipfs/<cid>/<path> or <cid>.ipfs.localhost');
    return serve(request, reply, cid, request.params['*']);
  });
}
