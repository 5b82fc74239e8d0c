// One team's balance as the route keeps it: the last good answer, the one upstream read in flight that every viewer
// shares, and when upstream may be asked again. Reads happen only when a viewer asks (no timer keeps calling upstream
// after viewers leave); everything is decided against an injected clock.
import { RateLimitError, ServerError } from "../index.js";
import { byteLength, etagOf, type Representation } from "./http-cache.js";
import { browserError, type HandlerError } from "./browser-errors.js";

/** A stored answer: its body and tag, when it was read, and until when it is fresh (up to 10 % early, at random, so that
 * routes started together do not refresh together). */
export type Stored = Representation & { storedAt: number; freshUntil: number };

/** A read in flight: viewers waiting on it hold it; when the last one leaves, it is cancelled (a refresh holds its own). */
type Flight = { result: Promise<Stored | Failure>; holders: number; release(reason: unknown): void };

/** Why a read failed, what the browser is told, and until when upstream is left alone. */
type Failure = { error: HandlerError; until: number };

export type Team = {
  /** The upstream read: the team's credits client's getCreditsInfo. */
  read(signal: AbortSignal): Promise<unknown>;
  /** Cut out of every body the route serves (an upstream echoing the key must not hand it to a browser). */
  secret: string;
  stored?: Stored;
  flight?: Flight;
  /** The last failure while upstream is being left alone (a cooldown after 429, a backoff after faults). */
  failure?: Failure;
  /** Failures in a row, for the backoff. */
  failures: number;
};

export type Outcome =
  | { kind: "value"; stored: Stored; maxAgeSeconds: number; ageSeconds: number }
  | { kind: "error"; error: HandlerError; retryAfterSeconds?: number }
  | { kind: "left" };

export type StoreSettings = {
  maxAgeMs: number;
  staleWhileRevalidateMs: number;
  staleIfErrorMs: number;
  now(): number;
  random(): number;
  log?(line: string): void;
};

/** After a fault (5xx, timeout, refused), upstream is left alone this long, doubled each time in a row, up to the cap. */
export const FAILURE_BACKOFF = { firstMs: 10_000, maxMs: 300_000 } as const;

export function createBalanceStore(settings: StoreSettings) {
  const { now, random } = settings;
  /** A spread on top of a wait, never under it: 0–10 % of it, at least 0–1 s, so that routes do not line up. */
  const spread = (ms: number) => Math.floor(random() * Math.max(1_000, ms / 10));

  function value(stored: Stored, at: number): Outcome {
    return { kind: "value", stored, maxAgeSeconds: Math.max(0, Math.ceil((stored.freshUntil - at) / 1000)), ageSeconds: Math.floor((at - stored.storedAt) / 1000) };
  }

  /** The stored answer while it may stand in for a failing upstream (stale-if-error), else the failure itself. */
  function fallback(team: Team, failure: Failure, at: number): Outcome {
    const { stored } = team;
    if (stored && at - stored.storedAt <= settings.maxAgeMs + settings.staleIfErrorMs) return value(stored, at);
    const retryAfterSeconds = failure.until > at ? Math.ceil((failure.until - at) / 1000) : undefined;
    return { kind: "error", error: failure.error, retryAfterSeconds };
  }

  function startFlight(team: Team, background: boolean): Flight {
    const controller = new AbortController();
    const flight: Flight = {
      holders: background ? 1 : 0,
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
      .then((data) => store(team, data), (error: unknown) => fail(team, error, controller.signal.aborted))
      .finally(() => {
        if (team.flight === flight) team.flight = undefined;
      });
    team.flight = flight;
    return flight;
  }

  async function store(team: Team, data: unknown): Promise<Stored> {
    // The key in a JSON string is written with its escapes: that form is the one to cut out. Real keys are long; cutting
    // a two-letter test key out of every word would garble the body.
    const secret = JSON.stringify(team.secret).slice(1, -1);
    const text = JSON.stringify(data);
    const body = secret.length >= 8 ? text.split(secret).join("[redacted]") : text;
    const at = now();
    const stored: Stored = { body, etag: await etagOf(body), length: byteLength(body), storedAt: at, freshUntil: at + settings.maxAgeMs * (1 - 0.1 * random()) };
    team.stored = stored;
    team.failure = undefined;
    team.failures = 0;
    return stored;
  }

  function fail(team: Team, error: unknown, abandoned: boolean): Failure {
    const at = now();
    // Cancelled because every viewer left: upstream did nothing wrong, and is not left alone for it.
    if (abandoned) return { error: { error: "cancelled", status: 499 }, until: at };
    const asked = error instanceof RateLimitError || error instanceof ServerError ? error.retryAfterSeconds : undefined;
    const waitMs = asked !== undefined ? asked * 1000 : Math.min(FAILURE_BACKOFF.maxMs, FAILURE_BACKOFF.firstMs * 2 ** team.failures);
    team.failures++;
    const failure: Failure = { error: browserError(error), until: at + waitMs + spread(waitMs) };
    team.failure = failure;
    settings.log?.(`olostep-billing route: upstream ${failure.error.error} (${failure.error.status}); next upstream read in ${Math.ceil((failure.until - at) / 1000)} s at the earliest`);
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
      signal.addEventListener("abort", leave, { once: true });
      flight.result.then(resolve, reject).finally(() => signal.removeEventListener("abort", leave));
    });
  }

  return {
    /**
     * The balance for one viewer: fresh from the store; stale at once while one refresh runs (stale-while-revalidate);
     * the last good answer while upstream fails or is being left alone (stale-if-error); else the shared read's result.
     * `keepAlive` receives a background refresh, for platforms that end a request's work when it has answered.
     */
    async read(team: Team, viewer: { readonly signal?: AbortSignal }, keepAlive?: (work: Promise<unknown>) => void): Promise<Outcome> {
      const at = now();
      const { stored } = team;
      if (stored && at < stored.freshUntil) return value(stored, at);
      if (team.failure && at < team.failure.until) return fallback(team, team.failure, at);
      if (stored && at - stored.storedAt <= settings.maxAgeMs + settings.staleWhileRevalidateMs) {
        if (!team.flight) {
          const refresh = startFlight(team, true);
          keepAlive?.(refresh.result);
        }
        return value(stored, at);
      }
      const flight = team.flight ?? startFlight(team, false);
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
    /** Forgets the stored answer (after a top-up through the route): the next viewer reads upstream. */
    invalidate(team: Team): void {
      team.stored = undefined;
    },
  };
}
