// createBillingClient: openapi-fetch with auth, timeout and retry, and one typed method per operation.
import createClient, { type Client } from "openapi-fetch";
import { purchaseTopupRequestCreditsValues, servers, type paths } from "../generated/billing.js";
import { resolveConfig, type BillingClientOptions } from "./config.js";
import { errorFromFault, errorFromResponse } from "./error-mapping.js";
import { InvalidResponseError, ValidationError } from "./errors.js";
import { createTransport } from "./transport.js";
import type { CreditsInfo, TopupCredits, TopupReceipt } from "./types.js";
import { waitForCredits, type WaitForCreditsOptions } from "./wait-for-credits.js";
import { VERSION } from "./version.js";

export type CallOptions = {
  /** Cancels the call, retries and backoff included; rejects with an AbortError. */
  signal?: AbortSignal;
  /** Extra request headers (for example `Prefer` against the mock). Authorization is always the client's. */
  headers?: Record<string, string>;
};

export type BillingClient = ReturnType<typeof createBillingClient>;

export function createBillingClient(options: BillingClientOptions = {}) {
  const env = typeof process === "undefined" ? {} : process.env;
  const config = resolveConfig(options, env, servers[0].url);
  // Auth lives in the transport rather than in an openapi-fetch middleware: the same effect for `raw`, without
  // the middleware machinery's per-call cost (see bench/results.md). The key stays in that closure only.
  const raw: Client<paths> = createClient<paths>({
    baseUrl: config.baseUrl,
    fetch: createTransport({ ...config, headers: authHeaders(config.apiKey, config.userAgent) }),
  });

  /** Runs one operation: the data on 2xx, otherwise the error class its status or fault maps to. */
  async function call<T>(method: string, path: string, send: () => Promise<{ data?: unknown; error?: unknown; response: Response }>): Promise<T> {
    const where = { method, path };
    try {
      const { data, error, response } = await send();
      if (!response.ok) throw errorFromResponse(where, response, error, config.apiKey);
      return parseJsonObject<T>(where, response.status, data);
    } catch (fault) {
      throw errorFromFault({ ...where, timeoutMs: config.timeoutMs }, fault);
    }
  }

  /** The team's balance, lots, plan and whether usage is allowed. Retried on transient failures. */
  function getCreditsInfo(callOptions: CallOptions = {}): Promise<CreditsInfo> {
    return call("GET", "/user/credits/info", () =>
      raw.GET("/user/credits/info", { signal: callOptions.signal, headers: callOptions.headers, parseAs: "text" }),
    );
  }

  /**
   * Charges the team's saved card and buys `credits`. Sent at most once, never retried: on a timeout or a
   * broken connection the charge may or may not have happened, so check the balance before trying again.
   * The credits arrive later (Stripe's webhook): use `waitForCredits` to see them land.
   */
  async function purchaseTopup(credits: TopupCredits, callOptions: CallOptions = {}): Promise<TopupReceipt> {
    const path = "/user/purchase-topup";
    // Callers from JavaScript get no compile-time check; the spec's enum is enforced before anything is sent.
    if (!(purchaseTopupRequestCreditsValues as readonly unknown[]).includes(credits)) {
      const allowed = purchaseTopupRequestCreditsValues.join(", ");
      throw new ValidationError(`credits must be one of ${allowed}, not ${String(credits)}; nothing was sent`, { method: "POST", path });
    }
    return call("POST", path, () =>
      raw.POST(path, { body: { credits }, signal: callOptions.signal, headers: callOptions.headers, parseAs: "text" }),
    );
  }

  return {
    getCreditsInfo,
    purchaseTopup,
    /** Polls `getCreditsInfo` until `credits >= atLeast`; rejects with TimeoutError naming the last balance seen. */
    waitForCredits: (waitOptions: WaitForCreditsOptions) => waitForCredits(getCreditsInfo, waitOptions),
    /** The openapi-fetch client underneath, with the same auth, timeout and retry; returns `{ data, error, response }`. */
    raw,
  };
}

function authHeaders(apiKey: string, userAgent: string | undefined): Record<string, string> {
  return {
    Authorization: `Bearer ${apiKey}`,
    Accept: "application/json",
    "User-Agent": `olostep-billing/${VERSION}${userAgent ? ` ${userAgent}` : ""}`,
  };
}

/** The body of a 2xx, read as text by openapi-fetch: it must be a JSON object. */
function parseJsonObject<T>(where: { method: string; path: string }, status: number, text: unknown): T {
  const fail = (what: string, cause?: unknown) =>
    new InvalidResponseError(`${where.method} ${where.path} returned status ${status} with ${what}`, {
      ...where,
      status,
      cause,
    });
  if (typeof text !== "string" || text.trim() === "") throw fail("an empty body");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw fail("a body that is not JSON", error);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw fail("a body that is not a JSON object");
  return parsed as T;
}
