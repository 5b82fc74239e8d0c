// Compile-time checks (run by `npm run typecheck`): the types that guide a caller. Each @ts-expect-error is a misuse
// that must stay a compile error; the lines without one are the uses that must keep compiling.
import {
  BillingError,
  createBillingClient,
  ERROR_CODES,
  isTopupAmount,
  readCredits,
  TOPUP_CREDITS,
  type CreditsInfo,
  type CreditsReading,
  type ErrorCode,
  type TopupCredits,
} from "../../src";
import type { components } from "../../generated/billing";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assertType = <T extends true>(): T | undefined => undefined;

export function errorCodes(error: BillingError): void {
  // Every documented code is one of the union's named members (what an editor offers), and any other string fits.
  assertType<Equal<(typeof ERROR_CODES)[keyof typeof ERROR_CODES] extends ErrorCode ? true : false, true>>();
  assertType<Equal<typeof error.code, ErrorCode | undefined>>();
  const unknownToUs: ErrorCode = "rate_limit_exceeded_v2";
  if (error.code === ERROR_CODES.creditsExhausted || error.code === "ECONNREFUSED") void unknownToUs;
  // @ts-expect-error a code that may be unknown (or absent) is not one of the documented ones
  const documented: (typeof ERROR_CODES)[keyof typeof ERROR_CODES] = error.code;
  // @ts-expect-error nor is it a number
  const numeric: number = error.code;
  void documented;
  void numeric;
}

export async function topupAmounts(fromAForm: number): Promise<void> {
  const billing = createBillingClient({ apiKey: "k" });
  // The guard's amounts are the spec's enum, generated.
  assertType<Equal<TopupCredits, components["schemas"]["PurchaseTopupRequest"]["credits"]>>();
  assertType<Equal<(typeof TOPUP_CREDITS)[number], TopupCredits>>();
  // @ts-expect-error a number from a form is not an amount a top-up may buy
  await billing.purchaseTopup(fromAForm);
  // @ts-expect-error nor is an amount outside the enum
  await billing.purchaseTopup(12_345);
  if (isTopupAmount(fromAForm)) {
    assertType<Equal<typeof fromAForm, TopupCredits>>();
    await billing.purchaseTopup(fromAForm);
  }
  const fromJson: unknown = JSON.parse("10000");
  if (isTopupAmount(fromJson)) await billing.purchaseTopup(fromJson);
}

export async function creditsAsNumbers(): Promise<void> {
  const billing = createBillingClient({ apiKey: "k" });
  const info = await billing.getCreditsInfo();
  // The raw answer stays the spec's: every field optional.
  assertType<Equal<typeof info, CreditsInfo>>();
  // @ts-expect-error the spec's credits may be absent: no number without a default
  const raw: number = info.credits;
  void raw;
  const reading = readCredits(info);
  assertType<Equal<typeof reading, CreditsReading>>();
  const { credits, allow_usage, breakdown, active_subscription } = reading;
  const total: number = credits + (breakdown[0]?.remaining_units ?? 0) + (breakdown[0]?.allocated_units ?? 0);
  // @ts-expect-error allow_usage is undefined when the API did not say it: no boolean without deciding what unknown means
  const allowed: boolean = allow_usage;
  const decided: boolean = allow_usage === true;
  const plan: string = active_subscription.id;
  void [total, allowed, decided, plan];
  // @ts-expect-error the lot's kind stays the spec's enum (and may be absent)
  const kind: "Gift" = breakdown[0]!.purchase_kind;
  void kind;
  // @ts-expect-error readCredits reads the API's answer, not anything
  readCredits({ credits: "12500" });
  // @ts-expect-error a misspelt field is still a compile error
  void reading.credit;
}
