// A purchase through the route: only from a page of the same origin, as JSON, for an amount from the spec's enum,
// under the browser's Idempotency-Key (or a fresh one), sent once. When the outcome is unknown, the browser is told
// the key, so that retrying with it cannot charge twice.
import { ConnectionError, RateLimitError, ServerError, TimeoutError, TOPUP_CREDITS, type BillingClient, type TopupCredits } from "../index.js";
import { browserError, errorAnswer } from "./browser-errors.js";
import type { RouteAnswer } from "./route-answer.js";

/** The answer for the browser; `sent` when the purchase reached upstream (whatever came of it, the balance may move). */
export type TopupOutcome = { answer: RouteAnswer; sent: boolean; error?: unknown };

export async function purchaseThroughRoute(request: Request, billing: BillingClient): Promise<TopupOutcome> {
  const refused = (status: number, error: string): TopupOutcome => ({ answer: errorAnswer({ error, status }), sent: false });
  const origin = request.headers.get("origin");
  if (!origin || origin !== new URL(request.url).origin) return refused(403, "cross_origin");
  if (!request.headers.get("content-type")?.startsWith("application/json")) return refused(415, "json_required");
  const body = (await request.json().catch(() => undefined)) as { credits?: unknown } | undefined;
  if (!(TOPUP_CREDITS as readonly unknown[]).includes(body?.credits)) return refused(400, "invalid_credits");
  const idempotencyKey = request.headers.get("idempotency-key") ?? crypto.randomUUID();
  try {
    // No viewer signal: a purchase is never cut short because a tab closed (its outcome would be unknown).
    const receipt = await billing.purchaseTopup(body!.credits as TopupCredits, { idempotencyKey });
    return { answer: { status: 200, headers: { "content-type": "application/json", "cache-control": "no-store" }, body: JSON.stringify(receipt) }, sent: true };
  } catch (error) {
    if (error instanceof RateLimitError) return { answer: errorAnswer({ error: "rate_limited", status: 429, retryAfterSeconds: error.retryAfterSeconds, idempotencyKey }), sent: true, error };
    const uncertain = error instanceof TimeoutError || error instanceof ServerError || (error instanceof ConnectionError && error.code !== "ECONNREFUSED");
    if (uncertain) return { answer: errorAnswer({ error: "outcome_unknown", status: 502, idempotencyKey }), sent: true, error };
    return { answer: errorAnswer({ ...browserError(error), idempotencyKey }), sent: true, error };
  }
}
