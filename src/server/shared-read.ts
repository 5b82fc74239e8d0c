// A read in flight that viewers share, and the two ways a viewer waits on one: until it settles (holding it, so that
// it is cancelled only when the last viewer has left), or for a while (a stale viewer, who has an answer to fall
// back on). Timers are the runtime's, looked up on each call and cleared as the wait ends, in the request's own context
// (workerd drops a timer of a request that has answered).

/** A read in flight: viewers waiting on it hold it; when the last one leaves, it is cancelled (a refresh holds its own).
 * `generation` is the team's when it started: a top-up since then makes its answer no longer the balance. */
export type Flight<T> = { result: Promise<T>; holders: number; generation: number; release(reason: unknown): void };

/**
 * Starts `run` as a shared read. `background`: a refresh that holds itself, so that no viewer leaving cancels it.
 * `letGo` is told once nobody needs the read any more (every holder left, or it settled).
 */
export function startFlight<T>(generation: number, background: boolean, run: (signal: AbortSignal) => Promise<T>, letGo: (flight: Flight<T>) => void): Flight<T> {
  const controller = new AbortController();
  const flight: Flight<T> = {
    holders: background ? 1 : 0,
    generation,
    result: undefined!,
    release(reason) {
      if (--flight.holders > 0) return;
      // Nobody needs it any more: a viewer who comes now starts a read of its own.
      letGo(flight);
      controller.abort(reason);
    },
  };
  flight.result = run(controller.signal).finally(() => letGo(flight));
  return flight;
}

/** Waits for a flight on behalf of one viewer; the viewer leaving lets go of it (and cancels it if nobody holds it). */
export function waitFor<T>(flight: Flight<T>, signal: AbortSignal | undefined): Promise<T> {
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

/** The wait ran out before the work settled. */
export const LATE = Symbol("late");
/** The viewer left first. */
export const LEFT = Symbol("left");

/** `work`'s value if it settles within `ms`; else LATE, or LEFT once the viewer's signal aborts. Holds nothing. */
export function settledWithin<T>(work: Promise<T>, ms: number, signal: AbortSignal | undefined): Promise<T | typeof LATE | typeof LEFT> {
  if (signal?.aborted) return Promise.resolve(LEFT);
  if (ms <= 0) return Promise.resolve(LATE);
  return new Promise((resolve, reject) => {
    const end = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", leave);
    };
    const leave = () => (end(), resolve(LEFT));
    const timer = setTimeout(() => (end(), resolve(LATE)), ms);
    signal?.addEventListener("abort", leave);
    work.then(
      (value) => (end(), resolve(value)),
      (error: unknown) => (end(), reject(error)),
    );
  });
}
