// The two clients: createCreditsClient reads the balance and cannot buy; createBillingClient adds the top-up and
// waitForCredits. An app that only reads imports the first and bundles none of the money-moving code.
import { getUserCreditsInfo } from "../generated/operations.js";
import type { BillingClientOptions } from "./internal/config.js";
import { createCore, type Core } from "./internal/core.js";
import { acceptRealRequests, trackMiddleware } from "./internal/raw-client.js";
import type { CallOptions } from "./internal/call-options.js";
import { topupMethod } from "./internal/topup.js";
import type { RawClient } from "./internal/openapi-fetch-types.js";
import type { TopupOptions, TopupResult } from "./internal/topup.js";
import type { CreditsInfo, TopupCredits } from "./types.js";
import { waitForCredits, type WaitForCreditsOptions } from "./internal/wait-for-credits.js";

export { DEFAULT_BASE_URL } from "./internal/core.js";
export type { CallOptions } from "./internal/call-options.js";
export type { TopupOptions, TopupResult } from "./internal/topup.js";

/** What `createCreditsClient()` returns: reads the balance, and cannot buy. */
export type CreditsClient = {
  /**
   * The team's balance, lots, plan and whether usage is allowed (`GET /user/credits/info`). Retried on 429, 5xx,
   * timeouts and connection errors, up to `maxRetries`; rejects with a BillingError subclass.
   */
  getCreditsInfo(options?: CallOptions): Promise<CreditsInfo>;
};

/** What `createBillingClient()` returns: reads, buys, and waits for the credits to land. */
export type BillingClient = CreditsClient & {
  /**
   * Charges the team's saved card and buys `credits` (`POST /user/purchase-topup`), under an Idempotency-Key (yours,
   * or a fresh UUID). Sent once unless `retry: "same-key"`. If it fails in flight, the charge may or may not have
   * happened: retry with the same key (`error.idempotencyKey`). The credits arrive later (Stripe's webhook):
   * `waitForCredits` sees them land.
   */
  purchaseTopup(credits: TopupCredits, options?: TopupOptions): Promise<TopupResult>;
  /** Polls `getCreditsInfo` until `credits >= atLeast`; rejects with a TimeoutError naming the last balance seen. */
  waitForCredits(options: WaitForCreditsOptions): Promise<CreditsInfo>;
  /** The openapi-fetch client underneath, with the same auth, timeout and retry; returns `{ data, error, response }`. */
  raw: RawClient;
};

/**
 * A read-only client: `getCreditsInfo` only, with the same auth, timeout, retries and errors. It has no `raw` (which
 * could POST), so it cannot buy. For dashboards, pre-flight checks and browsers.
 *
 * @throws ConfigurationError when no key is given or set in `OLOSTEP_API_KEY`, or an option cannot work.
 */
export function createCreditsClient(options: BillingClientOptions = {}): CreditsClient {
  return { getCreditsInfo: creditsMethod(createCore(options)) };
}

/**
 * The client: reads the balance, buys credits once per Idempotency-Key, and waits for them to land. The key comes
 * from `options.apiKey` or `OLOSTEP_API_KEY`, and never appears in an error, a log or `JSON.stringify`.
 *
 * @throws ConfigurationError when no key is given or set in `OLOSTEP_API_KEY`, or an option cannot work.
 */
export function createBillingClient(options: BillingClientOptions = {}): BillingClient {
  const core = createCore(options, acceptRealRequests);
  const getCreditsInfo = creditsMethod(core);
  return {
    getCreditsInfo,
    purchaseTopup: topupMethod(core),
    waitForCredits: (waitOptions) => waitForCredits(getCreditsInfo, waitOptions),
    raw: trackMiddleware(core.client, core.middleware),
  };
}

function creditsMethod({ client, call, secrets }: Core) {
  const { method, path } = getUserCreditsInfo;
  return (options: CallOptions = {}): Promise<CreditsInfo> =>
    call({ method, path, secrets }, (Request) => client.GET(path, { signal: options.signal, headers: options.headers, parseAs: "text", Request }));
}
