// One team's state in the stateful mock: a starting balance and the purchases since; everything else is derived
// from them and the clock, so no timer runs and a test can move time by hand.
import type { CreditsInfo } from "../../src/index.js";

export type Purchase = { credits: number; at: number; paymentIntentId: string };
/** What an Idempotency-Key saw: the body it was first used with, and the answer to replay once there is one. */
export type KeyUse = { body: string; answer?: Answer };
export type Answer = { status: number; body: unknown; headers?: Record<string, string> };

export type Account = { start: CreditsInfo; purchases: Purchase[]; keys: Map<string, KeyUse> };

export type Timing = {
  /** How long a purchase stays a Pending lot before Stripe's webhook "confirms" it. */
  settleMs: number;
  /** One purchase attempt per this window (the vendor's 60 s, from the spec's cooldown example). */
  cooldownMs: number;
};

const YEAR_SECONDS = 365 * 86_400;

export function newAccount(start: CreditsInfo): Account {
  return { start: structuredClone(start), purchases: [], keys: new Map() };
}

/** The balance now: each purchase is a Pending lot until it settles, then a Top-up lot whose credits count. */
export function creditsInfo(account: Account, now: number, timing: Timing): CreditsInfo {
  const info = structuredClone(account.start);
  for (const purchase of account.purchases) {
    const settled = now >= purchase.at + timing.settleMs;
    info.breakdown = [
      ...(info.breakdown ?? []),
      {
        purchase_kind: settled ? "Top-up" : "Pending",
        allocated_units: purchase.credits,
        remaining_units: settled ? purchase.credits : 0,
        // The vendor does not say how long a top-up lasts; the mock's lots last a year.
        expiry_date: Math.floor(purchase.at / 1000) + YEAR_SECONDS,
      },
    ];
    if (settled) {
      info.credits = (info.credits ?? 0) + purchase.credits;
      info.allow_usage = true;
    }
  }
  return info;
}

/** Whole seconds until the next purchase attempt is allowed; 0 when it is allowed now. */
export function cooldownLeftSeconds(account: Account, now: number, timing: Timing): number {
  const last = account.purchases.at(-1);
  if (!last) return 0;
  const left = last.at + timing.cooldownMs - now;
  return left > 0 ? Math.ceil(left / 1000) : 0;
}
