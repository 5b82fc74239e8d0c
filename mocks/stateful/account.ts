// One team's state in the stateful mock: a starting balance and the purchases since; everything else is derived
// from them and the clock, so no timer runs and a test can move time by hand.
import type { components } from "../../generated/billing.js";

/** The answer to `GET /user/credits/info`, as the spec describes it. */
export type CreditsInfo = components["schemas"]["CreditsInfoResponse"];

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

const DAY_SECONDS = 86_400;
const YEAR_SECONDS = 365 * DAY_SECONDS;
/** Where a moved balance's earliest lot expiry lands: a month from today. */
const EARLIEST_EXPIRY_DAYS = 30;

export function newAccount(start: CreditsInfo): Account {
  return { start: structuredClone(start), purchases: [], keys: new Map() };
}

/**
 * A copy of `info` with every date (lots' `expiry_date`, the plan's `created_at`) moved by the same whole number of
 * days, so that the earliest lot expires 30 days after `now`: the lots keep their order and spacing, and a balance
 * that says usage is allowed is not full of lots that expired long ago.
 */
export function movedToToday(info: CreditsInfo, now: number): CreditsInfo {
  const moved = structuredClone(info);
  const expiries = (moved.breakdown ?? []).map((lot) => lot.expiry_date).filter((date): date is number => typeof date === "number");
  if (expiries.length === 0) return moved;
  const today = Math.floor(now / 1000 / DAY_SECONDS) * DAY_SECONDS;
  const shift = Math.round((today + EARLIEST_EXPIRY_DAYS * DAY_SECONDS - Math.min(...expiries)) / DAY_SECONDS) * DAY_SECONDS;
  for (const lot of moved.breakdown ?? []) if (typeof lot.expiry_date === "number") lot.expiry_date += shift;
  if (typeof moved.active_subscription?.created_at === "number") moved.active_subscription.created_at += shift;
  return moved;
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
