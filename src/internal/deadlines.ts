// The time limits of one transport's attempts on one shared timer. Every attempt of a client has the same limit, so
// deadlines come due in the order they were set, and one timer armed for the earliest serves them all. A timer per
// attempt (a setTimeout and a clearTimeout on every call) was the largest cost the client added to a call
// (bench/results.md); this keeps the same rule, each attempt aborted once its own limit has passed.

export type Deadline = { readonly at: number; readonly controller: AbortController; expired: boolean; settled: boolean };

/** Node's timers can stop holding the process open; a browser's timer ids are numbers, with nothing to do. */
type Timer = ReturnType<typeof setTimeout> & { ref?(): unknown; unref?(): unknown };

/** The clock and the timer; tests pass their own to drive time instead of waiting for it. */
export type Clock = { now(): number; setTimeout(callback: () => void, ms: number): unknown };

const REAL_CLOCK: Clock = { now: () => performance.now(), setTimeout: (callback, ms) => setTimeout(callback, ms) };

/** `reason`: what an expired attempt's controller is aborted with. */
export function createDeadlines(ms: number, reason: () => unknown, clock: Clock = REAL_CLOCK) {
  /** Attempts in the order they started, which is the order they come due; settled ones leave from the front. */
  const queue: Deadline[] = [];
  let live = 0;
  let timer: Timer | undefined;

  function arm(delay: number): void {
    timer = clock.setTimeout(expire, Math.max(0, delay)) as Timer;
    if (live === 0) timer.unref?.();
  }

  function expire(): void {
    timer = undefined;
    const now = clock.now();
    for (let head = queue[0]; head && (head.settled || head.at <= now); head = queue[0]) {
      queue.shift();
      if (head.settled) continue;
      head.expired = true;
      settle(head);
      head.controller.abort(reason());
    }
    if (queue.length > 0) arm(queue[0]!.at - now);
  }

  function settle(deadline: Deadline): void {
    if (deadline.settled) return;
    deadline.settled = true;
    live--;
    while (queue[0]?.settled) queue.shift();
    // Idle, the timer must not keep a process alive that has nothing left to wait for.
    if (live === 0) timer?.unref?.();
  }

  return {
    /** Starts an attempt's clock: `controller` is aborted with `reason()` once `ms` have passed, unless settled first. */
    start(controller: AbortController): Deadline {
      const deadline: Deadline = { at: clock.now() + ms, controller, expired: false, settled: false };
      queue.push(deadline);
      if (++live === 1) timer?.ref?.();
      if (!timer) arm(ms);
      return deadline;
    },
    settle,
  };
}
