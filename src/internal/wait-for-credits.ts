// Polls the balance until a top-up lands: the vendor adds purchased credits later, from Stripe's webhook.
import { getUserCreditsInfo } from "../../generated/operations.js";
import { delayProblem } from "./config.js";
import { TimeoutError, ValidationError } from "../errors.js";
import { createDeadlines } from "./deadlines.js";
import { sleep } from "./sleep.js";
import type { CallOptions } from "./call-options.js";
import type { CreditsInfo } from "../types.js";

/** `waitForCredits`' defaults: two minutes in all, a poll every three seconds. */
export const WAIT_DEFAULTS = {
  /** How long to wait in all. */
  timeoutMs: 120_000,
  /** The pause between polls. */
  intervalMs: 3_000,
} as const;

/** What `waitForCredits` waits for, and how long. */
export type WaitForCreditsOptions = CallOptions & {
  /** Resolve once `credits` is at least this. */
  atLeast: number;
  /** Give up after this long, the polls included. Default 120 000 (2 minutes); at most 2 147 483 647. */
  timeoutMs?: number;
  /** Pause between polls. Default 3 000. */
  intervalMs?: number;
};

type GetCreditsInfo = (options: { signal?: AbortSignal; headers?: Record<string, string> }) => Promise<CreditsInfo>;

export async function waitForCredits(getCreditsInfo: GetCreditsInfo, options: WaitForCreditsOptions): Promise<CreditsInfo> {
  const { atLeast, timeoutMs = WAIT_DEFAULTS.timeoutMs, intervalMs = WAIT_DEFAULTS.intervalMs } = options;
  const { method, path } = getUserCreditsInfo;
  const where = { method, path };
  const problem =
    (typeof atLeast === "number" && Number.isFinite(atLeast) && atLeast >= 0 ? undefined : `atLeast must be a non-negative number, not ${String(atLeast)}`) ??
    delayProblem("timeoutMs", timeoutMs) ??
    delayProblem("intervalMs", intervalMs);
  if (problem) throw new ValidationError(`waitForCredits: ${problem}`, where);
  // The whole wait's time limit is a deadline like each attempt's (deadlines.ts): one timer mechanism in the client.
  const controller = new AbortController();
  const deadlines = createDeadlines(timeoutMs, () => new DOMException(`no balance of ${atLeast} within ${timeoutMs} ms`, "TimeoutError"));
  const deadline = deadlines.start(controller);
  const signal = options.signal ? AbortSignal.any([options.signal, controller.signal]) : controller.signal;
  let lastSeen: number | undefined;
  try {
    for (;;) {
      const info = await getCreditsInfo({ signal, headers: options.headers });
      lastSeen = info.credits;
      if ((info.credits ?? 0) >= atLeast) return info;
      await sleep(intervalMs, signal);
    }
  } catch (error) {
    // Our own deadline, not the caller's abort: say how far the balance got.
    if (deadline.expired && !options.signal?.aborted) {
      const seen = lastSeen === undefined ? "no balance was read" : `the last balance seen was ${lastSeen}`;
      throw new TimeoutError(`Credits did not reach ${atLeast} within ${timeoutMs} ms; ${seen}`, { ...where, cause: error });
    }
    throw error;
  } finally {
    deadlines.settle(deadline);
  }
}
