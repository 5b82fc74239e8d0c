// A purchase through the route: only from a page of the same origin, as JSON, for an amount from the spec's enum,
// under the browser's own Idempotency-Key, sent once. Without one nothing is sent: a key the route made up would let a
// double click or a retried fetch buy twice. When the outcome is unknown, the browser is told the key, so that
// retrying with it cannot charge twice.
import { ConnectionError, IdempotencyError, MAX_IDEMPOTENCY_KEY_LENGTH, RateLimitError, ServerError, TimeoutError, TOPUP_CREDITS, ValidationError, type BillingClient, type TopupCredits } from "../index.js";
import { browserError, errorAnswer } from "./browser-errors.js";
import type { RouteAnswer, RouteRequest } from "./route-answer.js";

/** The answer for the browser; `sent` when the purchase reached upstream (whatever came of it, the balance may move). */
export type TopupOutcome = { answer: RouteAnswer; sent: boolean; error?: unknown };

/** A purchase body is a few bytes; anything bigger is not one, and is not read further. */
export const MAX_BODY_BYTES = 16 * 1024;

/** Where the route's rules for a top-up are written: the `type` of its problems with the Idempotency-Key. */
export const TOPUP_DOCS = "https://github.com/olostep/olostep-billing/blob/main/docs/browser.md#top-ups-through-the-route";

const KEY_RULE = `1–${MAX_IDEMPOTENCY_KEY_LENGTH} printable ASCII characters, with no space at either end`;

/** The IETF idempotency-key draft's 400: a problem that says what the header must be, with a link to the rules. */
const keyProblem = (missing: boolean) =>
  errorAnswer({
    error: missing ? "idempotency_key_required" : "idempotency_key_invalid",
    status: 400,
    type: TOPUP_DOCS,
    title: missing ? "Idempotency-Key is missing" : "Idempotency-Key is not valid",
    detail: `A top-up through this route needs the page's own Idempotency-Key header (${KEY_RULE}), made once per purchase and sent again with any retry of it, so that a retry cannot buy twice. Nothing was bought.`,
  });

/** `bodyText`: the request's body, or undefined when it is larger than any purchase could be; read only if needed. */
export async function purchaseThroughRoute(request: RouteRequest, bodyText: () => Promise<string | undefined>, billing: BillingClient): Promise<TopupOutcome> {
  const refused = (answer: RouteAnswer): TopupOutcome => ({ answer, sent: false });
  const origin = request.headers.get("origin");
  if (!origin || origin !== new URL(request.url).origin) return refused(errorAnswer({ error: "cross_origin", status: 403 }));
  if (!request.headers.get("content-type")?.startsWith("application/json")) return refused(errorAnswer({ error: "json_required", status: 415 }));
  const idempotencyKey = request.headers.get("idempotency-key");
  if (idempotencyKey === null) return refused(keyProblem(true));
  if (!idempotencyKey || idempotencyKey.length > MAX_IDEMPOTENCY_KEY_LENGTH) return refused(keyProblem(false));
  const text = await bodyText();
  if (text === undefined) return refused(errorAnswer({ error: "too_large", status: 413 }));
  const credits = parsedCredits(text);
  if (!(TOPUP_CREDITS as readonly unknown[]).includes(credits)) return refused(errorAnswer({ error: "invalid_credits", status: 400 }));
  try {
    // No viewer signal: a purchase is never cut short because a tab closed (its outcome would be unknown).
    const receipt = await billing.purchaseTopup(credits as TopupCredits, { idempotencyKey });
    return { answer: { status: 200, headers: { "content-type": "application/json", "cache-control": "no-store" }, body: JSON.stringify(receipt) }, sent: true };
  } catch (error) {
    // The client checks the key by its one rule for header values before it sends anything.
    if (error instanceof ValidationError) return refused(keyProblem(false));
    if (error instanceof RateLimitError) return { answer: errorAnswer({ error: "rate_limited", status: 429, retryAfterSeconds: error.retryAfterSeconds, idempotencyKey }), sent: true, error };
    // A 409 says the first request with this key is still being charged: its outcome is not known yet either.
    const inProgress = error instanceof IdempotencyError && error.status === 409;
    const uncertain = inProgress || error instanceof TimeoutError || error instanceof ServerError || (error instanceof ConnectionError && error.code !== "ECONNREFUSED");
    if (uncertain) return { answer: errorAnswer({ error: "outcome_unknown", status: 502, idempotencyKey }), sent: true, error };
    return { answer: errorAnswer({ ...browserError(error), idempotencyKey }), sent: true, error };
  }
}

function parsedCredits(text: string): unknown {
  try {
    return (JSON.parse(text) as { credits?: unknown } | null)?.credits;
  } catch {
    return undefined;
  }
}
