// One team's balance as the route keeps it: the last good answer, the one upstream read in flight that every viewer
// shares, and when upstream may be asked again. Reads happen only when a viewer asks (no timer keeps calling upstream
// after viewers leave); everything is decided against an injected clock.
import { RateLimitError, ServerError } from "../index.js";
import { byteLength, etagOf, type Freshness, type Representation } from "./http-cache.js";
import { browserError, type HandlerError } from "./browser-errors.js";
import { cutKeys, keylessError } from "../../core/untrusted-text.js";
import type { RouteLog } from "./route-options.js";

/** A stored answer: its body and tag, when it was read, and until when it is fresh (up to 10 % early, at random, so that
 * routes started together do not refresh together). */
export type Stored = Representation & { storedAt: number; freshUntil: number };

/** A read in flight: viewers waiting on it hold it; when the last one leaves, it is cancelled (a refresh holds its own).
 * `generation` is the team's when it started: a top-up since then makes its answer no longer the balance. */
type Flight = { result: Promise<Stored | Failure>; holders: number; generation: number; release(reason: unknown): void };

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
  /** The upstream read: the team's credits client's getCreditsInfo. */
  read(signal: AbortSignal): Promise<unknown>;
  /** Cut out of every body the route serves (an upstream echoing the key must not hand it to a browser). */
  secret: string;
  stored?: Stored;
  flight?: Flight;
  cooldown: Cooldown;
  /** Moves on at every top-up through the route: a read begun before it cannot become the stored balance. */
  generation: number;
};

export type Outcome = { kind: "value"; stored: Stored; freshness: Freshness } | { kind: "error"; error: HandlerError; retryAfterSeconds?: number } | { kind: "left" };

export type StoreSettings = {
  maxAgeMs: number;
  staleWhileRevalidateMs: number;
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

export function createBalanceStore(settings: StoreSettings) {
  const { now, random } = settings;
  /** A spread on top of a wait, never under it: 0–10 % of it, at least 0–1 s, so that routes do not line up. */
  const spread = (ms: number) => Math.floor(random() * Math.max(1_000, ms / 10));
  const seconds = (ms: number) => Math.floor(ms / 1000);

  function value(stored: Stored, at: number): Outcome {
    const freshness: Freshness = {
      lifetimeSeconds: seconds(stored.freshUntil - stored.storedAt),
      ageSeconds: seconds(Math.max(0, at - stored.storedAt)),
      staleWhileRevalidateSeconds: seconds(settings.staleWhileRevalidateMs),
      staleIfErrorSeconds: seconds(settings.staleIfErrorMs),
    };
    return { kind: "value", stored, freshness };
  }

  /** The stored answer while it may stand in for a failing upstream (stale-if-error), else the failure itself. */
  function fallback(team: Team, failure: Failure, at: number): Outcome {
    const { stored } = team;
    if (stored && at <= stored.freshUntil + settings.staleIfErrorMs) return value(stored, at);
    const retryAfterSeconds = failure.until > at ? Math.ceil((failure.until - at) / 1000) : undefined;
    return { kind: "error", error: failure.error, retryAfterSeconds };
  }

  function startFlight(team: Team, background: boolean): Flight {
    const controller = new AbortController();
    const flight: Flight = {
      holders: background ? 1 : 0,
      generation: team.generation,
      result: undefined!,
      release(reason) {
        if (--flight.holders > 0) return;
        // Nobody needs it any more: a viewer who comes now starts a read of its own.
        if (team.flight === flight) team.flight = undefined;
        controller.abort(reason);
      },
    };
    flight.result = team
      .read(controller.signal)
      .then((data) => store(team, flight, data), (error: unknown) => fail(team, error, controller.signal.aborted))
      .finally(() => {
        if (team.flight === flight) team.flight = undefined;
      });
    team.flight = flight;
    return flight;
  }

  async function store(team: Team, flight: Flight, data: unknown): Promise<Stored> {
    // The key in a JSON string is written with its escapes: that form is the one to cut out.
    const body = cutKeys(JSON.stringify(data), [JSON.stringify(team.secret).slice(1, -1)]);
    const etag = await etagOf(body);
    const at = now();
    const stored: Stored = { body, etag, length: byteLength(body), storedAt: at, freshUntil: at + settings.maxAgeMs * (1 - 0.1 * random()) };
    // Its own viewers asked before the top-up answered and get it; the stored balance is only ever one read since.
    if (flight.generation === team.generation) team.stored = stored;
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

  /** Waits for a flight on behalf of one viewer; the viewer leaving lets go of it (and cancels it if nobody holds it). */
  function waitFor(flight: Flight, signal: AbortSignal | undefined): Promise<Stored | Failure> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    flight.holders++;
    if (!signal) return flight.result;
    return new Promise((resolve, reject) => {
      const leave = () => {
        flight.release(signal.reason);
        reject(signal.reason);
      };
      // Removed once the read settles; an abort fires once.
      signal.addEventListener("abort", leave);
      flight.result.then(resolve, reject).finally(() => signal.removeEventListener("abort", leave));
    });
  }

  return {
    /**
     * The balance for one viewer: fresh from the store; stale at once while one refresh runs (stale-while-revalidate);
     * the last good answer while upstream fails or is being left alone (stale-if-error); else the shared read's result.
     * A read begun before the latest top-up is never joined: it cannot tell the balance since.
     * `keepAlive` receives a background refresh, for platforms that end a request's work when it has answered.
     */
    async read(team: Team, viewer: { readonly signal?: AbortSignal }, keepAlive?: (work: Promise<unknown>) => void): Promise<Outcome> {
      const at = now();
      const { stored } = team;
      if (stored && at < stored.freshUntil) return value(stored, at);
      const { failure } = team.cooldown;
      if (failure && at < failure.until) return fallback(team, failure, at);
      const current = team.flight?.generation === team.generation ? team.flight : undefined;
      if (stored && at <= stored.freshUntil + settings.staleWhileRevalidateMs) {
        if (!current) {
          const refresh = startFlight(team, true);
          keepAlive?.(refresh.result);
        }
        return value(stored, at);
      }
      const flight = current ?? startFlight(team, false);
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
