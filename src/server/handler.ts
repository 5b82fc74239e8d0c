// createBillingHandler: the balance for browsers, served from the server side where the key stays. One Fetch API
// handler (Next.js route handlers, Hono, Bun, Deno, Cloudflare Workers) and a node:http / Express adapter. Any number
// of viewers cost one upstream read at a time per team; a stored answer is served while fresh, while it is refreshed,
// and while upstream fails; upstream is left alone after a 429 or a fault; the app's authorize() opens the door.
import type { IncomingMessage } from "node:http";
import { LRUCache } from "lru-cache";
import { getUserCreditsInfo, postUserPurchaseTopup } from "../../generated/operations.js";
import { ConfigurationError, createBillingClient, createCreditsClient, type BillingClient, type BillingClientOptions } from "../index.js";
import { createBalanceStore, type Cooldown, type Team } from "./balance-store.js";
import { errorAnswer, type HandlerError } from "./browser-errors.js";
import { cachedAnswer } from "./http-cache.js";
import { toResponse, type RouteAnswer, type RouteRequest } from "./route-answer.js";
import { keylessError } from "../../core/untrusted-text.js";
import { settingsOf, type AuthorizeContext, type BillingHandlerOptions } from "./route-options.js";
import { purchaseThroughRoute } from "./topup-route.js";

/** Platforms that stop a request's work once it has answered (Cloudflare Workers) pass their `ctx` here. */
export type HandlerContext = {
  /** Keeps the isolate alive until `work` settles: a refresh that outlives the request it started in. */
  waitUntil?(work: Promise<unknown>): void;
};

/**
 * A Fetch API handler: a Request in, a Response out. Next.js, Hono, Bun, Deno and Workers call it as it is; its second
 * argument is whatever the framework has (Hono's `c`, a Worker's `ctx`), handed on to authorize as `context`, and
 * used to keep a refresh alive when it has a `waitUntil`.
 */
export type BillingHandler<Ctx = unknown> = (request: Request, context?: Ctx) => Promise<Response>;

/** What the framework handed the route: the node adapter's `req`, or the Fetch handler's second argument. */
export type Incoming = { req?: unknown; context?: unknown };

/**
 * The handler's answers as plain data, for the node:http adapter (node-adapter.ts): `request` is the Request itself, or
 * what the route reads of one; `withBody` gives the Request with its body, which only a top-up reads.
 */
export type RouteCore = (request: RouteRequest, incoming: Incoming, withBody: () => Request | Promise<Request>) => Promise<RouteAnswer>;

/** Where a handler made by createBillingHandler keeps its RouteCore and its log. */
export const ROUTE_CORE = Symbol("olostep-billing route core");

type TeamEntry = Team & { billing?: BillingClient };

const CREDITS_PATH = getUserCreditsInfo.path;
const TOPUP_PATH = postUserPurchaseTopup.path;
const INTERNAL: HandlerError = { error: "internal", status: 500 };

/**
 * The route that serves the team's balance to your pages, keeping the key on the server: `GET` the route itself for
 * the balance, or `GET <route>/user/credits/info` from a keyless client (`baseUrl: "/api/billing"`). Any number of
 * viewers share one upstream read per team; answers carry `Cache-Control` (max-age, stale-while-revalidate,
 * stale-if-error), `Age` and `ETag`. `Req` is the type of toNodeHandler's `req` (Express's `Request`), `Ctx` that of
 * the Fetch handler's second argument (Hono's `Context`), as authorize sees them.
 *
 * @throws ConfigurationError when `allowTopup` has no `authorize`, or a number option is not a non-negative number.
 */
