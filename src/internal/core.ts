// What every client shares: its resolved options, openapi-fetch over the transport, and one way to run an operation.
import createClient from "openapi-fetch";
import type { RawClient, RawMiddleware } from "./openapi-fetch-types.js";
import { servers, type paths } from "../../generated/billing.js";
import { resolveConfig, type BillingClientOptions } from "./config.js";
import { errorFromFault, errorFromResponse, invalidSuccess, type Call } from "./error-mapping.js";
import { createTransport, PlainRequest, type Transport, type TransportOptions } from "./transport.js";
import { VERSION } from "../version.js";

/** The spec's first server: where the client goes when neither `baseUrl` nor OLOSTEP_BASE_URL says otherwise. */
export const DEFAULT_BASE_URL = servers[0].url;

type Sent = { data?: unknown; error?: unknown; response: { ok: boolean; status: number; headers: Headers } };
type Fetch = NonNullable<Parameters<typeof createClient>[0]>["fetch"];

/** What every client shares: named types only, so that no declaration of ours spells out openapi-fetch's own. */
export type Core = {
  client: RawClient;
  call<T>(where: Call, send: (Request: typeof globalThis.Request | undefined) => Promise<Sent>): Promise<T>;
  secrets: readonly string[];
  middleware: Set<RawMiddleware>;
  transportOptions: TransportOptions;
};

/** `adapt`: what the full client wraps the transport in so that `raw` may send real Requests. */
export function createCore(options: BillingClientOptions, adapt: (transport: Transport) => unknown = (transport) => transport): Core {
  const config = resolveConfig(options, typeof process === "undefined" ? {} : process.env, DEFAULT_BASE_URL);
  const transportOptions: TransportOptions = { ...config, headers: authHeaders(config.apiKey, config.userAgent) };
  // Auth lives in the transport rather than in an openapi-fetch middleware: the same effect for `raw`, without
  // the middleware machinery's per-call cost (see bench/results.md). The key stays in that closure only.
  // The same client, typed from openapi-fetch's ES module declarations (openapi-fetch-types.ts says why).
  const client = createClient<paths>({ baseUrl: config.baseUrl, fetch: adapt(createTransport(transportOptions)) as Fetch }) as unknown as RawClient;
  const secrets = [config.apiKey];
  /** Middleware installed through `raw.use()`: while there is any, typed calls build real Requests for it. */
  const middleware = new Set<RawMiddleware>();

  /** Runs one operation: the data on 2xx, otherwise the error class its status or fault maps to. */
  async function call<T>(where: Call, send: (Request: typeof globalThis.Request | undefined) => Promise<Sent>): Promise<T> {
    try {
      const { data, error, response } = await send(middleware.size ? undefined : (PlainRequest as unknown as typeof Request));
      if (!response.ok) throw errorFromResponse(where, response, error);
      return parseJsonObject<T>(where, response.status, data);
    } catch (fault) {
      throw errorFromFault({ ...where, timeoutMs: config.timeoutMs }, fault);
    }
  }

  return { client, call, secrets, middleware, transportOptions };
}

/** A keyless client (a browser talking to its own server's route) sends no Authorization and no User-Agent. */
function authHeaders(apiKey: string, userAgent: string | undefined): Record<string, string> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (apiKey) {
    headers.Authorization = `Bearer ${apiKey}`;
    headers["User-Agent"] = `olostep-billing/${VERSION}${userAgent ? ` ${userAgent}` : ""}`;
  }
  return headers;
}

/** The body of a 2xx, read as text by openapi-fetch: it must be a JSON object. */
function parseJsonObject<T>(where: Call, status: number, text: unknown): T {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text as string);
  } catch (error) {
    throw invalidSuccess(where, status, typeof text === "string" && text.trim() ? "a body that is not JSON" : "an empty body", error);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw invalidSuccess(where, status, "a body that is not a JSON object");
  return parsed as T;
}
