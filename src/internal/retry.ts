// The retry policy as pure functions: whether to try again, and how long to wait first.

export const RETRY_DEFAULTS = {
  /** Extra attempts after the first; the client's `maxRetries` default. */
  maxRetries: 2,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  /** The longest a server may ask us to wait; asked for longer, the client gives up at once and says how long. */
  maxRetryAfterMs: 60_000,
} as const;

/**
 * - `idempotent`: GET and HEAD change nothing, so any transient failure may be retried.
 * - `same-key`: a POST carrying an Idempotency-Key whose caller asked for retries: only the outcomes that the
 *   vendor documents as leaving the key unused (or still running) are retried, so a retry cannot charge twice.
 * - `never`: everything else, a top-up by default among them.
 */
export type RetryMode = "idempotent" | "same-key" | "never";

/** `cooldown`: the body carried `retry_after` (the top-up cooldown), which no retry can get past. */
export type AttemptOutcome = { status: number; cooldown?: boolean } | { fault: "connection" | "timeout" };

/** Statuses that say "the same request may work later". Other 4xx will fail the same way again. */
const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);
/** 409: the first request with the key is still running; 429 and 503 do not use the key up (vendor docs). */
const SAME_KEY_STATUSES: ReadonlySet<number> = new Set([409, 429, 503]);

export function retryModeFor(method: string, sameKeyRetry: boolean): RetryMode {
  if (method === "GET" || method === "HEAD") return "idempotent";
  return sameKeyRetry ? "same-key" : "never";
}

export function isRetryable(mode: RetryMode, outcome: AttemptOutcome): boolean {
  if (mode === "never") return false;
  if ("fault" in outcome) return true;
  if (mode === "idempotent") return RETRYABLE_STATUSES.has(outcome.status);
  return SAME_KEY_STATUSES.has(outcome.status) && !outcome.cooldown;
}

/** Only a same-key 429 needs its body read to decide: a cooldown body must never be retried. */
export function needsBodyToDecide(mode: RetryMode, status: number): boolean {
  return mode === "same-key" && status === 429;
}

/** Whether a body (text, or bytes from `raw`) is the top-up cooldown: a JSON object with a numeric `retry_after`. */
export function isCooldownBody(body: string | ArrayBuffer): boolean {
  try {
    const parsed = JSON.parse(typeof body === "string" ? body : new TextDecoder().decode(body)) as { retry_after?: unknown } | null;
    return typeof parsed?.retry_after === "number";
  } catch {
    return false;
  }
}

/**
 * The wait before retry `retriesDone + 1`, or undefined for "do not retry": the outcome is final, the retries
 * are used up, or the server asked for a longer wait than the client will sleep (the caller gets the error at
 * once, with the server's wait on it, instead of a call that hangs for a day).
 */
export function nextRetryDelayMs(
  mode: RetryMode,
  outcome: AttemptOutcome,
  retriesDone: number,
  maxRetries: number,
  retryAfterHeader: string | null = null,
  random: () => number = Math.random,
): number | undefined {
  if (retriesDone >= maxRetries || !isRetryable(mode, outcome)) return undefined;
  const asked = "status" in outcome ? retryAfterMs(retryAfterHeader) : undefined;
  if (asked === undefined) return backoffDelayMs(retriesDone, random);
  return asked <= RETRY_DEFAULTS.maxRetryAfterMs ? asked : undefined;
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
