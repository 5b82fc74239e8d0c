// Buying credits through the route: one Idempotency-Key per purchase, kept across the widget's own retries, which
// happen only when the outcome is unknown (no answer came back, or the route said `outcome_unknown`), never after a
// refusal; and the sentence that tells the user what happened.
import { retryAfterMs } from "./freshness.js";

/** What came of a purchase. */
export type PurchaseOutcome =
  /** The route said it was bought (`retries`: after how many retries with the same key). */
  | { kind: "bought"; retries: number }
  /** The route refused it, and nothing was bought: its code, and when to try again if it said. */
  | { kind: "refused"; code: string; retryAfterSeconds?: number }
  /** Nobody can say: no answer came back, even after `retries` retries with the same key; `last` is what the last said. */
  | { kind: "unknown"; retries: number; last: string };

/** Retries after an unknown outcome, and the waits before them (the route's Retry-After instead, up to `maxWaitMs`). */
export const PURCHASE_RETRY = { retries: 2, waitsMs: [1_000, 2_000], maxWaitMs: 10_000 } as const;

type Attempt = { kind: "bought" } | { kind: "refused"; code: string; retryAfterSeconds?: number } | { kind: "unknown"; why: string; waitMs: number };

/** Buys `credits` at the route `src`, retrying with the same Idempotency-Key only while the outcome is unknown. */
export async function purchaseCredits(src: string, credits: number): Promise<PurchaseOutcome> {
  const idempotencyKey = newIdempotencyKey();
  const body = JSON.stringify({ credits });
  for (let retries = 0; ; retries++) {
    const attempt = await attemptPurchase(src, body, idempotencyKey);
    if (attempt.kind === "bought") return { kind: "bought", retries };
    // A refusal of a retry says nothing of the attempt before it (its key may still be charging): still unknown.
    if (attempt.kind === "refused") return retries === 0 ? attempt : { kind: "unknown", retries, last: attempt.code };
    if (retries >= PURCHASE_RETRY.retries) return { kind: "unknown", retries, last: attempt.why };
    const waitMs = attempt.waitMs || PURCHASE_RETRY.waitsMs[retries]!;
    await new Promise((resolve) => setTimeout(resolve, waitMs));
  }
}

async function attemptPurchase(src: string, body: string, idempotencyKey: string): Promise<Attempt> {
  let response: Response;
  try {
    response = await fetch(src, {
      method: "POST",
      headers: { accept: "application/json", "content-type": "application/json", "idempotency-key": idempotencyKey },
      body,
      cache: "no-store",
    });
  } catch {
    // The request may have reached the route, and the route upstream, before the connection failed.
    return { kind: "unknown", why: "no answer", waitMs: 0 };
  }
  if (response.ok) return { kind: "bought" };
  const answer = (await response.json().catch(() => undefined)) as { error?: unknown; retryAfterSeconds?: unknown } | undefined;
  const code = routeErrorCode(answer?.error);
  // The route's own word, or a gateway's 5xx in front of it (the purchase may have gone through behind it).
  if (code === "outcome_unknown" || (code === undefined && response.status >= 500)) {
    return { kind: "unknown", why: code ?? `status ${response.status}`, waitMs: retryAfterMs(response, Date.now(), PURCHASE_RETRY.maxWaitMs) };
  }
  const retryAfterSeconds = typeof answer?.retryAfterSeconds === "number" && answer.retryAfterSeconds > 0 ? Math.ceil(answer.retryAfterSeconds) : undefined;
  return { kind: "refused", code: code ?? `status ${response.status}`, retryAfterSeconds };
}

/** The route's error code, if it is one: a short word, never a server's sentence shown as it came. */
export function routeErrorCode(value: unknown): string | undefined {
  return typeof value === "string" && /^[\w.-]{1,40}$/.test(value) ? value : undefined;
}

/** A random UUID (v4); `crypto.randomUUID` exists only on https and localhost pages, `getRandomValues` everywhere. */
function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** What the widget says about a purchase. */
export function purchaseNote(outcome: PurchaseOutcome): string {
  const pending = "the credits show as Pending until the payment is confirmed.";
  if (outcome.kind === "bought") {
    return `Bought${outcome.retries ? " (after a retry with the same key, which cannot charge twice)" : ""}: ${pending}`;
  }
  if (outcome.kind === "refused") return `Not bought (${outcome.code}${outcome.retryAfterSeconds ? `, try again in ${outcome.retryAfterSeconds} s` : ""}).`;
  return `Outcome unknown: retried with the same key (${outcome.last}). If it went through, a Pending lot shows below: buying again could buy twice.`;
}
