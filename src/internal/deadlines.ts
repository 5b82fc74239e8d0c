// The time limit of each attempt: a timer of its own, set as the attempt starts and cleared as it settles, so it is
// always armed in the attempt's own context. That is what Cloudflare Workers need: workerd drops a timer set during a
// request once that request has answered, with or without nodejs_compat (whose timers look like Node's, refresh()
// included), so a timer kept from an earlier call would never fire. One path on every runtime, no pool: bench/results.md
// has what the setTimeout/clearTimeout pair costs per call.

/** An attempt's timer; `expired` once it has fired (the attempt's controller is then aborted). */
export type Deadline = { expired: boolean; timer: unknown };

/** The timer functions; tests pass their own to drive time instead of waiting for it. */
export type Clock = { setTimeout(callback: () => void, ms: number): unknown; clearTimeout(timer: unknown): void };

// The globals are looked up on each call, not captured: a runtime may install its own (workerd's nodejs_compat does).
const REAL_CLOCK: Clock = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (timer) => clearTimeout(timer as number),
};

/** `reason`: what an expired attempt's controller is aborted with. */
export function createDeadlines(ms: number, reason: () => unknown, clock: Clock = REAL_CLOCK) {
  return {
    /** Starts an attempt's clock: `controller` is aborted with `reason()` once `ms` have passed, unless settled first. */
    start(controller: AbortController): Deadline {
      const deadline: Deadline = { expired: false, timer: undefined };
      deadline.timer = clock.setTimeout(() => {
        deadline.expired = true;
        controller.abort(reason());
      }, ms);
      return deadline;
    },
    /** The attempt is over (answered, failed or aborted): its timer goes with it. Settling twice is harmless. */
    settle(deadline: Deadline): void {
      clock.clearTimeout(deadline.timer);
    },
  };
}
