// The retry policy as pure functions: whether to try again, and how long to wait first.

export const RETRY_DEFAULTS = {
  maxRetries: 2,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
} as const;

/** Only requests that change nothing may be sent twice; POST moves money in this API. */
const IDEMPOTENT_METHODS = new Set(["GET", "HEAD"]);

/** Statuses that say "the same request may work later". Other 4xx will fail the same way again. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

export function isIdempotent(method: string): boolean {
  return IDEMPOTENT_METHODS.has(method.toUpperCase());
}

export type AttemptOutcome = { status: number } | { fault: "connection" | "timeout" };

/** `retriesDone` counts the retries already made (0 after the first attempt). */
export function shouldRetry(method: string, outcome: AttemptOutcome, retriesDone: number, maxRetries: number): boolean {
  if (!isIdempotent(method) || retriesDone >= maxRetries) return false;
  return "fault" in outcome || RETRYABLE_STATUSES.has(outcome.status);
}

/** Exponential backoff with full jitter: anywhere in [0, min(cap, base * 2^retry)). */
export function backoffDelayMs(retriesDone: number, random: () => number = Math.random): number {
  const ceiling = Math.min(RETRY_DEFAULTS.maxDelayMs, RETRY_DEFAULTS.baseDelayMs * 2 ** retriesDone);
  return Math.floor(random() * ceiling);
}

/** Reads `Retry-After` (delta-seconds or an HTTP date); undefined when absent or unreadable. Capped at 60 s. */
export function retryAfterMs(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null || header.trim() === "") return undefined;
  const trimmed = header.trim();
  let delay: number;
  if (/^\d+(\.\d+)?$/.test(trimmed)) {
    delay = Number(trimmed) * 1000;
  } else {
    const date = Date.parse(trimmed);
    if (Number.isNaN(date)) return undefined;
    delay = Math.max(0, date - now);
  }
  return Math.min(delay, RETRY_DEFAULTS.maxRetryAfterMs);
}

/** The wait before the next attempt: the server's word when it gave one, else backoff. */
export function retryDelayMs(retriesDone: number, retryAfterHeader: string | null, random?: () => number): number {
  return retryAfterMs(retryAfterHeader) ?? backoffDelayMs(retriesDone, random);
}
