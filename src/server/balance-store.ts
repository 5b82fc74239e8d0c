// One team's balance as the route keeps it: the last good answer, the one upstream read in flight that every viewer
// shares, and when upstream may be asked again. Reads happen only when a viewer asks (no timer keeps calling upstream
// after viewers leave); everything is decided against an injected clock. A viewer who finds the answer stale waits a
// little for the refresh it starts or joins, so that a lone viewer is not always one refresh behind.
import { RateLimitError, ServerError } from "../index.js";
import { byteLength, etagOf, initialAgeMs, type Exchange, type Freshness, type Representation } from "./http-cache.js";
import { browserError, type HandlerError } from "./browser-errors.js";
import { cutKeys, keylessError } from "../../core/untrusted-text.js";
import type { RouteLog } from "./route-options.js";
import { LATE, LEFT, settledWithin, startFlight, waitFor, type Flight } from "./shared-read.js";

/** A stored answer: its body and tag, how old it is, and until when it is fresh. */
export type Stored = Representation & {
  /** When upstream gave it, as RFC 9111 §4.2.3 reckons (upstream's own Age and Date included): its Age counts from here. */
  generatedAt: number;
  /** When it arrived. */
  receivedAt: number;
  /** Its freshness lifetime, `max-age`: maxAge less up to a tenth at random (so that teams read together do not refresh together), in whole seconds. */
  lifetimeSeconds: number;
  /** generatedAt plus the lifetime: fresh up to this instant, stale after it. */
  freshUntil: number;
};

/** What an upstream read gives: the data, and the exchange it came in (its headers and times), to date it by. */
export type Upstream = { data: unknown; exchange?: Exchange };

/** Why a read failed (the original error, for the log), what the browser is told, and until when upstream is left alone. */
type Failure = { error: HandlerError; cause: unknown; until: number };

/** Upstream's verdict on a team, kept apart from its stored answer so that it outlives the answer's eviction. */
export type Cooldown = {
  /** The last failure, while upstream is being left alone (a cooldown after 429, a backoff after faults). */
  failure?: Failure;
  /** Failures in a row, for the backoff. */
  failures: number;
};

export type Team = {
  /** The upstream read: the team's credits client's getCreditsInfo, with the exchange it came in. */
  read(signal: AbortSignal): Promise<Upstream>;
  /** Cut out of every body the route serves (an upstream echoing the key must not hand it to a browser). */
  secret: string;
  stored?: Stored;
  flight?: Flight<Stored | Failure>;
  cooldown: Cooldown;
  /** Moves on at every top-up through the route: a read begun before it cannot become the stored balance. */
  generation: number;
};

export type Outcome = { kind: "value"; stored: Stored; freshness: Freshness } | { kind: "error"; error: HandlerError; retryAfterSeconds?: number } | { kind: "left" };

export type StoreSettings = {
  maxAgeMs: number;
  staleWhileRevalidateMs: number;
  /** How long a viewer who finds the answer stale waits for its refresh before it is given the stale answer. */
  refreshWaitMs: number;
  staleIfErrorMs: number;
  /** The longest upstream is left alone, whatever its Retry-After says (and the backoff's ceiling). */
  maxCooldownMs: number;
  now(): number;
  random(): number;
  log: RouteLog;
  /** Where a team's cooldown is kept while it lasts (the handler's bounded map, apart from the stored answers). */
  cooldowns?: { keep(team: Team): void; drop(team: Team): void };
};

/** After a fault (5xx, timeout, refused), upstream is left alone this long, doubled each time in a row, up to the cap. */
export const FAILURE_BACKOFF = { firstMs: 10_000, maxMs: 300_000 } as const;

/**
 * While the route holds an answer, upstream is read at most once a second for its team, however many viewers ask: an
 * answer that arrived stale (upstream said it was already old, or maxAge is 0) stands in until then, with its Age.
 */
export const MIN_REFRESH_INTERVAL_MS = 1_000;

