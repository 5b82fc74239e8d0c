// The fetch that openapi-fetch calls: auth headers, and attempts (headers and body under one timeout) retried by the policy.
import { sleep } from "./abortable.js";
import { backoffDelayMs, retryDelayMs, shouldRetry } from "./retry.js";

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export type TransportOptions = {
  fetch: FetchLike;
  /** Set on every request last, over whatever the caller passed (Authorization is always the client's). */
  headers: Record<string, string>;
  timeoutMs: number;
  maxRetries: number;
  /** Receives one line per retry; lines hold method, path, status and wait, never headers. */
  log?: (line: string) => void;
};

export function createTransport(options: TransportOptions): (request: Request) => Promise<Response> {
  return async function transport(request: Request): Promise<Response> {
    // openapi-fetch built the request with the caller's signal; it cancels everything, backoff included.
    const callerSignal = request.signal;
    // Read once: a body stream cannot be sent twice, and an idempotent request may be.
    const body = request.body ? await request.arrayBuffer() : undefined;
    const headers = new Headers(request.headers);
    for (const [name, value] of Object.entries(options.headers)) headers.set(name, value);
    for (let retriesDone = 0; ; retriesDone++) {
      let delayMs: number;
      let why: string;
      try {
        const response = await attempt(request, headers, body, options);
        if (!shouldRetry(request.method, { status: response.status }, retriesDone, options.maxRetries)) return response;
        delayMs = retryDelayMs(retriesDone, response.headers.get("retry-after"));
        why = `status ${response.status}`;
      } catch (fault) {
        if (callerSignal.aborted) throw callerSignal.reason;
        const kind = (fault as { name?: string }).name === "TimeoutError" ? "timeout" : "connection";
        if (!shouldRetry(request.method, { fault: kind }, retriesDone, options.maxRetries)) throw fault;
        delayMs = backoffDelayMs(retriesDone);
        why = kind === "timeout" ? `no answer within ${options.timeoutMs} ms` : "a connection error";
      }
      options.log?.(`${request.method} ${new URL(request.url).pathname}: attempt ${retriesDone + 1} ended with ${why}; retrying in ${delayMs} ms`);
      await sleep(delayMs, callerSignal);
    }
  };
}

/**
 * Sends once. The attempt's timer keeps running until the body has been read, so the timeout covers a body
 * that stalls halfway too; it is cleared as soon as openapi-fetch (or a raw caller) finishes reading.
 * Copying the body into a new Response would do the same at about a quarter of a call's cost (bench/).
 */
async function attempt(request: Request, headers: Headers, body: ArrayBuffer | undefined, options: TransportOptions): Promise<Response> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException(`no answer within ${options.timeoutMs} ms`, "TimeoutError")), options.timeoutMs);
  // Node: a body nobody reads must not keep the process alive until the timer fires (browsers have no unref).
  (timer as { unref?: () => void }).unref?.();
  const onCallerAbort = () => controller.abort(request.signal.reason);
  if (request.signal.aborted) onCallerAbort();
  request.signal.addEventListener("abort", onCallerAbort);
  const done = () => {
    clearTimeout(timer);
    request.signal.removeEventListener("abort", onCallerAbort);
  };
  try {
    const response = await options.fetch(request.url, { method: request.method, headers, body, redirect: request.redirect, signal: controller.signal });
    // openapi-fetch skips reading these bodies, so nothing would ever clear the timer.
    const unread = !response.body || request.method === "HEAD" || response.status === 204 || response.headers.get("content-length") === "0";
    if (unread) done();
    else for (const read of BODY_READERS) clearWhenRead(response, read, done);
    return response;
  } catch (fault) {
    done();
    throw fault;
  }
}

const BODY_READERS = ["text", "json", "arrayBuffer", "blob", "formData"] as const;

function clearWhenRead(response: Response, read: (typeof BODY_READERS)[number], done: () => void): void {
  const original = response[read].bind(response) as () => Promise<unknown>;
  Object.defineProperty(response, read, { value: () => original().finally(done), configurable: true });
}
