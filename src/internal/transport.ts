// The fetch that openapi-fetch calls: auth headers, and attempts (send and read the whole body under one timer)
// retried by the pure policy in retry.ts.
import { createDeadlines } from "./deadlines.js";
import { sleep } from "./sleep.js";
import { nextRetryDelayMs, policyFor, type AttemptOutcome, type RetryPolicy } from "./retry.js";

/** A fetch the client can use: called as `fetch(url, init)`, with a string URL. */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export type TransportOptions = {
  fetch: FetchLike;
  /** Set on every request last, over whatever the caller passed (Authorization is always the client's). */
  headers: Record<string, string>;
  timeoutMs: number;
  maxRetries: number;
  maxRetryAfterMs: number;
  /** Receives one line per retry; lines hold method, path, status and wait, never headers. */
  log?: (line: string) => void;
};

/**
 * The request object the typed methods give openapi-fetch (its `Request` option) when no middleware needs a real
 * one: what openapi-fetch built (method, headers, body, signal, redirect), without a `Request`'s body stream, signal
 * copy and header guard. `bytes`: read the answer's body as exact bytes (for `raw`) instead of text.
 */
export class PlainRequest {
  readonly method: string;
  readonly headers: Headers;
  readonly body: RequestInit["body"];
  readonly signal: AbortSignal | undefined;
  readonly redirect: RequestInit["redirect"];
  readonly bytes: boolean | undefined;
  // Plain assignments, in one order: every PlainRequest has the same shape, which keeps property reads fast.
  constructor(
    readonly url: string,
    init: RequestInit & { bytes?: boolean },
  ) {
    this.method = init.method!;
    this.headers = init.headers as Headers;
    this.body = init.body;
    this.signal = init.signal ?? undefined;
    this.redirect = init.redirect;
    this.bytes = init.bytes;
  }
}

/** What the transport answers: the fields openapi-fetch reads, the whole body already read. */
export type Answer = { ok: boolean; status: number; statusText: string; headers: Headers; body: string | ArrayBuffer; text(): Promise<string> };

export type Transport = (request: PlainRequest) => Promise<Answer>;

/** A response to retry: how long to wait first, and why (for the log line). */
type Retry = { delayMs: number; why: string };
/** Made once per call; each attempt only sets its own signal on `init`. */
type CallPlan = { url: string; init: RequestInit; options: TransportOptions; policy: RetryPolicy; bytes?: boolean; deadlines: Deadlines };
type Deadlines = ReturnType<typeof createDeadlines>;

/** `sameKey`: the policy for POSTs that carry an Idempotency-Key (the top-up's `retry: "same-key"`); else never retried. */
export function createTransport(options: TransportOptions, sameKey?: RetryPolicy): Transport {
  const { timeoutMs } = options;
  const deadlines = createDeadlines(timeoutMs, () => new DOMException(`no answer within ${timeoutMs} ms`, "TimeoutError"));
  return async function transport(request) {
    const { headers, method, url, signal: callerSignal } = request;
    for (const name in options.headers) headers.set(name, options.headers[name]!);
    const policy = policyFor(method, headers.has("idempotency-key") ? sameKey : undefined);
    const plan: CallPlan = { url, init: { method, headers, body: request.body, redirect: request.redirect }, options, policy, bytes: request.bytes, deadlines };

    let current: AbortController | undefined;
    const release = callerSignal && onAbort(callerSignal, () => current?.abort(callerSignal.reason));
    try {
      for (let retriesDone = 0; ; retriesDone++) {
        if (callerSignal?.aborted) throw callerSignal.reason;
        const attempt = await attemptOnce(plan, (current = new AbortController()), retriesDone);
        if (!("delayMs" in attempt)) return attempt;
        options.log?.(`${method} ${pathOf(url)}: attempt ${retriesDone + 1} ended with ${attempt.why}; retrying in ${attempt.delayMs} ms`);
        await sleep(attempt.delayMs, callerSignal);
      }
    } finally {
      release?.();
    }
  };
}

/**
 * One listener on a caller's signal, however many calls share it: calls in flight register here, and the listener
 * goes when the last of them settles (2,000 concurrent calls on one signal add 1 listener, not 2,000).
 */
const waiting = new WeakMap<AbortSignal, Set<() => void>>();

function onAbort(signal: AbortSignal, abortCall: () => void): () => void {
  let calls = waiting.get(signal);
  if (!calls) {
    waiting.set(signal, (calls = new Set()));
    signal.addEventListener("abort", abortAll);
  }
  calls.add(abortCall);
  return () => {
    calls.delete(abortCall);
    if (calls.size > 0) return;
    waiting.delete(signal);
    signal.removeEventListener("abort", abortAll);
  };
}

/** The one listener function, shared by every signal: `this` is the signal that aborted. */
function abortAll(this: AbortSignal): void {
  waiting.get(this)?.forEach((abort) => abort());
}

/**
 * One attempt as one unit: send, and read the whole body, under one deadline; only then is it judged. A timeout or a
 * broken connection anywhere in it, headers or body, is the same kind of fault. A response that will be retried
 * has its body cancelled unread, so its connection goes back at once.
 */
async function attemptOnce(plan: CallPlan, controller: AbortController, retriesDone: number): Promise<Answer | Retry> {
  const { url, init, options, policy, bytes, deadlines } = plan;
  const decide = (outcome: AttemptOutcome, retryAfter: string | null) =>
    nextRetryDelayMs(policy, outcome, retriesDone, options.maxRetries, retryAfter, Math.random, options.maxRetryAfterMs);
  const deadline = deadlines.start(controller);
  try {
    init.signal = controller.signal;
    const response = await options.fetch(url, init);
    const { status, headers } = response;
    const read = () => (bytes ? response.arrayBuffer() : response.text());
    const early = policy.readsBody?.(status) ? await read() : undefined;
    const delayMs = decide({ status, body: early }, headers.get("retry-after"));
    if (delayMs !== undefined) {
      if (early === undefined) void response.body?.cancel().catch(() => undefined);
      return { delayMs, why: `status ${status}` };
    }
    const body = early ?? (await read());
    return { ok: response.ok, status, statusText: response.statusText, headers, body, text: () => Promise.resolve(body as string) };
  } catch (fault) {
    // Aborted but not by the deadline: the caller's signal did it, and its reason is the caller's answer.
    const timedOut = deadline.expired;
    if (controller.signal.aborted && !timedOut) throw controller.signal.reason;
    const delayMs = decide({ fault: timedOut ? "timeout" : "connection" }, null);
    if (delayMs === undefined) throw timedOut ? controller.signal.reason : fault;
    return { delayMs, why: timedOut ? `no answer within ${options.timeoutMs} ms` : "a connection error" };
  } finally {
    deadlines.settle(deadline);
  }
}

/** The path of an absolute or a relative URL (a browser's client may have a relative baseUrl). */
const pathOf = (url: string) => url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, "").split(/[?#]/)[0];
