// Compile-time checks (run by `npm run typecheck`): the client's types are the generated ones.
import { createBillingClient, createCreditsClient, type CreditsInfo, type PurchaseKind } from "../../src";
import type { components } from "../../generated/billing";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assertType = <T extends true>(): T | undefined => undefined;

export async function typeChecks(): Promise<void> {
  const billing = createBillingClient({ apiKey: "k" });
  const info = await billing.getCreditsInfo();
  assertType<Equal<typeof info, components["schemas"]["CreditsInfoResponse"]>>();
  assertType<Equal<CreditsInfo, components["schemas"]["CreditsInfoResponse"]>>();
  assertType<Equal<PurchaseKind, "Subscription" | "Top-up" | "Manual" | "Setup" | "Pending">>();
  const credits: number | undefined = info.credits;
  // @ts-expect-error a misspelt field is a compile error
  void info.credit;
  // @ts-expect-error the lot's kind is an enum, not any string
  const kind: PurchaseKind = "Gift";
  void credits;
  void kind;

  const reader = createCreditsClient({ apiKey: "k" });
  assertType<Equal<Awaited<ReturnType<typeof reader.getCreditsInfo>>, CreditsInfo>>();
  // @ts-expect-error the read-only client cannot buy
  void reader.purchaseTopup;
  // @ts-expect-error nor reach openapi-fetch, which could POST
  void reader.raw;
}
