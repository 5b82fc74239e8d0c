// The fetch that openapi-fetch calls: one attempt = headers and body under one timeout, retried by the policy.
import { race, sleep } from "./abortable.js";
import { backoffDelayMs, retryDelayMs, shouldRetry } from "./retry.js";

export type FetchLike = (input: Request) => Promise<Response>;

export type TransportOptions = {
  fetch: (input: Request) => Promise<Response>;
  timeoutMs: number;
  maxRetries: number;
  /** Receives one line per retry; lines hold method, path, status and wait, never headers. */
  log?: (line: string) => void;
};

// Statuses whose Response may not carry a body (the Response constructor throws otherwise).
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

export function createTransport(options: TransportOptions): FetchLike {
  return async function transport(request: Request): Promise<Response> {
    // openapi-fetch built the request with the caller's signal; it cancels everything, backoff included.
    const callerSignal = request.signal;
    const label = `${request.method} ${new URL(request.url).pathname}`;
    for (let retriesDone = 0; ; retriesDone++) {
      let delayMs: number;
      let why: string;
      try {
        const response = await attempt(request, options);
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
      options.log?.(`${label}: attempt ${retriesDone + 1} ended with ${why}; retrying in ${delayMs} ms`);
      await sleep(delayMs, callerSignal);
    }
  };
}

/** Sends once and reads the whole body, so the timeout covers a body that stalls halfway as well. */
async function attempt(request: Request, options: TransportOptions): Promise<Response> {
  const signal = AbortSignal.any([request.signal, AbortSignal.timeout(options.timeoutMs)]);
  const work = (async () => {
    const response = await options.fetch(new Request(request, { signal }));
    const noBody = NULL_BODY_STATUSES.has(response.status) || request.method === "HEAD";
    const body = noBody ? null : await response.arrayBuffer();
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  })();
  // If the race is lost, the attempt's own rejection must not surface as an unhandled one.
  work.catch(() => undefined);
  return race(work, signal);
}
