// How many runs the property tests make and from which seed: a few in `npm test`, many in the slow tier
// (BILLING_ALL_TESTS=1), and the seed printed, so that BILLING_FC_SEED (and BILLING_FC_PATH, the failing run's path
// fast-check prints) replays a failure exactly. Shrinking re-runs spec:update and Prism per step, so it is asked for
// (BILLING_FC_SHRINK=1) when replaying, not done in every failing suite.
import type { Parameters as FcParameters } from "fast-check";

/** The seed CI replays (any number: fixed so that a red in CI is the code's, and the same on a re-run). */
export const CI_SEED = 20261207;

export function runOptions(name: string, runs: { everyday: number; slow: number }): FcParameters<unknown> {
  // CI replays one fixed seed, so that its verdict is the code's and never the draw's; a run on a laptop draws a new one
  // each time and explores, and what it finds is replayed by its seed.
  const seed = process.env.BILLING_FC_SEED ? Number(process.env.BILLING_FC_SEED) : process.env.CI === "true" ? CI_SEED : (Math.random() * 2 ** 31) | 0;
  const numRuns = process.env.BILLING_FC_RUNS ? Number(process.env.BILLING_FC_RUNS) : process.env.BILLING_ALL_TESTS === "1" ? runs.slow : runs.everyday;
  console.log(`${name}: fast-check seed ${seed}, ${numRuns} run(s); replay with BILLING_FC_SEED=${seed}`);
  return {
    seed,
    numRuns,
    ...(process.env.BILLING_FC_PATH ? { path: process.env.BILLING_FC_PATH } : {}),
    endOnFailure: process.env.BILLING_FC_SHRINK !== "1",
    verbose: 1,
  };
}
