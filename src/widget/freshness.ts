// How old an answer from the route is, as RFC 9111 §4.2 counts it from the page: the route's `max-age` and `Age`, and
// the time since the answer arrived; and the waits a Retry-After asks for.

/** What the page knows of an answer's age. */
export type Freshness = {
  /** The answer's freshness lifetime (`max-age`), in seconds; undefined when it says none (then it is never "stale"). */
  maxAgeSeconds: number | undefined;
  /** `Age` when it arrived: seconds since upstream gave it (0 when absent, as RFC 9111 §5.1 reads a missing Age). */
  ageSeconds: number;
  /** When it arrived, on the page's clock. */
  receivedAt: number;
};

const DELTA_SECONDS = /^\d{1,10}$/;

/** The freshness of a response that arrived at `receivedAt`. */
export function freshnessOf(response: Response, receivedAt: number): Freshness {
  const age = response.headers.get("age")?.trim() ?? "";
  const maxAge = /(?:^|,)\s*max-age=(\d{1,10})\s*(?:,|$)/i.exec(response.headers.get("cache-control") ?? "")?.[1];
  return { maxAgeSeconds: maxAge === undefined ? undefined : Number(maxAge), ageSeconds: DELTA_SECONDS.test(age) ? Number(age) : 0, receivedAt };
}

/**
 * RFC 9111 §4.2.3's current_age without its two guesses: the apparent age (from `Date`) would compare the server's
 * clock with the browser's, which are rarely the same; the response delay (milliseconds to one's own route) would turn
 * an `Age` equal to `max-age`, both whole seconds, into "stale". What is left: the route's `Age` plus the time since.
 */
export function currentAgeSeconds(answer: Freshness, now: number): number {
  return answer.ageSeconds + Math.max(0, now - answer.receivedAt) / 1000;
}

/** Stale when its age is past its lifetime: at arrival, the route's own word that it could not refresh it in time. */
export function isStale(answer: Freshness, now = answer.receivedAt): boolean {
  return answer.maxAgeSeconds !== undefined && currentAgeSeconds(answer, now) > answer.maxAgeSeconds;
}

/** When upstream gave the answer (the "as of" time); the same stored copy read twice gives the same time, to a second. */
export function readUpstreamAt(answer: Freshness): number {
  return answer.receivedAt - answer.ageSeconds * 1000;
}

/** Whether two answers are the route's same stored copy: read upstream within the second their whole-second Age allows. */
export function sameCopy(a: Freshness, readAt: number | undefined): boolean {
  return readAt !== undefined && Math.abs(readUpstreamAt(a) - readAt) < 1_500;
}

/**
 * Milliseconds until the page counts the answer a second past its lifetime: by then the route's copy is stale too (both
 * round to whole seconds), and a read gets a newer one. Undefined for an answer without a lifetime.
 */
export function untilSurelyStaleMs(answer: Freshness, now: number): number | undefined {
  if (answer.maxAgeSeconds === undefined) return undefined;
  return (answer.maxAgeSeconds + 1 - currentAgeSeconds(answer, now)) * 1000;
}

/** The wait a `Retry-After` asks for (delta-seconds or an HTTP date), in milliseconds, at most `capMs`; 0 without one. */
export function retryAfterMs(response: Response, now: number, capMs: number): number {
  const value = response.headers.get("retry-after")?.trim();
  if (!value) return 0;
  const ms = DELTA_SECONDS.test(value) ? Number(value) * 1000 : Date.parse(value) - now;
  return Number.isFinite(ms) ? Math.min(capMs, Math.max(0, ms)) : 0;
}