export function createBalanceStore(settings: StoreSettings) {
  const { now, random } = settings;
  /** A spread on top of a wait, never under it: 0–10 % of it, at least 0–1 s, so that routes do not line up. */
  const spread = (ms: number) => Math.floor(random() * Math.max(1_000, ms / 10));
  const staleIfErrorSeconds = Math.floor(settings.staleIfErrorMs / 1000);

  /**
   * Whole seconds, so that `Age` (rounded up) passes `max-age` exactly when the route's copy is stale: fresh, the age
   * is at most the lifetime; stale, more. A maxAge of a second or more keeps at least one.
   */
  function lifetimeSeconds(): number {
    const seconds = Math.floor((settings.maxAgeMs * (1 - 0.1 * random())) / 1000);
    return settings.maxAgeMs >= 1000 ? Math.max(1, seconds) : seconds;
  }

  function value(stored: Stored, at: number): Outcome {
    // Rounded up: a browser adding its own time to this Age never holds the answer fresh past the route's copy.
    const ageSeconds = Math.max(0, Math.ceil((at - stored.generatedAt) / 1000));
    const freshness: Freshness = { lifetimeSeconds: stored.lifetimeSeconds, ageSeconds, staleIfErrorSeconds };
    return { kind: "value", stored, freshness };
  }

  /** The stored answer while it may stand in for a failing upstream (stale-if-error), else the failure itself. */
  function fallback(team: Team, failure: Failure, at: number): Outcome {
    const { stored } = team;
    if (stored && at <= stored.freshUntil + settings.staleIfErrorMs) return value(stored, at);
    const retryAfterSeconds = failure.until > at ? Math.ceil((failure.until - at) / 1000) : undefined;
    return { kind: "error", error: failure.error, retryAfterSeconds };
  }

  function startRead(team: Team, background: boolean): Flight<Stored | Failure> {
    const { generation } = team;
    const read = (signal: AbortSignal) => team.read(signal).then((answer) => store(team, generation, answer), (error: unknown) => fail(team, error, signal.aborted));
    const flight = startFlight(generation, background, read, (done) => {
      if (team.flight === done) team.flight = undefined;
    });
    team.flight = flight;
    return flight;
  }

  async function store(team: Team, generation: number, { data, exchange }: Upstream): Promise<Stored> {
    // The key in a JSON string is written with its escapes: that form is the one to cut out.
    const body = cutKeys(JSON.stringify(data), [JSON.stringify(team.secret).slice(1, -1)]);
    const etag = await etagOf(body);
    const receivedAt = now();
    const generatedAt = exchange ? exchange.responseTime - initialAgeMs(exchange) : receivedAt;
    const lifetime = lifetimeSeconds();
    const stored: Stored = { body, etag, length: byteLength(body), generatedAt, receivedAt, lifetimeSeconds: lifetime, freshUntil: generatedAt + lifetime * 1000 };
    // Its own viewers asked before the top-up answered and get it; the stored balance is only ever one read since.
    if (generation === team.generation) team.stored = stored;
    team.cooldown.failure = undefined;
    team.cooldown.failures = 0;
    settings.cooldowns?.drop(team);
    return stored;
  }

  function fail(team: Team, error: unknown, abandoned: boolean): Failure {
    const at = now();
    // Cancelled because every viewer left: upstream did nothing wrong, and is not left alone for it.
    if (abandoned) return { error: { error: "cancelled", status: 499 }, cause: error, until: at };
    const { cooldown } = team;
    const asked = error instanceof RateLimitError || error instanceof ServerError ? error.retryAfterSeconds : undefined;
    const waitMs = asked !== undefined ? asked * 1000 : Math.min(FAILURE_BACKOFF.maxMs, FAILURE_BACKOFF.firstMs * 2 ** cooldown.failures);
    cooldown.failures++;
    // Upstream's Retry-After is obeyed up to the cap: a day's cooldown would close the route for a day.
    const failure: Failure = { error: browserError(error), cause: error, until: at + Math.min(settings.maxCooldownMs, waitMs + spread(waitMs)) };
    cooldown.failure = failure;
    settings.cooldowns?.keep(team);
    const { error: code, status } = failure.error;
    settings.log(`olostep-billing route: upstream read failed (${code}, answered ${status}); next upstream read in ${Math.ceil((failure.until - at) / 1000)} s at the earliest`, keylessError(error, [team.secret]));
    return failure;
  }

  /**
   * A stale viewer's wait for the refresh (a background one, which holds itself: the viewer leaving or giving up does
   * not cancel it): its answer, or its failure as any failure is served, if it settles within refreshWaitMs; else the
   * stale answer, whose Age past its max-age tells the page to ask again shortly.
   */
  async function patiently(team: Team, refresh: Flight<Stored | Failure>, stale: Stored, signal: AbortSignal | undefined): Promise<Outcome> {
    const result = await settledWithin(refresh.result, settings.refreshWaitMs, signal);
    if (result === LEFT) return { kind: "left" };
    if (result === LATE) return value(stale, now());
    return "body" in result ? value(result, now()) : fallback(team, result, now());
  }

  return {
    /**
     * The balance for one viewer: fresh from the store. Stale (within stale-while-revalidate), the viewer starts or
     * joins the one refresh and waits for it up to refreshWaitMs: its answer if it lands by then, else the stale one.
     * The last good answer while upstream fails or is being left alone (stale-if-error); else the shared read's result.
     * A read begun before the latest top-up is never joined: it cannot tell the balance since.
     * `keepAlive` receives a background refresh, for platforms that end a request's work when it has answered.
     */
    async read(team: Team, viewer: { readonly signal?: AbortSignal }, keepAlive?: (work: Promise<unknown>) => void): Promise<Outcome> {
      const at = now();
      const { stored } = team;
      if (stored && at <= stored.freshUntil) return value(stored, at);
      const { failure } = team.cooldown;
      if (failure && at < failure.until) return fallback(team, failure, at);
      // Upstream gave it, already stale, a moment ago: asking again at once would give the same.
      if (stored && at - stored.receivedAt < MIN_REFRESH_INTERVAL_MS) return value(stored, at);
      const current = team.flight?.generation === team.generation ? team.flight : undefined;
      if (stored && at <= stored.freshUntil + settings.staleWhileRevalidateMs) {
        let refresh = current;
        if (!refresh) {
          refresh = startRead(team, true);
          keepAlive?.(refresh.result);
        }
        return patiently(team, refresh, stored, viewer.signal);
      }
      const flight = current ?? startRead(team, false);
      // A platform that ends a request's work once it has answered must not cut the read short for the others.
      keepAlive?.(flight.result);
      // Only a viewer who waits needs its signal (the node adapter makes it on first use).
      const { signal } = viewer;
      const result = await waitFor(flight, signal).catch((reason: unknown) => {
        if (signal?.aborted) return undefined;
        throw reason;
      });
      if (!result) return { kind: "left" };
      return "body" in result ? value(result, now()) : fallback(team, result, now());
    },
    /** After a top-up through the route: the stored answer and any read in flight are no longer the balance. */
    invalidate(team: Team): void {
      team.stored = undefined;
      team.generation++;
    },
  };
}
