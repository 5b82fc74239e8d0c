// Client options from arguments and environment, with defaults; refuses options that cannot work or are unsafe.
import { ConfigurationError } from "./errors.js";

export type BillingClientOptions = {
  /** Default: `process.env.OLOSTEP_API_KEY`. */
  apiKey?: string;
  /** Default: `process.env.OLOSTEP_BASE_URL`, else the spec's first server. */
  baseUrl?: string;
  /** Per attempt, headers and body together. Default 30 000. */
  timeoutMs?: number;
  /** Extra attempts for idempotent requests (GET, HEAD) only. Default 2. */
  maxRetries?: number;
  /** Any fetch-compatible function, called as `fetch(url, init)`. Default `globalThis.fetch`. */
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
  /** Appended to the package's own User-Agent. */
  userAgent?: string;
  /** Receives one line per retry (method, path, status, wait); never the key. */
  log?: (line: string) => void;
};

export type ResolvedConfig = Required<Omit<BillingClientOptions, "userAgent" | "log">> &
  Pick<BillingClientOptions, "userAgent" | "log">;

export const CONFIG_DEFAULTS = { timeoutMs: 30_000, maxRetries: 2 } as const;

const LOOPBACK_HOSTS = new Set(["localhost", "[::1]"]);

/** `env` is passed in so that browsers (no `process`) and tests can supply their own. */
export function resolveConfig(
  options: BillingClientOptions,
  env: Record<string, string | undefined>,
  defaultBaseUrl: string,
): ResolvedConfig {
  const apiKey = options.apiKey ?? env.OLOSTEP_API_KEY;
  if (!apiKey) {
    throw new ConfigurationError("No API key: pass apiKey to createBillingClient or set OLOSTEP_API_KEY");
  }
  const baseUrl = checkBaseUrl(options.baseUrl ?? env.OLOSTEP_BASE_URL ?? defaultBaseUrl);
  const timeoutMs = options.timeoutMs ?? CONFIG_DEFAULTS.timeoutMs;
  if (!(Number.isFinite(timeoutMs) && timeoutMs > 0)) {
    throw new ConfigurationError(`timeoutMs must be a positive number of milliseconds, not ${String(timeoutMs)}`);
  }
  const maxRetries = options.maxRetries ?? CONFIG_DEFAULTS.maxRetries;
  if (!(Number.isInteger(maxRetries) && maxRetries >= 0)) {
    throw new ConfigurationError(`maxRetries must be a whole number from 0, not ${String(maxRetries)}`);
  }
  const fetchImpl = options.fetch ?? globalThis.fetch?.bind(globalThis);
  if (typeof fetchImpl !== "function") {
    throw new ConfigurationError("No fetch: pass a fetch-compatible function as options.fetch");
  }
  return { apiKey, baseUrl, timeoutMs, maxRetries, fetch: fetchImpl, userAgent: options.userAgent, log: options.log };
}

function checkBaseUrl(value: string): string {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (url?.protocol !== "https:" && url?.protocol !== "http:") {
    throw new ConfigurationError(`baseUrl must be an absolute http(s) URL, not "${value}"`);
  }
  // The bearer key travels in every request: plain http is only acceptable when it never leaves the machine.
  if (url.protocol === "http:" && !isLoopback(url.hostname)) {
    throw new ConfigurationError(
      `baseUrl "${url.origin}" would send the API key in clear text; use https, or http only to a loopback host`,
    );
  }
  return value.replace(/\/+$/, "");
}

function isLoopback(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);
}
