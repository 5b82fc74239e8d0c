// A top-up endpoint that keeps the vendor's Idempotency-Key rules, for tests that retry a purchase.
import { json, type Handler } from "./fault-server";

export type IdempotentTopup = { handler: Handler; purchases: () => number };

/**
 * Same key and body: the first receipt again, no new purchase. Same key, other body: 422 `idempotency_key_reuse`.
 * `hangFirst`: the first purchase is recorded but never answered (a timeout after the charge).
 */
export function idempotentTopup(options: { hangFirst?: boolean } = {}): IdempotentTopup {
  const byKey = new Map<string, { body: string; receipt: Record<string, unknown> }>();
  let purchases = 0;
  const handler: Handler = (req, res, index, seen) => {
    const key = String(req.headers["idempotency-key"] ?? "");
    const first = byKey.get(key);
    if (first && first.body !== seen.body) {
      return json(422, { object: "error", code: "idempotency_key_reuse", status: 422, detail: "Use a new key." })(req, res, index, seen);
    }
    if (first) return json(200, first.receipt)(req, res, index, seen);
    purchases += 1;
    const receipt = { success: true, payment_intent_id: `pi_test_${purchases}`, credits: JSON.parse(seen.body).credits };
    if (key) byKey.set(key, { body: seen.body, receipt });
    if (options.hangFirst && purchases === 1) return;
    json(200, receipt)(req, res, index, seen);
  };
  return { handler, purchases: () => purchases };
}
