// Client options from arguments and environment, with defaults; refuses options that cannot work or are unsafe.
import { ConfigurationError } from "../errors.js";
import { HEADER_VALUE_RULE, isHeaderValue } from "./header-value.js";
import { RETRY_DEFAULTS } from "./retry.js";
import type { FetchLike } from "./transport.js";

/** What `createBillingClient()` and `createCreditsClient()` take; every field has a default. */
export type BillingClientOptions = {
  /** Default: `process.env.OLOSTEP_API_KEY`. Must be a valid header value (printable ASCII, no spaces at the ends). */
  apiKey?: string;
  /**
   * Default: `process.env.OLOSTEP_BASE_URL`, else the spec's first server. No user name or password in it. A path
   * such as `/api/billing` (in a browser) means your own server's route (createBillingHandler), which holds the key:
   * the client then sends no key at all, and refuses one.
   */
  baseUrl?: string;
  /** Per attempt, headers and body together. Default 30 000; at most 2 147 483 647 (the runtime's longest timer). */
  timeoutMs?: number;
  /** Extra attempts for idempotent requests (GET, HEAD) only. Default 2. */
  maxRetries?: number;
  /**
   * The longest `Retry-After` the client waits for before a retry. A server asking for longer gets no retry: the
   * error comes at once, with `retryAfterSeconds`. Default 60 000; 0 never waits on `Retry-After` (a server route
   * that must answer its viewers at once, for example).
   */
  maxRetryAfterMs?: number;
  /**
   * Any fetch-compatible function, called as `fetch(url, init)`. Default: `globalThis.fetch` as it is at the time of
   * each call, so that a mock installed later (MSW's `setupServer().listen()`) still sees the client's requests.
   */
  fetch?: FetchLike;
  /** Appended to the package's own User-Agent. */
  userAgent?: string;
  /** Receives one line per retry (method, path, status, wait); never the key. */
  log?: (line: string) => void;
};

/** `apiKey` is "" for a keyless client (a relative baseUrl). */
export type ResolvedConfig = Required<Omit<BillingClientOptions, "userAgent" | "log">> &
  Pick<BillingClientOptions, "userAgent" | "log">;

/** The longest delay setTimeout keeps; longer ones fire at once (with a warning), so they are refused instead. */
export const MAX_TIMER_MS = 2_147_483_647;

/** The client's defaults, for code that wants to show or derive from them. */
export const CONFIG_DEFAULTS = {
  /** Each attempt's time limit. */
  timeoutMs: 30_000,
  /** Extra attempts for reads. */
  maxRetries: RETRY_DEFAULTS.maxRetries,
  /** The longest `Retry-After` waited for. */
  maxRetryAfterMs: RETRY_DEFAULTS.maxRetryAfterMs,
} as const;

const LOOPBACK_HOSTS = new Set(["localhost", "[::1]"]);

/** `env` is passed in so that browsers (no `process`) and tests can supply their own. */
export function resolveConfig(
  options: BillingClientOptions,
  env: Record<string, string | undefined>,
  defaultBaseUrl: string,
): ResolvedConfig {
  const givenBaseUrl = options.baseUrl ?? env.OLOSTEP_BASE_URL ?? defaultBaseUrl;
  // A same-origin route of the caller's own server adds the key there; nothing here may carry one.
  // A path only: "//host" is protocol-relative, another origin, and is refused as any non-absolute URL is.
  const keyless = givenBaseUrl.startsWith("/") && !givenBaseUrl.startsWith("//");
  if (keyless && options.apiKey !== undefined) {
    refuse("A relative baseUrl is your own server's route, which adds the key there: pass no apiKey");
  }
  const apiKey = keyless ? "" : (options.apiKey ?? env.OLOSTEP_API_KEY ?? "");
  if (!keyless && !apiKey) refuse("No API key: pass apiKey or set OLOSTEP_API_KEY");
  if (apiKey && !isHeaderValue(apiKey)) refuse(`The API key is not a valid header value (the key itself is not shown): it must be ${HEADER_VALUE_RULE}`);
  const baseUrl = (keyless ? givenBaseUrl : checkBaseUrl(givenBaseUrl)).replace(/\/+$/, "");
  const timeoutMs = options.timeoutMs ?? CONFIG_DEFAULTS.timeoutMs;
  const maxRetries = options.maxRetries ?? CONFIG_DEFAULTS.maxRetries;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? CONFIG_DEFAULTS.maxRetryAfterMs;
  const problem =
    delayProblem("timeoutMs", timeoutMs, 1) ??
    (Number.isInteger(maxRetries) && maxRetries >= 0 ? undefined : `maxRetries must be a whole number from 0, not ${String(maxRetries)}`) ??
    delayProblem("maxRetryAfterMs", maxRetryAfterMs) ??
    (typeof (options.fetch ?? globalThis.fetch) === "function" ? undefined : "No fetch: pass a fetch-compatible function as options.fetch");
  if (problem) refuse(problem);
  const fetch = options.fetch ?? globalFetch;
  return { apiKey, baseUrl, timeoutMs, maxRetries, maxRetryAfterMs, fetch, userAgent: options.userAgent, log: options.log };
}

/** The runtime's fetch, looked up on every call: test tools (MSW, nock) replace it after clients are made. */
const globalFetch: FetchLike = (input, init) => globalThis.fetch(input, init);

function refuse(message: string): never {
  throw new ConfigurationError(message);
}

/** Why `value` is not a number of milliseconds from `min` to MAX_TIMER_MS; undefined when it is one. */
export function delayProblem(name: string, value: unknown, min = 0): string | undefined {
  if (typeof value === "number" && value >= min && value <= MAX_TIMER_MS) return undefined;
  return `${name} must be a number of milliseconds from ${min} to ${MAX_TIMER_MS}, not ${String(value)}`;
}

function checkBaseUrl(value: string): string {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  const shown = `baseUrl "${withoutCredentials(value)}"`;
  if (url?.protocol !== "https:" && url?.protocol !== "http:") refuse(`${shown} is not an absolute http(s) URL`);
  if (url.username || url.password) refuse(`${shown} carries a user name or password; the API key is the only credential`);
  // The bearer key travels in every request: plain http is only acceptable when it never leaves the machine.
  if (url.protocol === "http:" && !isLoopback(url.hostname)) {
    refuse(`${shown} would send the API key in clear text; use https (http only to a loopback host)`);
  }
  return value;
}

/** The URL as given, minus anything before an `@` in its authority, parseable or not. */
function withoutCredentials(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^/?#@]*@/i, "$1");
}

function isLoopback(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);
}
