// What createBillingHandler takes, what it passes the app's door, and its defaults.
import type { IncomingMessage } from "node:http";
import { MAX_TIMER_MS, type BillingClientOptions } from "../index.js";
import type { RouteRequest } from "./route-answer.js";

/**
 * Where the route reports a failure: a line to read, and the original error (with its `cause`). Every 5xx the route
 * answers is logged with the error behind it, its cause chain intact, and never a key: an error of the app's own code
 * (authorize, an apiKey function, a custom fetch) that quotes one is logged as a copy with the key cut out.
 */
export type RouteLog = (line: string, error?: unknown) => void;

/**
 * What the app's door is told besides the request: the operation, and what the framework handed the route, so that
 * the door can read the app's own session (Express's `req.session`, Hono's `c.get("user")`).
 */
export type AuthorizeContext<Req = IncomingMessage, Ctx = unknown> = {
  /** What the request asks for: the balance (GET, HEAD), or a top-up (POST, with `allowTopup`). */
  operation: "read" | "topup";
  /** From `toNodeHandler`: the `req` that node:http or Express passed (Express's, with `req.session`, `req.user`, …). */
  req?: Req;
  /** From the Fetch handler: its second argument as the framework passed it (Hono's `c`, a Worker's `ctx`, Next.js's route context). */
  context?: Ctx;
};

/**
 * The app's door: true lets the request in, false refuses it (403), a Response is sent as it is (a 401, a redirect).
 * `request` is what the route reads of the request: the Fetch Request itself from the Fetch handler; from
 * `toNodeHandler`, its method, URL and headers (the IncomingMessage itself is `context.req`).
 */
export type Authorize<Req = IncomingMessage, Ctx = unknown> = (request: RouteRequest, context: AuthorizeContext<Req, Ctx>) => boolean | Response | Promise<boolean | Response>;

/** What `createBillingHandler()` takes; only `authorize` matters to most apps. */
export type BillingHandlerOptions<Req = IncomingMessage, Ctx = unknown> = Pick<BillingClientOptions, "baseUrl" | "fetch"> & {
  /**
   * The Olostep key, default OLOSTEP_API_KEY; or a function of the request (and of what the framework passed, as for
   * authorize), for platforms that hold one key per customer team: stored answers, the read in flight and cooldowns
   * are then per key, and never cross between keys.
   */
  apiKey?: string | ((request: RouteRequest, context: AuthorizeContext<Req, Ctx>) => string | undefined | Promise<string | undefined>);
  /** Called before anything else, on every request; required with allowTopup. */
  authorize?: Authorize<Req, Ctx>;
  /**
   * The path the route is mounted at, as the browser requests it: the balance there (GET, HEAD) and at
   * `<basePath>/user/credits/info` (the keyless client's path); with `allowTopup`, a top-up by POST there and at
   * `<basePath>/user/purchase-topup`. Any other path is a 404. Default `/api/billing`.
   */
  basePath?: string;
  /**
   * Let the browser buy credits with POST (same-origin, JSON, an amount from the spec's enum, under the browser's own
   * Idempotency-Key: a POST without one is refused). Default false.
   */
  allowTopup?: boolean;
  /**
   * How long an answer is fresh (served to everyone without asking upstream), counted from when upstream gave it
   * (its own `Age` and `Date` included): its `max-age`, in whole seconds, up to a tenth less at random. Default 5.
   */
  maxAgeSeconds?: number;
  /**
   * After that, how long the stored answer still stands in while the one refresh it starts is slow (past
   * `refreshWaitMs`): served with its `Age`, past its `max-age`, so that the page can tell. Not advertised to browsers
   * (a browser's own cache would then show it without asking). Default 25.
   */
  staleWhileRevalidateSeconds?: number;
  /**
   * How long a viewer who finds the stored answer stale waits for the one refresh (every viewer shares it) before it
   * is given the stale answer. Default the smaller of 1 000 and `timeoutMs`; 0 gives the stale answer at once.
   */
  refreshWaitMs?: number;
  /** After that, how long the last good answer stands in while upstream fails or is left alone: `stale-if-error`. Default 300. */
  staleIfErrorSeconds?: number;
  /** The longest upstream is left alone after a 429 or 503 (whatever its Retry-After) or a run of faults; viewers are never told to wait longer. Default 300. */
  maxCooldownSeconds?: number;
  /** Per upstream attempt. Default 2 000: a viewer waits a few seconds at most. */
  timeoutMs?: number;
  /** Extra attempts of a read. Default 1. */
  maxRetries?: number;
  /** How many teams' answers are kept (with a per-request apiKey), least recently used first out. Default 1 000. */
  maxTeams?: number;
  /**
   * Every 5xx the route answers is logged here with the error behind it (its cause chain intact; a key is never in
   * it), once per failure rather than once per viewer; a retry of an upstream read too, when set. Default console.error.
   */
  log?: RouteLog;
  /** The clock; tests pass their own. */
  now?: () => number;
  /** The jitter source for backoff and cooldown spread; tests pass their own. */
  random?: () => number;
};

