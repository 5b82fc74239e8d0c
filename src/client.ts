// The two clients: createCreditsClient reads the balance and cannot buy; createBillingClient adds the top-up and
// waitForCredits. An app that only reads imports the first and bundles none of the money-moving code.
import { getUserCreditsInfo } from "../generated/operations.js";
import type { BillingClientOptions } from "./internal/config.js";
import { createCore, type Core } from "./internal/core.js";
import { acceptRealRequests, trackMiddleware } from "./internal/raw-client.js";
import type { CallOptions } from "./internal/call-options.js";
import { topupMethod } from "./internal/topup.js";
import type { CreditsInfo } from "./types.js";
import { waitForCredits, type WaitForCreditsOptions } from "./internal/wait-for-credits.js";

export { DEFAULT_BASE_URL } from "./internal/core.js";
export type { CallOptions } from "./internal/call-options.js";
export type { TopupOptions, TopupResult } from "./internal/topup.js";

export type CreditsClient = ReturnType<typeof createCreditsClient>;
export type BillingClient = ReturnType<typeof createBillingClient>;

/**
 * A read-only client: `getCreditsInfo` only, with the same auth, timeout, retries and errors. It has no `raw` (which
 * could POST), so it cannot buy. For dashboards, pre-flight checks and browsers.
 */
export function createCreditsClient(options: BillingClientOptions = {}) {
  return { getCreditsInfo: creditsMethod(createCore(options)) };
}

export function createBillingClient(options: BillingClientOptions = {}) {
  const core = createCore(options, acceptRealRequests);
  const getCreditsInfo = creditsMethod(core);
  return {
    getCreditsInfo,
    /**
     * Charges the team's saved card and buys `credits`, under an Idempotency-Key (yours, or a fresh UUID). Sent once
     * unless `retry: "same-key"`. If it fails in flight, the charge may or may not have happened: retry with the same
     * key (`error.idempotencyKey`). The credits arrive later (Stripe's webhook): `waitForCredits` sees them land.
     */
    purchaseTopup: topupMethod(core),
    /** Polls `getCreditsInfo` until `credits >= atLeast`; rejects with TimeoutError naming the last balance seen. */
    waitForCredits: (waitOptions: WaitForCreditsOptions) => waitForCredits(getCreditsInfo, waitOptions),
    /** The openapi-fetch client underneath, with the same auth, timeout and retry; returns `{ data, error, response }`. */
    raw: trackMiddleware(core.client, core.middleware),
  };
}

function creditsMethod({ client, call, secrets }: Core) {
  const { method, path } = getUserCreditsInfo;
  /** The team's balance, lots, plan and whether usage is allowed. Retried on transient failures. */
  return (options: CallOptions = {}): Promise<CreditsInfo> =>
    call({ method, path, secrets }, (Request) => client.GET(path, { signal: options.signal, headers: options.headers, parseAs: "text", Request }));
}
