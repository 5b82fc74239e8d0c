// The balance as numbers: `readCredits(info)` fills what the API left out where a safe default exists, and leaves
// `allow_usage` unknown when the API did not say it (money fails closed); the raw type stays the spec's.
import type { ActiveSubscription, CreditLot, CreditsInfo } from "./types.js";

/**
 * The plan the vendor reports when a team has no active subscription: the spec's `ActiveSubscription.id` says it
 * "falls back to `SUB_BASE` when no active subscription exists" (https://docs.olostep.com/api-reference/billing/credits-info).
 */
const NO_SUBSCRIPTION = "SUB_BASE";

/** One credit lot with its counts as numbers (0 when the API left one out); kind and expiry stay optional. */
export type CreditLotReading = CreditLot & {
  /** Credits originally allocated to this lot; 0 when absent (this kit's default: the vendor documents none). */
  allocated_units: NonNullable<CreditLot["allocated_units"]>;
  /** Credits still available in this lot; 0 when absent (this kit's default: the vendor documents none). */
  remaining_units: NonNullable<CreditLot["remaining_units"]>;
};

/** `CreditsInfo` with its gaps filled where a default is safe: what `readCredits` returns. */
export type CreditsReading = {
  /**
   * Total remaining credits across all non-expired lots; 0 when absent (this kit's default, not the vendor's: 0 never
   * lets an "at least N credits" gate pass).
   */
  credits: NonNullable<CreditsInfo["credits"]>;
  /**
   * Whether the team can still consume credits: `true` or `false` as the API said it, `undefined` when the API did not
   * say (absent, or not a boolean). Unknown is not allowed: branch on `allow_usage === true` (the CLI's `check` refuses
   * an unknown, exit 4).
   */
  allow_usage: NonNullable<CreditsInfo["allow_usage"]> | undefined;
  /** Per-lot credit detail; empty when absent. */
  breakdown: CreditLotReading[];
  /** The team's plan; `id` is `SUB_BASE`, as the vendor documents, when there is no active subscription. */
  active_subscription: ActiveSubscription & {
    /** Subscription product id (for example `SUB_PRO`); `SUB_BASE` when the team has no active subscription. */
    id: string;
  };
};

/**
 * The answer of `getCreditsInfo()` with its gaps filled where that is safe: every field of the spec's `CreditsInfo`
 * is optional, so that `credits ?? 0` would be needed everywhere. Counts default to 0 (also a count that is not a
 * finite number; this kit's default, which never lets a gate pass), lots to none, the plan's id to `SUB_BASE` (the
 * vendor's documented fallback). `allow_usage` has no default: it is `undefined` when the API did not say it, and a
 * program that gates on it treats that as not allowed. The raw answer is left as it was.
 *
 * @example
 * ```ts fragment
 * const { credits, allow_usage } = readCredits(await billing.getCreditsInfo());
 * if (allow_usage !== true) throw new Error(`usage is ${allow_usage === false ? "not allowed" : "unknown"} for this team`);
 * if (credits < 50_000) throw new Error("not enough credits for this job");
 * ```
 */
export function readCredits(info: CreditsInfo): CreditsReading {
  const plan = info.active_subscription;
  return {
    credits: count(info.credits),
    // No default: a team the API did not say may use its credits is not one that may (money fails closed).
    allow_usage: typeof info.allow_usage === "boolean" ? info.allow_usage : undefined,
    breakdown: (Array.isArray(info.breakdown) ? info.breakdown : []).map((lot: CreditLot | null) => ({
      ...lot,
      allocated_units: count(lot?.allocated_units),
      remaining_units: count(lot?.remaining_units),
    })),
    active_subscription: { ...plan, id: typeof plan?.id === "string" && plan.id !== "" ? plan.id : NO_SUBSCRIPTION },
  };
}

const count = (value: unknown): number => (typeof value === "number" && Number.isFinite(value) ? value : 0);
