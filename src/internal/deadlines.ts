// The time limit of each attempt, on a timer armed in the attempt's own context. That matters on Cloudflare Workers:
// workerd drops a timer set during a request once that request has answered, so a timer shared by a module-scope
// client's calls stops firing after the first request. Each attempt sets and clears its own timer there (and in Deno
// and browsers, whose timers are plain handles). Where timers are refreshable objects that live as long as the process
// (Node, Bun), creating and clearing one on every call was the largest cost the client added to a call
// (bench/results.md): a settled attempt's timer is kept, unref'd, and the next attempt takes it over as it is.

export type Deadline = { readonly at: number; readonly controller: AbortController; expired: boolean; slot: Slot | undefined };

/** Node's and Bun's timers are objects that can be refreshed and unref'd; other runtimes give numbers. */
type Timer = { refresh?(): unknown; ref?(): unknown; unref?(): unknown };

/**
 * A timer and the attempt it guards (none while it waits in the pool). `dueAt`: when the timer fires, undefined once
 * it has; `ms`: the delay it was set with, which refresh() repeats.
 */
type Slot = { timer: Timer; ms: number; dueAt: number | undefined; deadline: Deadline | undefined };

/** The clock and the timer functions; tests pass their own to drive time instead of waiting for it. */
export type Clock = { now(): number; setTimeout(callback: () => void, ms: number): unknown; clearTimeout(timer: unknown): void };

const REAL_CLOCK: Clock = {
  now: () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (timer) => clearTimeout(timer as number),
};

/** Settled timers kept for reuse; past this, a burst's extra timers are cleared as they settle. */
const MAX_POOLED = 16;

/** `reason`: what an expired attempt's controller is aborted with. */
export function createDeadlines(ms: number, reason: () => unknown, clock: Clock = REAL_CLOCK) {
  const pool: Slot[] = [];

  /** Arms the slot's timer to fire in `delay`: refreshed when that is the delay it already has, else set anew. */
  function arm(slot: Slot, delay: number): void {
    slot.dueAt = clock.now() + delay;
    if (slot.timer && slot.ms === delay) {
      slot.timer.refresh!();
    } else {
      if (slot.timer) clock.clearTimeout(slot.timer);
      slot.ms = delay;
      slot.timer = clock.setTimeout(() => expire(slot), delay) as Timer;
    }
  }

  function expire(slot: Slot): void {
    slot.dueAt = undefined;
    const deadline = slot.deadline;
    // A pooled timer that comes due guards nothing: its attempt settled in time.
    if (!deadline) return;
    const left = deadline.at - clock.now();
    // Taken over from an earlier attempt, the timer came due before this attempt's own limit: wait out the rest.
    if (left > 0) return arm(slot, left);
    deadline.expired = true;
    release(slot);
    deadline.controller.abort(reason());
  }

  /** The slot's attempt is over: keep a refreshable timer for the next one (unref'd: it holds no process open). */
  function release(slot: Slot): void {
    slot.deadline = undefined;
    if (slot.timer.refresh && pool.length < MAX_POOLED) {
      slot.timer.unref?.();
      pool.push(slot);
    } else {
      clock.clearTimeout(slot.timer);
    }
  }

  return {
    /** Starts an attempt's clock: `controller` is aborted with `reason()` once `ms` have passed, unless settled first. */
    start(controller: AbortController): Deadline {
      const slot: Slot = pool.pop() ?? { timer: undefined!, ms: 0, dueAt: undefined, deadline: undefined };
      const deadline: Deadline = { at: clock.now() + ms, controller, expired: false, slot };
      slot.deadline = deadline;
      // A pooled timer still armed fires no later than this limit (it was set for an earlier one): it will do.
      if (slot.dueAt === undefined) arm(slot, ms);
      slot.timer.ref?.();
      return deadline;
    },
    /** The attempt is over (answered, failed or aborted); its timer no longer applies to it. */
    settle(deadline: Deadline): void {
      const slot = deadline.slot;
      if (slot?.deadline === deadline) release(slot);
    },
  };
}
