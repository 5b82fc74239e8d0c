// createBillingHandler: the balance for browsers, served from the server side where the key stays. One core serves
// the Fetch API handler (Next.js route handlers, Hono, Bun, Deno, Cloudflare Workers) and the node:http / Express
// adapter alike. Any number of viewers cost one upstream read at a time per team; a stored answer is served while
// fresh, a stale one only while its refresh is slow, and the last good one while upstream fails; upstream is left
// alone after a 429 or a fault; the app's authorize() opens the door.
import type { IncomingMessage } from "node:http";
import { LRUCache } from "lru-cache";
import { ConfigurationError, createBillingClient, createCreditsClient, type BillingClient, type BillingClientOptions, type FetchLike } from "../index.js";
import { createBalanceStore, type Cooldown, type Team, type Upstream } from "./balance-store.js";
import { errorAnswer, type HandlerError } from "./browser-errors.js";
import { cachedAnswer, type Exchange } from "./http-cache.js";
import { toResponse, type RouteAnswer, type RouteRequest } from "./route-answer.js";
import { keylessError } from "../../core/untrusted-text.js";
import { settingsOf, type AuthorizeContext, type BillingHandlerOptions } from "./route-options.js";
import { createRouter } from "./route-paths.js";
import { MAX_BODY_BYTES, purchaseThroughRoute } from "./topup-route.js";

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
 * The route itself, for both ways in: what it reads of the request (a Fetch Request is one), what the framework handed
 * it, and the request's body as text (undefined when larger than any purchase), which only a top-up reads.
 */
export type RouteCore = (request: RouteRequest, incoming: Incoming, bodyText: () => Promise<string | undefined>) => Promise<RouteAnswer>;

/** The core of each handler createBillingHandler made, for toNodeHandler; a function of other making has none. */
const cores = new WeakMap<object, RouteCore>();

/** The core behind a handler made by createBillingHandler, or undefined for any other function. */
export const routeCoreOf = (handle: unknown): RouteCore | undefined => (typeof handle === "function" ? cores.get(handle) : undefined);

type TeamEntry = Team & { billing?: BillingClient };

const INTERNAL: HandlerError = { error: "internal", status: 500 };

/**
 * The route that serves the team's balance to your pages, keeping the key on the server: `GET` its mount point
 * (`basePath`, default `/api/billing`) for the balance, or `GET <basePath>/user/credits/info` from a keyless client
 * (`baseUrl: "/api/billing"`); anything else is a 404. Any number of viewers share one upstream read per team; answers
 * carry `Cache-Control` (private, max-age, stale-if-error), `Age` and `ETag`. `Req` is the type of toNodeHandler's
 * `req` (Express's `Request`), `Ctx` that of the Fetch handler's second argument (Hono's `Context`), as authorize sees them.
 *
 * @throws ConfigurationError when `allowTopup` has no `authorize`, a number option is not a non-negative number, or `basePath` is no path.
 */
export function createBillingHandler<Req = IncomingMessage, Ctx = unknown>(options: BillingHandlerOptions<Req, Ctx> = {}): BillingHandler<Ctx> {
  const settings = settingsOf(options, (message) => new ConfigurationError(message));
  const { allowTopup = false, authorize } = options;
  const log = options.log ?? console.error;
  const now = options.now ?? Date.now;
  if (allowTopup && !authorize) {
    throw new ConfigurationError("allowTopup: true needs authorize(request): without it, any page that can POST to the route spends the team's money");
  }
  const operationOf = createRouter(settings.basePath, allowTopup);
  // Cooldowns live apart from the stored answers: a team in a cooldown that the LRU of answers lets go is still left
  // alone when it comes back. Only failing teams are here (a success drops its entry), at most this many.
  const cooldowns = new LRUCache<string, Cooldown>({ max: Math.max(1_000, settings.maxTeams) });
  const store = createBalanceStore({
    maxAgeMs: settings.maxAgeSeconds * 1000,
    staleWhileRevalidateMs: settings.staleWhileRevalidateSeconds * 1000,
    refreshWaitMs: settings.refreshWaitMs,
    staleIfErrorMs: settings.staleIfErrorSeconds * 1000,
    maxCooldownMs: settings.maxCooldownSeconds * 1000,
    now,
    random: options.random ?? Math.random,
    log,
    cooldowns: { keep: (team) => void cooldowns.set(team.secret, team.cooldown), drop: (team) => void cooldowns.delete(team.secret) },
  });

  function newTeam(apiKey: string): TeamEntry {
    // The route answers its viewers at once: it never sleeps on a Retry-After (the store leaves upstream alone instead).
    const client: BillingClientOptions = { apiKey, baseUrl: options.baseUrl, fetch: options.fetch, timeoutMs: settings.timeoutMs, maxRetries: settings.maxRetries, maxRetryAfterMs: 0, log: options.log };
    // Without allowTopup the route holds no client that can buy at all. Made now: a key that cannot work fails here.
    const billing = allowTopup ? createBillingClient(client) : undefined;
    if (!billing) createCreditsClient(client);
    return { read: (signal) => datedRead(client, signal), secret: apiKey, cooldown: cooldowns.get(apiKey) ?? { failures: 0 }, generation: 0, billing };
  }

  /**
   * One upstream read with the exchange it came in (headers, when asked, when answered), to date its answer by. A
   * client of its own per read (a few a minute per team): reads of one team may overlap across a top-up.
   */
  async function datedRead(client: BillingClientOptions, signal: AbortSignal): Promise<Upstream> {
    const send: FetchLike = client.fetch ?? ((url, init) => globalThis.fetch(url, init));
    let exchange: Exchange | undefined;
    // Each attempt notes its own times: the one that answered is the one that counts.
    const dating: FetchLike = async (url, init) => {
      const requestTime = now();
      const response = await send(url, init);
      exchange = { headers: response.headers, requestTime, responseTime: now() };
      return response;
    };
    const data = await createCreditsClient({ ...client, fetch: dating }).getCreditsInfo({ signal });
    return { data, exchange };
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

  async function serve(request: RouteRequest, incoming: Incoming, bodyText: () => Promise<string | undefined>): Promise<RouteAnswer> {
    const operation = operationOf(request);
    if (typeof operation !== "string") return operation;
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
      const { answer, sent, error } = await purchaseThroughRoute(request, bodyText, team.billing!);
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
  const core: RouteCore = (request, incoming, bodyText) => serve(request, incoming, bodyText).catch((error: unknown) => failed(INTERNAL, "the route failed", error));
  const handler: BillingHandler<Ctx> = (request, context) => core(request, { context }, () => fetchBody(request)).then(toResponse);
  cores.set(handler, core);
  return handler;
}

/** A Fetch Request's body as text, unless it says or turns out to be larger than any purchase. */
async function fetchBody(request: Request): Promise<string | undefined> {
  if (Number(request.headers.get("content-length")) > MAX_BODY_BYTES) return undefined;
  // A body the framework has read already is no purchase (the amount check refuses it).
  const text = await request.text().catch(() => "");
  return text.length > MAX_BODY_BYTES ? undefined : text;
}
