// Polls the balance until a top-up lands: the vendor adds purchased credits later, from Stripe's webhook.
import { sleep } from "./abortable.js";
import { TimeoutError, ValidationError } from "./errors.js";
import type { CreditsInfo } from "./types.js";

export type WaitForCreditsOptions = {
  /** Resolve once `credits` is at least this. */
  atLeast: number;
  /** Give up after this long, the polls included. Default 120 000 (2 minutes). */
  timeoutMs?: number;
  /** Pause between polls. Default 3 000. */
  intervalMs?: number;
  signal?: AbortSignal;
  headers?: Record<string, string>;
};

export const WAIT_DEFAULTS = { timeoutMs: 120_000, intervalMs: 3_000 } as const;

type GetCreditsInfo = (options: { signal?: AbortSignal; headers?: Record<string, string> }) => Promise<CreditsInfo>;

export async function waitForCredits(getCreditsInfo: GetCreditsInfo, options: WaitForCreditsOptions): Promise<CreditsInfo> {
  const { atLeast, timeoutMs = WAIT_DEFAULTS.timeoutMs, intervalMs = WAIT_DEFAULTS.intervalMs } = options;
  const where = { method: "GET", path: "/user/credits/info" };
  for (const [name, value] of [["atLeast", atLeast], ["timeoutMs", timeoutMs], ["intervalMs", intervalMs]] as const) {
    if (!(typeof value === "number" && Number.isFinite(value) && value >= 0)) {
      throw new ValidationError(`waitForCredits: ${name} must be a non-negative number, not ${String(value)}`, where);
    }
  }
  const deadline = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
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
    if (deadline.aborted && !options.signal?.aborted) {
      const seen = lastSeen === undefined ? "no balance was read" : `the last balance seen was ${lastSeen}`;
      throw new TimeoutError(`Credits did not reach ${atLeast} within ${timeoutMs} ms; ${seen}`, { ...where, cause: error });
    }
    throw error;
  }
}
