// createBillingClient: openapi-fetch with auth, timeout and retry, and one typed method per operation.
import createClient, { type Client, type Middleware } from "openapi-fetch";
import { purchaseTopupRequestCreditsValues, servers, type paths } from "../generated/billing.js";
import { operations } from "../generated/operations.js";
import { resolveConfig, type BillingClientOptions } from "./internal/config.js";
import { errorFromFault, errorFromResponse, invalidSuccess, type Call } from "./internal/error-mapping.js";
import { ValidationError } from "./errors.js";
import { newIdempotencyKey, checkIdempotencyKey } from "./internal/idempotency-key.js";
import { createTransport, PlainRequest } from "./internal/transport.js";
import type { CreditsInfo, TopupCredits, TopupReceipt } from "./types.js";
import { waitForCredits, type WaitForCreditsOptions } from "./internal/wait-for-credits.js";
import { VERSION } from "./version.js";

export type CallOptions = {
  /** Cancels the call, retries and backoff included; rejects with the signal's reason (an AbortError). */
  signal?: AbortSignal;
  /** Extra request headers (for example `Prefer` against the mock). Authorization is always the client's. */
  headers?: Record<string, string>;
};

export type TopupOptions = CallOptions & {
  /** Sent as `Idempotency-Key`. Default: a fresh random UUID. 1–255 printable ASCII characters. */
  idempotencyKey?: string;
  /**
   * Default `"never"`: a top-up is sent once. `"same-key"` retries it with the same Idempotency-Key (up to
   * `maxRetries`) on connection errors, timeouts, 409, 429 without a cooldown body, and 503 only: the outcomes
   * the vendor documents as not using the key up. Never on the cooldown or another 4xx. The vendor documents
   * idempotency for POST requests without naming this endpoint: opt in knowing that.
   */
  retry?: "never" | "same-key";
};

/** The API's receipt, with the Idempotency-Key it was bought under. */
export type TopupResult = TopupReceipt & { idempotencyKey: string };

export type BillingClient = ReturnType<typeof createBillingClient>;

/** The spec's first server: where the client goes when neither `baseUrl` nor OLOSTEP_BASE_URL says otherwise. */
export const DEFAULT_BASE_URL = servers[0].url;

type Sent = { data?: unknown; error?: unknown; response: { ok: boolean; status: number; headers: Headers } };

export function createBillingClient(options: BillingClientOptions = {}) {
  const env = typeof process === "undefined" ? {} : process.env;
  const config = resolveConfig(options, env, DEFAULT_BASE_URL);
  const transportOptions = { ...config, headers: authHeaders(config.apiKey, config.userAgent) };
  // Auth lives in the transport rather than in an openapi-fetch middleware: the same effect for `raw`, without
  // the middleware machinery's per-call cost (see bench/results.md). The key stays in that closure only.
  const raw: Client<paths> = createClient<paths>({ baseUrl: config.baseUrl, fetch: createTransport(transportOptions) });
  const sameKeyTransport = createTransport(transportOptions, true);
  const secrets = [config.apiKey];

  // Middleware sees real Request and Response objects; without any, the typed methods skip building them.
  const middleware = new Set<Middleware>();
  const { use, eject } = raw;
  raw.use = (...added) => (added.forEach((m) => middleware.add(m)), use(...added));
  raw.eject = (...removed) => (removed.forEach((m) => middleware.delete(m)), eject(...removed));
  const requestClass = () => (middleware.size ? undefined : (PlainRequest as unknown as typeof Request));

  /** Runs one operation: the data on 2xx, otherwise the error class its status or fault maps to. */
  async function call<T>(where: Call, send: () => Promise<Sent>): Promise<T> {
    try {
      const { data, error, response } = await send();
      if (!response.ok) throw errorFromResponse(where, response, error);
      return parseJsonObject<T>(where, response.status, data);
    } catch (fault) {
      throw errorFromFault({ ...where, timeoutMs: config.timeoutMs }, fault);
    }
  }

  /** The team's balance, lots, plan and whether usage is allowed. Retried on transient failures. */
  function getCreditsInfo(callOptions: CallOptions = {}): Promise<CreditsInfo> {
    const { method, path } = operations["GET /user/credits/info"];
    return call({ method, path, secrets }, () =>
      raw.GET(path, { signal: callOptions.signal, headers: callOptions.headers, parseAs: "text", Request: requestClass() }),
    );
  }

  /**
   * Charges the team's saved card and buys `credits`, under an Idempotency-Key (yours, or a fresh UUID). Sent once
   * unless `retry: "same-key"`. If it fails in flight, the charge may or may not have happened: retry with the same
   * key (`error.idempotencyKey`). The credits arrive later (Stripe's webhook): `waitForCredits` sees them land.
   */
  async function purchaseTopup(credits: TopupCredits, topupOptions: TopupOptions = {}): Promise<TopupResult> {
    const { method, path } = operations["POST /user/purchase-topup"];
    const idempotencyKey = topupOptions.idempotencyKey ?? newIdempotencyKey();
    const where: Call = { method, path, idempotencyKey, secrets };
    checkIdempotencyKey(idempotencyKey, where);
    // Callers from JavaScript get no compile-time check; the spec's enum is enforced before anything is sent.
    if (!(purchaseTopupRequestCreditsValues as readonly unknown[]).includes(credits)) {
      const allowed = purchaseTopupRequestCreditsValues.join(", ");
      throw new ValidationError(`credits must be one of ${allowed}, not ${String(credits)}; nothing was sent`, where);
    }
    const receipt = await call<TopupReceipt>(where, () =>
      raw.POST(path, {
        body: { credits },
        params: { header: { "Idempotency-Key": idempotencyKey } },
        signal: topupOptions.signal,
        headers: topupOptions.headers,
        parseAs: "text",
        Request: requestClass(),
        fetch: topupOptions.retry === "same-key" ? sameKeyTransport : undefined,
      }),
    );
    return { ...receipt, idempotencyKey };
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

/** A keyless client (a browser talking to its own server's route) sends no Authorization and no User-Agent. */
function authHeaders(apiKey: string, userAgent: string | undefined): Record<string, string> {
  if (!apiKey) return { Accept: "application/json" };
  return {
    Authorization: `Bearer ${apiKey}`,
    Accept: "application/json",
    "User-Agent": `olostep-billing/${VERSION}${userAgent ? ` ${userAgent}` : ""}`,
  };
}

/** The body of a 2xx, read as text by openapi-fetch: it must be a JSON object. */
function parseJsonObject<T>(where: Call, status: number, text: unknown): T {
  if (typeof text !== "string" || text.trim() === "") throw invalidSuccess(where, status, "an empty body");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw invalidSuccess(where, status, "a body that is not JSON", error);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw invalidSuccess(where, status, "a body that is not a JSON object");
  return parsed as T;
}
