// The balance as numbers: `readCredits(info)` fills what the API left out with the vendor's defaults; the raw type stays the spec's.
import type { ActiveSubscription, CreditLot, CreditsInfo } from "./types.js";

/**
 * The plan the vendor reports when a team has no active subscription: the spec's `ActiveSubscription.id` says it
 * "falls back to `SUB_BASE` when no active subscription exists" (https://docs.olostep.com/api-reference/billing/credits-info).
 */
const NO_SUBSCRIPTION = "SUB_BASE";

/** One credit lot with its counts as numbers (0 when the API left one out); kind and expiry stay optional. */
export type CreditLotReading = CreditLot & {
  /** Credits originally allocated to this lot; 0 when absent. */
  allocated_units: number;
  /** Credits still available in this lot; 0 when absent. */
  remaining_units: number;
};

/** `CreditsInfo` with every field a program branches on present: what `readCredits` returns. */
export type CreditsReading = {
  /** Total remaining credits across all non-expired lots; 0 when absent. */
  credits: number;
  /** Whether the team can still consume credits; true unless the API says `false` (the CLI's `check` reads it so too). */
  allow_usage: boolean;
  /** Per-lot credit detail; empty when absent. */
  breakdown: CreditLotReading[];
  /** The team's plan; `id` is `SUB_BASE`, as the vendor documents, when there is no active subscription. */
  active_subscription: ActiveSubscription & {
    /** Subscription product id (for example `SUB_PRO`); `SUB_BASE` when the team has no active subscription. */
    id: string;
  };
};

/**
 * The answer of `getCreditsInfo()` with its gaps filled: every field of the spec's `CreditsInfo` is optional, so
 * that `credits ?? 0` would be needed everywhere. Counts default to 0 (also a count that is not a finite number),
 * `allow_usage` to true unless the API says `false`, the plan's id to `SUB_BASE` (the vendor's documented fallback).
 * The raw answer is left as it was.
 *
 * @example
 * ```ts fragment
 * const { credits, allow_usage } = readCredits(await billing.getCreditsInfo());
 * if (!allow_usage || credits < 50_000) throw new Error("not enough credits for this job");
 * ```
 */
export function readCredits(info: CreditsInfo): CreditsReading {
  const plan = info.active_subscription;
  return {
    credits: count(info.credits),
    allow_usage: info.allow_usage !== false,
    breakdown: (Array.isArray(info.breakdown) ? info.breakdown : []).map((lot: CreditLot | null) => ({
      ...lot,
      allocated_units: count(lot?.allocated_units),
      remaining_units: count(lot?.remaining_units),
    })),
    active_subscription: { ...plan, id: typeof plan?.id === "string" && plan.id !== "" ? plan.id : NO_SUBSCRIPTION },
  };
}

const count = (value: unknown): number => (typeof value === "number" && Number.isFinite(value) ? value : 0);
