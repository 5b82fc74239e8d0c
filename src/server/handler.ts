// createBillingHandler: the balance for browsers, served from the server side where the key stays. One Fetch API
// handler (Next.js route handlers, Hono, Bun, Deno, Cloudflare Workers) and a node:http / Express adapter. Any number
// of viewers cost one upstream read at a time per team; a stored answer is served while fresh, while it is refreshed,
// and while upstream fails; upstream is left alone after a 429 or a fault; the app's authorize() opens the door.
import { LRUCache } from "lru-cache";
import { getUserCreditsInfo, postUserPurchaseTopup } from "../../generated/operations.js";
import { ConfigurationError, createBillingClient, createCreditsClient, type BillingClient, type BillingClientOptions } from "../index.js";
import { createBalanceStore, type Team } from "./balance-store.js";
import { errorAnswer, type HandlerError } from "./browser-errors.js";
import { cachedAnswer } from "./http-cache.js";
import { toResponse, type RouteAnswer, type RouteRequest } from "./route-answer.js";
import { purchaseThroughRoute } from "./topup-route.js";

/** The app's door: true lets the request in, false refuses it (403), a Response is sent as it is (a 401, a redirect). */
export type Authorize = (request: Request, context: { operation: "read" | "topup" }) => boolean | Response | Promise<boolean | Response>;

/** What `createBillingHandler()` takes; only `authorize` matters to most apps. */
export type BillingHandlerOptions = Pick<BillingClientOptions, "baseUrl" | "fetch"> & {
  /**
   * The Olostep key, default OLOSTEP_API_KEY; or a function of the request, for platforms that hold one key per
   * customer team: stored answers, the read in flight and cooldowns are then per key, and never cross between keys.
   */
  apiKey?: string | ((request: Request) => string | undefined | Promise<string | undefined>);
  /** Called before anything else, on every request; required with allowTopup. */
  authorize?: Authorize;
  /** Let the browser buy credits with POST (same-origin, JSON, an amount from the spec's enum). Default false. */
  allowTopup?: boolean;
  /** How long an answer is fresh (served to everyone without asking upstream). Default 5. */
  maxAgeSeconds?: number;
  /** After that, how long it is still served at once while one refresh runs. Default 25. */
  staleWhileRevalidateSeconds?: number;
  /** How long the last good answer stands in while upstream fails or is left alone. Default 300. */
  staleIfErrorSeconds?: number;
  /** Per upstream attempt. Default 2 000: a viewer waits a few seconds at most. */
  timeoutMs?: number;
  /** Extra attempts of a read. Default 1. */
  maxRetries?: number;
  /** How many teams' answers are kept (with a per-request apiKey), least recently used first out. Default 1 000. */
  maxTeams?: number;
  /** One line per upstream failure and retry; never the key. */
  log?: (line: string) => void;
  /** The clock; tests pass their own. */
  now?: () => number;
  /** The jitter source for backoff and cooldown spread; tests pass their own. */
  random?: () => number;
};

/** Platforms that stop a request's work once it has answered (Cloudflare Workers) pass their `ctx` here. */
export type HandlerContext = {
  /** Keeps the isolate alive until `work` settles: a refresh that outlives the request it started in. */
  waitUntil?(work: Promise<unknown>): void;
};

/** A Fetch API handler: a Request in, a Response out. Next.js, Hono, Bun, Deno and Workers call it as it is. */
export type BillingHandler = (request: Request, context?: HandlerContext) => Promise<Response>;

/**
 * The handler's answers as plain data, for the node:http adapter (node-adapter.ts): `request` is the Request itself, or
 * what the route reads of one, with `materialize` building the real Request when the app's code must see one.
 */
export type RouteCore = (request: RouteRequest, context: HandlerContext | undefined, materialize: () => Request | Promise<Request>) => Promise<RouteAnswer>;

/** Where a handler made by createBillingHandler keeps its RouteCore. */
export const ROUTE_CORE = Symbol("olostep-billing route core");

/** The route's defaults: short upstream waits, a few seconds of freshness, and a stale answer over none. */
export const HANDLER_DEFAULTS = {
  /** Per upstream attempt: a viewer waits a few seconds at most. */
  timeoutMs: 2_000,
  /** Extra attempts of a read. */
  maxRetries: 1,
  /** How long an answer is fresh. */
  maxAgeSeconds: 5,
  /** How long a stale answer is served while one refresh runs. */
  staleWhileRevalidateSeconds: 25,
  /** How long the last good answer stands in while upstream fails. */
  staleIfErrorSeconds: 300,
  /** How many teams' answers are kept. */
  maxTeams: 1_000,
} as const;

type TeamEntry = Team & { billing?: BillingClient };

const CREDITS_PATH = getUserCreditsInfo.path;
const TOPUP_PATH = postUserPurchaseTopup.path;

/**
 * The route that serves the team's balance to your pages, keeping the key on the server: `GET` the route itself for
 * the balance, or `GET <route>/user/credits/info` from a keyless client (`baseUrl: "/api/billing"`). Any number of
 * viewers share one upstream read per team; answers carry `Cache-Control`, `ETag` and `Age`.
 *
 * @throws ConfigurationError when `allowTopup` has no `authorize`, or a number option is not a non-negative number.
 */
