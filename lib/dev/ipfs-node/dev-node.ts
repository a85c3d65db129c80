/**
 * The development IPFS node of the local consortium (`npm start`): Kubo's RPC subset and a read-only
 * document gateway over a real UnixFS implementation on one HTTP port, and optionally a web gateway for
 * published directories on a second one (Kubo's 5001 and 8080). Production uses Kubo / IPFS Cluster;
 * the dApp cannot tell the difference because it only speaks the Kubo RPC through kubo-rpc-client.
 * Node-only.
 */
import cors from '@fastify/cors';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyRequest } from 'fastify';
import { registerGatewayRoutes } from './gateway-routes';
import { HttpError } from './http-errors';
import { BlockNotFoundError, DevIpfsRepo } from './repo';
import { registerRpcRoutes } from './rpc-routes';
import { registerWebGatewayRoutes } from './web-gateway';

export type DevIpfsNodeOptions = {
  /** Defaults to 127.0.0.1: a dev node that accepts uploads has no business listening on the LAN. */
  host?: string;
  /** 0 picks a free port (tests). */
  port: number;
  /** Blocks and pins live here and survive restarts. */
  repoDir: string;
  /**
   * Origins allowed to call the RPC API from a browser (the dApp). Defaults to any http origin on the
   * loopback interface, i.e. the dApp's dev server whatever its port. The gateway is open to all
   * origins, like Kubo's, because it serves public content-addressed bytes and nothing else.
   */
  corsOrigins?: (string | RegExp)[];
  /** Largest accepted request body; defaults to 100 MiB. */
  bodyLimit?: number;
  /**
   * A web gateway on its own port (Kubo's 8080): directories, `index.html`, content types by file name, for
   * the dApp published with `npm run publish:ipfs`. Its own origin, so a page it serves is never same-origin
   * with the RPC API. Without it the API port's `/ipfs/<cid>` serves single files (documents) only.
   */
  gateway?: { port: number; host?: string };
  logger?: boolean;
};

export type DevIpfsNode = {
  apiUrl: string;
  /** The web gateway when one was asked for, else the API port's document gateway. */
  gatewayUrl: string;
  close: () => Promise<void>;
};

export const DEFAULT_BODY_LIMIT = 100 * 1024 * 1024;
const LOOPBACK_ORIGIN = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;

export async function startDevIpfsNode(options: DevIpfsNodeOptions): Promise<DevIpfsNode> {
  const host = options.host ?? '127.0.0.1';
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const allowedOrigins = options.corsOrigins ?? [LOOPBACK_ORIGIN];
  const isAllowedOrigin = (origin: string): boolean =>
    allowedOrigins.some((allowed) => (typeof allowed === 'string' ? allowed === origin : allowed.test(origin)));

  const repo = await DevIpfsRepo.open(options.repoDir);
  const app = Fastify({ logger: options.logger ?? false, bodyLimit });
  const isApi = (request: FastifyRequest): boolean => request.url.startsWith('/api/');

  await app.register(cors, {
    delegator: (request, callback) =>
      callback(
        null,
        request.url?.startsWith('/ipfs/')
          ? { origin: '*', methods: ['GET', 'HEAD'] }
          : {
              origin: (origin, cb) => cb(null, origin !== undefined && isAllowedOrigin(origin)),
              methods: ['POST'],
              // kubo-rpc-client reads these to tell streamed output from a single JSON answer.
              exposedHeaders: ['X-Stream-Output', 'X-Chunked-Output', 'X-Content-Length'],
            },
      ),
  });

  // Like Kubo, refuse (not merely leave without CORS headers) an API call from a foreign origin: a
  // multipart POST is a "simple" request that a browser sends without preflight, so without this any
  // web page could add content to the node of whoever visits it.
  app.addHook('onRequest', async (request) => {
    const origin = request.headers.origin;
    if (isApi(request) && origin !== undefined && !isAllowedOrigin(origin)) {
      throw new HttpError(403, `origin ${origin} is not allowed to use this IPFS API`);
    }
  });

  app.setErrorHandler((error: FastifyError | Error, request, reply) => {
    const statusCode =
      error instanceof HttpError
        ? error.statusCode
        : error instanceof BlockNotFoundError
          ? 404
          : 'statusCode' in error && typeof error.statusCode === 'number' && error.statusCode >= 400
            ? error.statusCode
            : 500;
    if (statusCode >= 500) request.log.error(error);
    const message =
      statusCode === 500 && !(error instanceof HttpError) ? `internal error: ${error.message}` : error.message;
    // Kubo's RPC error shape, which kubo-rpc-client turns into an Error with this message; the gateway
    // answers plain text like Kubo's.
    if (isApi(request)) return reply.status(statusCode).send({ Message: message, Code: 0, Type: 'error' });
    return reply.status(statusCode).type('text/plain; charset=utf-8').send(message);
  });

  registerRpcRoutes(app, repo, { bodyLimit });
  registerGatewayRoutes(app, repo);

  const web = options.gateway === undefined ? undefined : Fastify({ logger: options.logger ?? false });
  if (web !== undefined) {
    await web.register(cors, { origin: '*', methods: ['GET', 'HEAD'] });
    web.setErrorHandler((error: FastifyError | Error, request, reply) => {
      const statusCode =
        error instanceof HttpError
          ? error.statusCode
          : error instanceof BlockNotFoundError
            ? 404
            : 'statusCode' in error && typeof error.statusCode === 'number' && error.statusCode >= 400
              ? error.statusCode
              : 500;
      if (statusCode >= 500) request.log.error(error);
      return reply.status(statusCode).type('text/plain; charset=utf-8').send(error.message);
    });
    registerWebGatewayRoutes(web, repo);
  }

  try {
    await app.listen({ host, port: options.port });
    if (web !== undefined) await web.listen({ host: options.gateway?.host ?? host, port: options.gateway?.port ?? 0 });
  } catch (error) {
    await app.close();
    await repo.close();
    throw error;
  }
  const baseUrl = listeningUrl(app);

  return {
    apiUrl: baseUrl,
    gatewayUrl: web === undefined ? baseUrl : listeningUrl(web),
    close: async () => {
      await web?.close();
      await app.close();
      await repo.close();
    },
  };
}

function listeningUrl(server: FastifyInstance): string {
  const address = server.server.address();
  if (address === null || typeof address === 'string') throw new Error('dev IPFS node is not listening on TCP');
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${urlHost}:${address.port}`;
}
