// The fetch that openapi-fetch calls: auth headers, and attempts (send and read the whole body under one timer)
// retried by the pure policy in retry.ts.
import { sleep } from "./sleep.js";
import { needsBodyToDecide, nextRetryDelayMs, retryModeFor, type AttemptOutcome, type RetryMode } from "./retry.js";

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

/** What openapi-fetch hands the transport: a real `Request`, or the plain one the typed methods ask for. */
type OutgoingRequest = Request | PlainRequest;

/**
 * The request object the typed methods give openapi-fetch (its `Request` option) when no middleware needs a real
 * one: it holds what openapi-fetch built, without a `Request`'s body stream, signal copy and header guard.
 */
export class PlainRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: RequestInit["body"];
  readonly signal: AbortSignal | undefined;
  readonly redirect: RequestInit["redirect"];
  constructor(url: string, init: RequestInit & { headers: Headers }) {
    this.url = url;
    this.method = init.method ?? "GET";
    this.headers = init.headers;
    this.body = init.body ?? null;
    this.signal = init.signal ?? undefined;
    this.redirect = init.redirect;
  }
}

/**
 * What the transport answers a PlainRequest: the attempt's whole body, already read as text (the typed methods
 * parse JSON, and the runtime's own text() decodes faster than a copy and a TextDecoder); seen by the client only.
 */
export class PlainResponse {
  readonly ok: boolean;
  constructor(
    readonly status: number,
    readonly headers: Headers,
    private readonly body: string,
  ) {
    this.ok = status >= 200 && status < 300;
  }
  text(): Promise<string> {
    return Promise.resolve(this.body);
  }
  json(): Promise<unknown> {
    return this.text().then(JSON.parse);
  }
}

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/** `sameKeyRetry`: this call is a POST whose caller asked for retries with its Idempotency-Key. */
export function createTransport(options: TransportOptions, sameKeyRetry = false): (request: OutgoingRequest) => Promise<Response> {
  return async function transport(request: OutgoingRequest): Promise<Response> {
    const plain = request instanceof PlainRequest;
    // A real Request's body is a stream that cannot be sent twice; read it once (the plain one holds the string).
    const body = plain ? request.body : request.body ? await request.arrayBuffer() : null;
    const headers = plain ? request.headers : new Headers(request.headers);
    for (const name in options.headers) headers.set(name, options.headers[name]!);
    const mode = retryModeFor(request.method, sameKeyRetry && headers.has("idempotency-key"));
    // Made once per call; each attempt only sets its own signal on it.
    const call: CallPlan = { fetch: options.fetch, url: request.url, init: { method: request.method, headers, body, redirect: request.redirect }, options, mode, asText: plain };

    const callerSignal = request.signal;
    let current: AbortController | undefined;
    const release = callerSignal && onAbort(callerSignal, () => current?.abort(callerSignal.reason));
    try {
      for (let retriesDone = 0; ; retriesDone++) {
        if (callerSignal?.aborted) throw callerSignal.reason;
        current = new AbortController();
        const attempt = await attemptOnce(call, current, retriesDone);
        if (attempt.kind === "done") {
          const { response, body } = attempt;
          if (typeof body === "string") return new PlainResponse(response.status, response.headers, body) as unknown as Response;
          const status = response.status;
          return new Response(NULL_BODY_STATUSES.has(status) ? null : body, { status, statusText: response.statusText, headers: response.headers });
        }
        options.log?.(`${request.method} ${pathOf(request.url)}: attempt ${retriesDone + 1} ended with ${attempt.why}; retrying in ${attempt.delayMs} ms`);
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
const waiting = new WeakMap<AbortSignal, { calls: Set<() => void>; listener: () => void }>();

function onAbort(signal: AbortSignal, abortCall: () => void): () => void {
  let entry = waiting.get(signal);
  if (!entry) {
    const calls = new Set<() => void>();
    entry = { calls, listener: () => calls.forEach((abort) => abort()) };
    waiting.set(signal, entry);
    signal.addEventListener("abort", entry.listener);
  }
  const { calls, listener } = entry;
  calls.add(abortCall);
  return () => {
    calls.delete(abortCall);
    if (calls.size > 0) return;
    waiting.delete(signal);
    signal.removeEventListener("abort", listener);
  };
}

/** `body` is text for a PlainRequest, and the exact bytes for a real Request (`raw` may read any format). */
type Attempt = { kind: "done"; response: Response; body: string | ArrayBuffer } | { kind: "retry"; delayMs: number; why: string };
/** `asText`: the body is read as text for a PlainRequest, and as exact bytes for a real Request (`raw`). */
type CallPlan = { fetch: FetchLike; url: string; init: RequestInit; options: TransportOptions; mode: RetryMode; asText: boolean };

/**
 * One attempt as one unit: send, and read the whole body, under one timer; only then is it judged. A timeout or a
 * broken connection anywhere in it, headers or body, is the same kind of fault. A response that will be retried
 * has its body cancelled unread, so its connection goes back at once.
 */
async function attemptOnce(call: CallPlan, controller: AbortController, retriesDone: number): Promise<Attempt> {
  const { fetch, url, init, options, mode, asText } = call;
  const timeoutMs = options.timeoutMs;
  const decide = (outcome: AttemptOutcome, retryAfter: string | null) => nextRetryDelayMs(mode, outcome, retriesDone, options.maxRetries, retryAfter);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException(`no answer within ${timeoutMs} ms`, "TimeoutError"));
  }, timeoutMs);
  try {
    let response: Response;
    let body: string | ArrayBuffer | undefined;
    try {
      init.signal = controller.signal;
      response = await fetch(url, init);
      const read = () => (asText ? response.text() : response.arrayBuffer());
      const status = response.status;
      if (needsBodyToDecide(mode, status)) body = await read();
      const delayMs = decide({ status, cooldown: body !== undefined && hasRetryAfterField(body) }, response.headers.get("retry-after"));
      if (delayMs !== undefined) {
        if (body === undefined) void response.body?.cancel().catch(() => undefined);
        return { kind: "retry", delayMs, why: `status ${status}` };
      }
      body ??= await read();
    } catch (fault) {
      // Aborted but not by our timer: the caller's signal did it, and its reason is the caller's answer.
      if (controller.signal.aborted && !timedOut) throw controller.signal.reason;
      const kind = timedOut ? "timeout" : "connection";
      const delayMs = decide({ fault: kind }, null);
      if (delayMs === undefined) throw timedOut ? controller.signal.reason : fault;
      return { kind: "retry", delayMs, why: kind === "timeout" ? `no answer within ${timeoutMs} ms` : "a connection error" };
    }
    return { kind: "done", response, body };
  } finally {
    clearTimeout(timer);
  }
}

/** The path of an absolute or a relative URL (a browser's client may have a relative baseUrl). */
const pathOf = (url: string) => url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, "").split(/[?#]/)[0];

function hasRetryAfterField(body: string | ArrayBuffer): boolean {
  try {
    const parsed = JSON.parse(typeof body === "string" ? body : new TextDecoder().decode(body)) as { retry_after?: unknown } | null;
    return typeof parsed?.retry_after === "number";
  } catch {
    return false;
  }
}