export function createBillingHandler(options: BillingHandlerOptions = {}): BillingHandler {
  const settings = { ...HANDLER_DEFAULTS, ...definedOnly(options) };
  const { allowTopup = false, authorize, log } = options;
  if (allowTopup && !authorize) {
    throw new ConfigurationError("allowTopup: true needs authorize(request): without it, any page that can POST to the route spends the team's money");
  }
  for (const name of ["maxAgeSeconds", "staleWhileRevalidateSeconds", "staleIfErrorSeconds", "maxTeams"] as const) {
    const value = settings[name];
    if (!(typeof value === "number" && value >= 0 && Number.isFinite(value))) throw new ConfigurationError(`${name} must be a number from 0, not ${String(value)}`);
  }
  const store = createBalanceStore({
    maxAgeMs: settings.maxAgeSeconds * 1000,
    staleWhileRevalidateMs: settings.staleWhileRevalidateSeconds * 1000,
    staleIfErrorMs: settings.staleIfErrorSeconds * 1000,
    now: options.now ?? Date.now,
    random: options.random ?? Math.random,
    log,
  });

  function newTeam(apiKey: string): TeamEntry {
    // The route answers its viewers at once: it never sleeps on a Retry-After (the store leaves upstream alone instead).
    const client: BillingClientOptions = { apiKey, baseUrl: options.baseUrl, fetch: options.fetch, timeoutMs: settings.timeoutMs, maxRetries: settings.maxRetries, maxRetryAfterMs: 0, log };
    // Without allowTopup the route holds the read-only client, which has no way to buy at all.
    const billing = allowTopup ? createBillingClient(client) : undefined;
    const reader = billing ?? createCreditsClient(client);
    return { read: (signal) => reader.getCreditsInfo({ signal }), secret: apiKey, failures: 0, billing };
  }

  const apiKey = options.apiKey;
  // A fixed key's team is made now: a missing or unsafe key fails at start-up, not on a visitor's request.
  const fixed = typeof apiKey === "function" ? undefined : newTeam(apiKey ?? (typeof process === "undefined" ? "" : (process.env.OLOSTEP_API_KEY ?? "")));
  const teams = new LRUCache<string, TeamEntry>({ max: Math.max(1, settings.maxTeams) });

  async function teamFor(materialize: () => Request | Promise<Request>): Promise<TeamEntry | HandlerError> {
    if (fixed) return fixed;
    let key: string | undefined;
    try {
      key = await (apiKey as (request: Request) => string | undefined | Promise<string | undefined>)(await materialize());
    } catch {
      return { error: "api_key_failed", status: 500 };
    }
    if (!key) return { error: "no_api_key", status: 403 };
    let team = teams.get(key);
    if (!team) {
      try {
        team = newTeam(key);
      } catch {
        // A key that is no valid header value: the app's mistake, never shown.
        return { error: "misconfigured", status: 500 };
      }
      teams.set(key, team);
    }
    return team;
  }

  const core: RouteCore = async (request, context, materialize) => {
    const operation = operationOf(request, allowTopup);
    if (typeof operation !== "string") return errorAnswer({ error: "method_not_allowed", status: 405 }, { allow: operation.allow });
    if (authorize) {
      let verdict: boolean | Response;
      try {
        verdict = await authorize(await materialize(), { operation });
      } catch {
        log?.("olostep-billing route: authorize threw; the request was refused");
        return errorAnswer({ error: "authorize_failed", status: 500 });
      }
      if (verdict instanceof Response) return verdict;
      if (verdict !== true) return errorAnswer({ error: "forbidden", status: 403 });
    }
    const team = await teamFor(materialize);
    if (!("read" in team)) return errorAnswer(team);
    if (operation === "topup") {
      const answer = await purchaseThroughRoute(await materialize(), team.billing!);
      // The balance changes once the payment settles: the next viewer reads it upstream.
      if (answer.status === 200) store.invalidate(team);
      return answer;
    }
    const outcome = await store.read(team, request, context?.waitUntil?.bind(context));
    if (outcome.kind === "value") return cachedAnswer(request, outcome.stored, outcome.maxAgeSeconds, outcome.ageSeconds);
    // The viewer left: nobody reads this answer.
    if (outcome.kind === "left") return { status: 499, headers: {}, body: null };
    return errorAnswer({ ...outcome.error, retryAfterSeconds: outcome.retryAfterSeconds });
  };

  const handler: BillingHandler = (request, context) => core(request, context, () => request).then(toResponse);
  return Object.assign(handler, { [ROUTE_CORE]: core });
}

/**
 * One URL for the widget and the keyless client alike: the route answers at the path it is mounted on (GET and HEAD
 * read, POST buys) and at that path plus the API's own paths (`/user/credits/info`, `/user/purchase-topup`), which is
 * what `createCreditsClient({ baseUrl: "/api/billing" })` requests.
 */
function operationOf(request: RouteRequest, allowTopup: boolean): "read" | "topup" | { allow: string } {
  const { method } = request;
  const path = new URL(request.url).pathname.replace(/\/+$/, "");
  const reads = method === "GET" || method === "HEAD";
  if (path.endsWith(CREDITS_PATH)) return reads ? "read" : { allow: "GET, HEAD" };
  if (path.endsWith(TOPUP_PATH)) return method === "POST" && allowTopup ? "topup" : { allow: allowTopup ? "POST" : "" };
  if (reads) return "read";
  if (method === "POST" && allowTopup) return "topup";
  return { allow: allowTopup ? "GET, HEAD, POST" : "GET, HEAD" };
}

function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}
