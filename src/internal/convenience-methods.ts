// Which of the spec's operations have a method of their own on the client. Any other operation the spec documents is
// reached through `raw` (openapi-fetch, typed from the spec) until someone writes one: spec:update and spec:pull name
// them, and the contract tests call them through `raw`.
import type { OperationName } from "../../generated/operations.js";
import type { BillingClient } from "../client.js";

export const CONVENIENCE_METHODS = {
  "GET /user/credits/info": "getCreditsInfo",
  "POST /user/purchase-topup": "purchaseTopup",
} as const satisfies Partial<Record<OperationName, keyof BillingClient>>;

/** The operations of `names` that have no method of their own yet, in the order given. */
export function withoutConvenienceMethod(names: readonly string[]): string[] {
  return names.filter((name) => !Object.hasOwn(CONVENIENCE_METHODS, name));
}
