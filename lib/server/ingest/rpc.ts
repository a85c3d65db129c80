/**
 * Minimal JSON-RPC over HTTP for the ingester: single calls and batches (≤ 100 entries a body, the RPC proxy's
 * `limits.batchSize`), keep-alive through Node's fetch.
 */
export class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

interface RpcAnswer {
  id: number;
  result?: unknown;
  error?: { code: number; message: string };
}

export class Rpc {
  private id = 0;
  constructor(
    readonly url: string,
    private readonly batchSize = 100,
  ) {}

  async call<T = unknown>(method: string, params: unknown[] = []): Promise<T> {
    const [answer] = await this.post([{ method, params }]);
    if (answer.error) throw new RpcError(answer.error.code, answer.error.message);
    return answer.result as T;
  }

  /** Each entry's result or its error (never throws for an entry's own error). */
  async batch(requests: { method: string; params: unknown[] }[]): Promise<unknown[]> {
    const out: unknown[] = [];
    for (let i = 0; i < requests.length; i += this.batchSize) {
      const answers = await this.post(requests.slice(i, i + this.batchSize));
      for (const answer of answers)
        out.push(answer.error ? new RpcError(answer.error.code, answer.error.message) : answer.result);
    }
    return out;
  }

  private async post(requests: { method: string; params: unknown[] }[]): Promise<RpcAnswer[]> {
    const first = this.id;
    const body = requests.map((r) => ({ jsonrpc: '2.0', id: ++this.id, method: r.method, params: r.params }));
    const response = await this.fetchWithRetry(JSON.stringify(body));
    if (!response.ok) throw new RpcError(-32603, `the node answered HTTP ${response.status}`);
    const json = (await response.json()) as RpcAnswer[] | RpcAnswer;
    const answers = Array.isArray(json) ? json : [json];
    const byId = new Map(answers.map((a) => [a.id, a]));
    return body.map(
      (_, i) => byId.get(first + i + 1) ?? { id: first + i + 1, error: { code: -32603, message: 'no answer' } },
    );
  }

  /**
   * A connection the node closed as the request left (an idle keep-alive socket timing out: "other side
   * closed"), or a refused connection during a node restart, is retried: every method the ingester sends is
   * a read or a raw transaction, whose repetition the node answers "already known" or "nonce too low".
   */
  private async fetchWithRetry(body: string): Promise<Response> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await fetch(this.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      } catch (error) {
        if (attempt >= RETRIES) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  }
}

/** Attempts of a request whose connection failed (see `fetchWithRetry`). */
const RETRIES = 5;