/** The route's defaults: short upstream waits, a few seconds of freshness, and a stale answer over none. */
export const HANDLER_DEFAULTS = {
  /** Per upstream attempt: a viewer waits a few seconds at most. */
  timeoutMs: 2_000,
  /** Extra attempts of a read. */
  maxRetries: 1,
  /** How long an answer is fresh. */
  maxAgeSeconds: 5,
  /** How long a stale answer stands in while its refresh is slow. */
  staleWhileRevalidateSeconds: 25,
  /** How long a viewer waits for the refresh of a stale answer (at most `timeoutMs`). */
  refreshWaitMs: 1_000,
  /** How long the last good answer stands in while upstream fails. */
  staleIfErrorSeconds: 300,
  /** The longest upstream is left alone, whatever it asks. */
  maxCooldownSeconds: 300,
  /** How many teams' answers are kept. */
  maxTeams: 1_000,
  /** Where the route is mounted. */
  basePath: "/api/billing",
} as const;

/** The options with the defaults filled in, the numbers and the mount point checked. */
export function settingsOf<Req, Ctx>(options: BillingHandlerOptions<Req, Ctx>, fail: (message: string) => Error) {
  const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<BillingHandlerOptions<Req, Ctx>>;
  const timeoutMs = given.timeoutMs ?? HANDLER_DEFAULTS.timeoutMs;
  const settings = { ...HANDLER_DEFAULTS, ...given, refreshWaitMs: given.refreshWaitMs ?? Math.min(HANDLER_DEFAULTS.refreshWaitMs, timeoutMs) };
  for (const name of ["maxAgeSeconds", "staleWhileRevalidateSeconds", "staleIfErrorSeconds", "maxCooldownSeconds", "maxTeams", "refreshWaitMs"] as const) {
    const value = settings[name];
    if (!(typeof value === "number" && value >= 0 && Number.isFinite(value))) throw fail(`${name} must be a number from 0, not ${String(value)}`);
  }
  // A longer wait would not be kept by setTimeout (it fires at once).
  if (settings.refreshWaitMs > MAX_TIMER_MS) throw fail(`refreshWaitMs must be at most ${MAX_TIMER_MS}, not ${settings.refreshWaitMs}`);
  return { ...settings, basePath: mountPoint(settings.basePath, fail) };
}

/** The mount point as the route compares it: a path of its own (no query, no fragment), without a trailing slash. */
function mountPoint(basePath: unknown, fail: (message: string) => Error): string {
  if (typeof basePath !== "string" || !basePath.startsWith("/") || /[?#\s]/.test(basePath)) {
    throw fail(`basePath must be a path starting with "/" (the route's mount point, as the browser requests it), not ${JSON.stringify(basePath)}`);
  }
  return basePath.replace(/\/+$/, "");
}
