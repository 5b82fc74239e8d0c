// The retry policy of a top-up whose caller opted in with `retry: "same-key"`: only the outcomes that the vendor
// documents as leaving the Idempotency-Key unused (or still running) are retried, so a retry cannot charge twice.
import type { RetryPolicy } from "./retry.js";

/** 409: the first request with the key is still running; 429 and 503 do not use the key up (vendor docs). */
const SAME_KEY_STATUSES: ReadonlySet<number> = new Set([409, 429, 503]);

/** A 429's body decides: the top-up cooldown (a body with `retry_after`) is final, and no retry can get past it. */
export const SAME_KEY: RetryPolicy = {
  readsBody: (status) => status === 429,
  retryable: (outcome) => "fault" in outcome || (SAME_KEY_STATUSES.has(outcome.status) && !(outcome.body !== undefined && isCooldownBody(outcome.body))),
};

/** Whether a body (text, or bytes when middleware made a real Request) is a JSON object with a numeric `retry_after`. */
function isCooldownBody(body: string | ArrayBuffer): boolean {
  try {
    const parsed = JSON.parse(typeof body === "string" ? body : new TextDecoder().decode(body)) as { retry_after?: unknown } | null;
    return typeof parsed?.retry_after === "number";
  } catch {
    return false;
  }
}
