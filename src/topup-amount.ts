// Whether a value is an amount a top-up may buy: the spec's enum (generated), never a list restated here.
import { purchaseTopupRequestCreditsValues } from "../generated/billing.js";
import type { TopupCredits } from "./types.js";

/**
 * Whether `value` is one of the amounts a top-up may buy (TOPUP_CREDITS, from the spec's enum). A type guard: after
 * it, a number from a form or a command line is a `TopupCredits` that `purchaseTopup` takes.
 *
 * @example
 * ```ts fragment
 * const amount = Number(form.get("credits"));
 * if (!isTopupAmount(amount)) throw new Error(`choose one of ${TOPUP_CREDITS.join(", ")}`);
 * await billing.purchaseTopup(amount);
 * ```
 */
export function isTopupAmount(value: unknown): value is TopupCredits {
  return (purchaseTopupRequestCreditsValues as readonly unknown[]).includes(value);
}