export function createBillingHandler<Req = IncomingMessage, Ctx = unknown>(options: BillingHandlerOptions<Req, Ctx> = {}): BillingHandler<Ctx> {
  const settings = settingsOf(options, (message) => new ConfigurationError(message));
  const { allowTopup = false, authorize } = options;
  const log = options.log ?? console.error;
  if (allowTopup && !authorize) {
    throw new ConfigurationError("allowTopup: true needs authorize(request): without it, any page that can POST to the route spends the team's money");
  }
  // Cooldowns live apart from the stored answers: a team in a cooldown that the LRU of answers lets go is still left
  // alone when it comes back. Only failing teams are here (a success drops its entry), at most this many.
  const cooldowns = new LRUCache<string, Cooldown>({ max: Math.max(1_000, settings.maxTeams) });
  const store = createBalanceStore({
    maxAgeMs: settings.maxAgeSeconds * 1000,
    staleWhileRevalidateMs: settings.staleWhileRevalidateSeconds * 1000,
    staleIfErrorMs: settings.staleIfErrorSeconds * 1000,
    maxCooldownMs: settings.maxCooldownSeconds * 1000,
    now: options.now ?? Date.now,
    random: options.random ?? Math.random,
    log,
    cooldowns: { keep: (team) => void cooldowns.set(team.secret, team.cooldown), drop: (team) => void cooldowns.delete(team.secret) },
  });

  function newTeam(apiKey: string): TeamEntry {
    // The route answers its viewers at once: it never sleeps on a Retry-After (the store leaves upstream alone instead).
    const client: BillingClientOptions = { apiKey, baseUrl: options.baseUrl, fetch: options.fetch, timeoutMs: settings.timeoutMs, maxRetries: settings.maxRetries, maxRetryAfterMs: 0, log: options.log };
    // Without allowTopup the route holds the read-only client, which has no way to buy at all.
    const billing = allowTopup ? createBillingClient(client) : undefined;
    const reader = billing ?? createCreditsClient(client);
    return { read: (signal) => reader.getCreditsInfo({ signal }), secret: apiKey, cooldown: cooldowns.get(apiKey) ?? { failures: 0 }, generation: 0, billing };
  }

  const apiKey = options.apiKey;
  // A fixed key's team is made now: a missing or unsafe key fails at start-up, not on a visitor's request.
  const fixed = typeof apiKey === "function" ? undefined : newTeam(apiKey ?? (typeof process === "undefined" ? "" : (process.env.OLOSTEP_API_KEY ?? "")));
  const keys = fixed ? [fixed.secret] : [];
  const teams = new LRUCache<string, TeamEntry>({ max: Math.max(1, settings.maxTeams) });

  /** A 5xx of the route's own making, logged with the error behind it. */
  function failed(body: HandlerError, line: string, error: unknown, key?: string): RouteAnswer {
    log(`olostep-billing route: ${line} (answered ${body.status} ${body.error})`, keylessError(error, key ? [...keys, key] : keys));
    return errorAnswer(body);
  }

  async function teamFor(request: RouteRequest, context: AuthorizeContext<Req, Ctx>): Promise<TeamEntry | RouteAnswer> {
    if (fixed) return fixed;
    let key: string | undefined;
    try {
      key = await (apiKey as Exclude<typeof apiKey, string | undefined>)(request, context);
    } catch (error) {
      return failed({ error: "api_key_failed", status: 500 }, "apiKey(request) threw", error);
    }
    if (!key) return errorAnswer({ error: "no_api_key", status: 403 });
    let team = teams.get(key);
    if (!team) {
      try {
        team = newTeam(key);
      } catch (error) {
        // A key that is no valid header value: the app's mistake, never shown.
        return failed({ error: "misconfigured", status: 500 }, "the key apiKey(request) gave is refused", error, key);
      }
      teams.set(key, team);
    }
    return team;
  }

  async function serve(request: RouteRequest, incoming: Incoming, withBody: () => Request | Promise<Request>): Promise<RouteAnswer> {
    const operation = operationOf(request, allowTopup);
    if (typeof operation !== "string") return errorAnswer({ error: "method_not_allowed", status: 405 }, { allow: operation.allow });
    const context = { operation, ...incoming } as AuthorizeContext<Req, Ctx>;
    if (authorize) {
      let verdict: boolean | Response;
      try {
        verdict = await authorize(request, context);
      } catch (error) {
        return failed({ error: "authorize_failed", status: 500 }, "authorize threw; the request was refused", error);
      }
      if (verdict instanceof Response) return verdict;
      if (verdict !== true) return errorAnswer({ error: "forbidden", status: 403 });
    }
    const team = await teamFor(request, context);
    if (!("read" in team)) return team;
    if (operation === "topup") {
      const { answer, sent, error } = await purchaseThroughRoute(await withBody(), team.billing!);
      // Sent, the purchase may move the balance whatever its answer: no read begun before it is the balance any more.
      if (sent) store.invalidate(team);
      if (error !== undefined && answer.status >= 500) log(`olostep-billing route: a top-up failed (answered ${answer.status})`, keylessError(error, [team.secret]));
      return answer;
    }
    const waitUntil = (incoming.context as HandlerContext | undefined)?.waitUntil;
    const outcome = await store.read(team, request, typeof waitUntil === "function" ? waitUntil.bind(incoming.context) : undefined);
    if (outcome.kind === "value") return cachedAnswer(request, outcome.stored, outcome.freshness);
    // The viewer left: nobody reads this answer.
    if (outcome.kind === "left") return { status: 499, headers: {}, body: null };
    return errorAnswer({ ...outcome.error, retryAfterSeconds: outcome.retryAfterSeconds });
  }

  // Whatever goes wrong inside (a bug included) is a logged 500, never a rejected promise for the framework to word.
  const core: RouteCore = (request, incoming, withBody) => serve(request, incoming, withBody).catch((error: unknown) => failed(INTERNAL, "the route failed", error));
  const handler: BillingHandler<Ctx> = (request, context) => core(request, { context }, () => request).then(toResponse);
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
