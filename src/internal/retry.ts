// The retry policy as pure functions: whether to try again, and how long to wait first.

/** The retry policy's numbers: how many retries, and the backoff between them (full jitter). */
export const RETRY_DEFAULTS = {
  /** Extra attempts after the first; the client's `maxRetries` default. */
  maxRetries: 2,
  /** The first backoff's ceiling; it doubles each retry. */
  baseDelayMs: 500,
  /** The ceiling no backoff goes past. */
  maxDelayMs: 8_000,
  /** The longest `Retry-After` the client sleeps for; asked for longer, it gives up at once and says how long. */
  maxRetryAfterMs: 60_000,
} as const;

/** `body`: the response's body, there only when the policy's `readsBody` asked for it. */
export type AttemptOutcome = { status: number; body?: string | ArrayBuffer } | { fault: "connection" | "timeout" };

/** Which outcomes of one kind of request may be tried again; `readsBody`: statuses whose body decides that. */
export type RetryPolicy = { retryable(outcome: AttemptOutcome): boolean; readsBody?(status: number): boolean };

/** Statuses that say "the same request may work later". Other 4xx will fail the same way again. */
const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

/** GET and HEAD change nothing, so any transient failure may be retried. */
export const IDEMPOTENT: RetryPolicy = { retryable: (outcome) => "fault" in outcome || RETRYABLE_STATUSES.has(outcome.status) };

/** Everything else, a top-up by default among them: sent once. (A same-key top-up has its own, in same-key-retry.ts.) */
export const NEVER: RetryPolicy = { retryable: () => false };

/** `sameKey`: the policy of a POST whose caller asked for retries with its Idempotency-Key. */
export function policyFor(method: string, sameKey: RetryPolicy | undefined): RetryPolicy {
  return method === "GET" || method === "HEAD" ? IDEMPOTENT : (sameKey ?? NEVER);
}

/**
 * The wait before retry `retriesDone + 1`, or undefined for "do not retry": the outcome is final, the retries
 * are used up, or the server asked for a longer wait than `maxRetryAfterMs` (the caller gets the error at once,
 * with the server's wait on it, instead of a call that hangs for a day).
 */
export function nextRetryDelayMs(
  policy: RetryPolicy,
  outcome: AttemptOutcome,
  retriesDone: number,
  maxRetries: number,
  retryAfterHeader: string | null = null,
  random: () => number = Math.random,
  maxRetryAfterMs: number = RETRY_DEFAULTS.maxRetryAfterMs,
): number | undefined {
  if (retriesDone >= maxRetries || !policy.retryable(outcome)) return undefined;
  const asked = "status" in outcome ? retryAfterMs(retryAfterHeader) : undefined;
  if (asked === undefined) return backoffDelayMs(retriesDone, random);
  return asked <= maxRetryAfterMs ? asked : undefined;
}

/** Exponential backoff with full jitter: anywhere in [0, min(cap, base * 2^retry)). */
export function backoffDelayMs(retriesDone: number, random: () => number = Math.random): number {
  const ceiling = Math.min(RETRY_DEFAULTS.maxDelayMs, RETRY_DEFAULTS.baseDelayMs * 2 ** retriesDone);
  return Math.floor(random() * ceiling);
}

/**
 * RFC 9110 §5.6.7's date forms by shape (IMF-fixdate, RFC 850, asctime), which recipients must all accept;
 * Date.parse then rejects an unknown month or an impossible time.
 */
const HTTP_DATE = /^[A-Z][a-z]{2,8}(, \d\d[ -][A-Z][a-z]{2}[ -]\d\d(\d\d)? \d\d:\d\d:\d\d GMT| [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4})$/;

/**
 * Reads `Retry-After`: delta-seconds (digits only) or an HTTP date; undefined for anything else (`-5`, `1 2`,
 * `0.5`), so that junk falls back to backoff instead of an immediate retry. Not capped here: the caller decides.
 */
export function retryAfterMs(header: string | null, now: number = Date.now()): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  if (!HTTP_DATE.test(value)) return undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
