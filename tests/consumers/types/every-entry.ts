// A consumer of every entry point but olostep-billing/msw (msw-entry.ts), strict, with the package's declarations
// fully checked (skipLibCheck: false). The test compiles it as an ES module (nodenext) and as CommonJS (node16), with
// TypeScript 5.9 and 7. From CommonJS, the widget (an ES module for browsers) is a type import with resolution-mode.
import { createBillingClient, createCreditsClient, InsufficientCreditsError, type CreditsInfo, type TopupResult } from "olostep-billing";
import { createBillingHandler, toNodeHandler, type Authorize } from "olostep-billing/server";
import { startMock, type RunningMock } from "olostep-billing/mock";
import type { OlostepCreditsElement } from "olostep-billing/widget";
import { ERROR_CODES, isTopupAmount, readCredits, type ErrorCode } from "olostep-billing";

export async function everything(mock: RunningMock): Promise<[number | undefined, string, TopupResult["idempotencyKey"]]> {
  const billing = createBillingClient({ apiKey: "k", baseUrl: mock.url, timeoutMs: 5_000, maxRetryAfterMs: 0 });
  const info: CreditsInfo = await createCreditsClient({ apiKey: "k", baseUrl: mock.url }).getCreditsInfo();
  const receipt = await billing.purchaseTopup(10000, { idempotencyKey: "order-1" });
  const raw = await billing.raw.GET("/user/credits/info");
  const authorize: Authorize = (request, { operation }) => operation === "read" || request.headers.get("x-admin") === "1";
  const node = toNodeHandler(createBillingHandler({ apiKey: "k", authorize, allowTopup: true, maxAgeSeconds: 10 }));
  const element: OlostepCreditsElement | undefined = undefined;
  void [node, element, raw.data?.credits, new InsufficientCreditsError("x", { method: "GET", path: "/" }).code];
  return [info.credits, receipt.payment_intent_id ?? "", receipt.idempotencyKey];
}

export const started: Promise<RunningMock> = startMock({ settleMs: 0 });

/** The types that guide: numbers from readCredits, an amount through isTopupAmount, a code compared by name. */
export async function guided(info: CreditsInfo, amount: number, error: InsufficientCreditsError): Promise<[number, ErrorCode | undefined]> {
  const { credits, active_subscription } = readCredits(info);
  if (isTopupAmount(amount)) await createBillingClient({ apiKey: "k" }).purchaseTopup(amount);
  return [credits + active_subscription.id.length, error.code === ERROR_CODES.creditsExhausted ? error.code : undefined];
}
