/**
 * The subset of Kubo's RPC API (`/api/v0/...`) that kubo-rpc-client needs for CarBook's documents:
 * add, cat, pin/add, pin/ls, version. Wire formats follow Kubo so that the same client code works
 * against this dev node and against a production Kubo node. Node-only.
 */
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError, parseIpfsPath } from './http-errors';
import {
  parseKuboChunker,
  resolveKuboAddOptions,
  UnsupportedAddOptionError,
  type KuboAddOptions,
} from '../../browser/ipfs/kubo-import';
import type { DevIpfsRepo } from './repo';

export const DEV_NODE_VERSION = '0.1.0-carbook-dev';

type Query = Record<string, string | string[] | undefined>;

/** Kubo's boolean flags accept `true`/`false` (and a bare flag means true). */
function flag(query: Query, name: string, fallback: boolean): boolean {
  const value = single(query, name);
  if (value === undefined) return fallback;
  if (value === '' || value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new HttpError(400, `option '${name}' must be true or false, got '${value}'`);
}

function single(query: Query, name: string): string | undefined {
  const value = query[name];
  return Array.isArray(value) ? value[value.length - 1] : value;
}

function nonNegativeInteger(query: Query, name: string): number | undefined {
  const value = single(query, name);
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new HttpError(400, `option '${name}' must be a non-negative integer, got '${value}'`);
  return Number(value);
}

/** Reads the add flags that decide the CID, refusing those we cannot honour rather than ignoring them. */
function addOptionsFrom(query: Query): Required<KuboAddOptions> {
  const cidVersionArg = single(query, 'cid-version');
  if (cidVersionArg !== undefined && cidVersionArg !== '0' && cidVersionArg !== '1') {
    throw new HttpError(400, `unsupported cid-version '${cidVersionArg}'`);
  }
  const hash = single(query, 'hash');
  if (hash !== undefined && hash !== 'sha2-256') throw new HttpError(400, `unsupported hash '${hash}': only sha2-256`);
  // only-hash is refused rather than ignored: a caller asking for it must not get content stored.
  for (const unsupported of ['trickle', 'inline', 'nocopy', 'fscache', 'only-hash']) {
    if (flag(query, unsupported, false))
      throw new HttpError(400, `option '${unsupported}' is not supported by the dev node`);
  }
  const chunker = single(query, 'chunker');
  const rawLeaves = single(query, 'raw-leaves') === undefined ? undefined : flag(query, 'raw-leaves', false);
  try {
    return resolveKuboAddOptions({
      ...(cidVersionArg === undefined ? {} : { cidVersion: cidVersionArg === '1' ? 1 : 0 }),
      ...(rawLeaves === undefined ? {} : { rawLeaves }),
      ...(chunker === undefined ? {} : { chunkSize: parseKuboChunker(chunker) }),
    });
  } catch (error) {
    if (error instanceof UnsupportedAddOptionError) throw new HttpError(400, error.message);
    throw error;
  }
}

type Part = { name: string; content: Blob; directory: boolean };

/**
 * The parts of a multipart add body, in order, as kubo-rpc-client sends them: files (`file`, `file-1`...) and
 * directories (`dir-2`..., `application/x-directory`), each named by its URL-encoded path.
 */
async function partsOf(request: FastifyRequest): Promise<Part[]> {
  const contentType = request.headers['content-type'] ?? '';
  if (!(request.body instanceof Buffer) || !contentType.startsWith('multipart/form-data')) {
    throw new HttpError(400, 'add expects a multipart/form-data body');
  }
  let form: FormData;
  try {
    form = await new Response(request.body, { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw new HttpError(400, 'malformed multipart/form-data body');
  }
  const parts: Part[] = [];
  for (const [field, value] of form.entries()) {
    if (typeof value === 'string') throw new HttpError(400, `multipart field '${field}' is not a file`);
    const directory = value.type === 'application/x-directory' || field.startsWith('dir');
    parts.push({ name: safeDecode(value.name), content: value, directory });
  }
  if (parts.length === 0) throw new HttpError(400, 'file argument "path" is required');
  return parts;
}

/** A relative path inside the added tree: no leading slash, no empty, `.` or `..` segment. */
function treePath(name: string): string {
  const path = name.replace(/^\/+/, '');
  if (path === '' || path.split('/').some((segment) => segment === '' || segment === '.' || segment === '..')) {
    throw new HttpError(400, `invalid path '${name}' in a directory add`);
  }
  return path;
}

function safeDecode(name: string): string {
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

/** Bridges the importer's progress callbacks into an NDJSON line stream, preserving order. */
function ndjsonStream(produce: (emit: (line: object) => void) => Promise<void>): Readable {
  const stream = new Readable({ read() {} });
  const emit = (line: object): void => void stream.push(`${JSON.stringify(line)}\n`);
  produce(emit).then(
    () => stream.push(null),
    // Headers are gone by now; destroying the stream aborts the response so the client sees a failure
    // instead of a truncated but apparently successful add.
    (error: unknown) => stream.destroy(error instanceof Error ? error : new Error(String(error))),
  );
  return stream;
}

export function registerRpcRoutes(app: FastifyInstance, repo: DevIpfsRepo, options: { bodyLimit: number }): void {
  // Buffering is fine for a development node with a body limit; a streaming multipart parser would be
  // the thing to add if it ever had to take large uploads.
  app.addContentTypeParser(
    'multipart/form-data',
    { parseAs: 'buffer', bodyLimit: options.bodyLimit },
    (_req, body, done) => done(null, body),
  );

  app.post('/api/v0/add', async (request, reply) => {
    const query = request.query as Query;
    const addOptions = addOptionsFrom(query);
    const pin = flag(query, 'pin', true);
    const progress = flag(query, 'progress', false);
    const parts = await partsOf(request);
    const wrap = flag(query, 'wrap-with-directory', false);

    reply.header('content-type', 'application/json').header('x-chunked-output', '1');
    if (wrap || parts.some((part) => part.directory || part.name.includes('/'))) {
      // A tree (`ipfs add -r` or `--wrap-with-directory`): one line per file and directory, the root last, as
      // Kubo prints them. The import always wraps the paths in one directory; without wrap-with-directory
      // Kubo does not print that wrapper (its roots are the top-level entries), so neither does this.
      const entries = await Promise.all(
        parts.map(async (part) => ({
          path: treePath(part.name),
          ...(part.directory ? {} : { content: new Uint8Array(await part.content.arrayBuffer()) }),
        })),
      );
      return reply.send(
        ndjsonStream(async (emit) => {
          for (const { path, cid, dagSize } of await repo.addDirectory(entries, { ...addOptions, pin })) {
            if (path !== '' || wrap) emit({ Name: path, Hash: cid.toString(), Size: String(dagSize) });
          }
        }),
      );
    }
    const files = parts;
    return reply.send(
      ndjsonStream(async (emit) => {
        for (const file of files) {
          const bytes = new Uint8Array(await file.content.arrayBuffer());
          const { cid, dagSize } = await repo.addFile([bytes], {
            ...addOptions,
            pin,
            ...(progress ? { onBytesRead: (bytes: number) => emit({ Name: file.name, Bytes: bytes }) } : {}),
          });
          const hash = cid.toString();
          // Kubo names an unnamed upload after its CID, and sends Size as a decimal string.
          emit({ Name: file.name === '' ? hash : file.name, Hash: hash, Size: String(dagSize) });
        }
      }),
    );
  });

  app.post('/api/v0/cat', async (request, reply) => {
    const query = request.query as Query;
    const cid = parseIpfsPath(single(query, 'arg'));
    const offset = nonNegativeInteger(query, 'offset');
    const length = nonNegativeInteger(query, 'length');
    // Start reading before replying so an unknown CID becomes a 404 rather than a broken stream.
    const size = await repo.fileSize(cid);
    const content = repo.cat(cid, {
      ...(offset === undefined ? {} : { offset }),
      ...(length === undefined ? {} : { length }),
    });
    reply.header('content-type', 'text/plain').header('x-stream-output', '1').header('x-content-length', String(size));
    return reply.send(Readable.from(content));
  });

  app.post('/api/v0/pin/add', async (request) => {
    const query = request.query as Query;
    if (!flag(query, 'recursive', true)) throw new HttpError(400, 'only recursive pins are supported');
    const args = toArray(query['arg']);
    if (args.length === 0) throw new HttpError(400, 'argument "ipfs-path" is required');
    const cids = args.map((arg) => parseIpfsPath(arg));
    for (const cid of cids) await repo.pin(cid);
    return { Pins: cids.map(String) };
  });

  app.post('/api/v0/pin/ls', async (request, reply) => {
    const query = request.query as Query;
    const type = single(query, 'type') ?? 'all';
    if (!['all', 'recursive'].includes(type)) {
      // Only recursive pins exist here, so asking for direct or indirect ones lists nothing, as in Kubo.
      return flag(query, 'stream', false) ? reply.send('') : { Keys: {} };
    }
    const args = toArray(query['arg']);
    const listed = args.length === 0 ? repo.listPins() : args.map((arg) => String(parseIpfsPath(arg)));
    const pinned = new Set(repo.listPins());
    for (const cid of listed) {
      if (!pinned.has(cid)) throw new HttpError(500, `path '${cid}' is not pinned`);
    }
    if (flag(query, 'stream', false)) {
      reply.header('content-type', 'application/json').header('x-chunked-output', '1');
      return reply.send(listed.map((cid) => `${JSON.stringify({ Cid: cid, Type: 'recursive', Name: '' })}\n`).join(''));
    }
    return { Keys: Object.fromEntries(listed.map((cid) => [cid, { Type: 'recursive', Name: '' }])) };
  });

  app.post('/api/v0/version', async () => ({
    Version: DEV_NODE_VERSION,
    Commit: '',
    Repo: 'blockstore-fs',
    System: `${process.arch}/${process.platform}`,
    Golang: '',
  }));

  // Kubo's RPC answers only POST (a GET from an <img> tag must not trigger commands): same here.
  app.route({
    method: ['GET', 'PUT', 'DELETE', 'PATCH'],
    url: '/api/v0/*',
    handler: async () => {
      throw new HttpError(405, 'RPC commands must be sent with POST');
    },
  });
}

function toArray(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
