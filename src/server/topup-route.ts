// A purchase through the route: only from a page of the same origin, as JSON, for an amount from the spec's enum,
// under the browser's Idempotency-Key (or a fresh one), sent once. When the outcome is unknown, the browser is told
// the key, so that retrying with it cannot charge twice.
import { ConnectionError, RateLimitError, ServerError, TimeoutError, TOPUP_CREDITS, type BillingClient, type TopupCredits } from "../index.js";
import { browserError, errorAnswer } from "./browser-errors.js";
import type { RouteAnswer } from "./route-answer.js";

export async function purchaseThroughRoute(request: Request, billing: BillingClient): Promise<RouteAnswer> {
  const origin = request.headers.get("origin");
  if (!origin || origin !== new URL(request.url).origin) return errorAnswer({ error: "cross_origin", status: 403 });
  if (!request.headers.get("content-type")?.startsWith("application/json")) return errorAnswer({ error: "json_required", status: 415 });
  const body = (await request.json().catch(() => undefined)) as { credits?: unknown } | undefined;
  if (!(TOPUP_CREDITS as readonly unknown[]).includes(body?.credits)) return errorAnswer({ error: "invalid_credits", status: 400 });
  const idempotencyKey = request.headers.get("idempotency-key") ?? crypto.randomUUID();
  try {
    // No viewer signal: a purchase is never cut short because a tab closed (its outcome would be unknown).
    const receipt = await billing.purchaseTopup(body!.credits as TopupCredits, { idempotencyKey });
    return { status: 200, headers: { "content-type": "application/json", "cache-control": "no-store" }, body: JSON.stringify(receipt) };
  } catch (error) {
    if (error instanceof RateLimitError) return errorAnswer({ error: "rate_limited", status: 429, retryAfterSeconds: error.retryAfterSeconds, idempotencyKey });
    const uncertain = error instanceof TimeoutError || error instanceof ServerError || (error instanceof ConnectionError && error.code !== "ECONNREFUSED");
    if (uncertain) return errorAnswer({ error: "outcome_unknown", status: 502, idempotencyKey });
    return errorAnswer({ ...browserError(error), idempotencyKey });
  }
}
