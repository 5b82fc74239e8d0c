// Instructions per call under valgrind's callgrind: the same count for the same work whatever else the machine does,
// so a few percent can be told apart where CPU time cannot. V8 runs with --predictable (one thread, no concurrent
// compilation), without which the counts wander by 30% between runs. Each contender runs N and 3N calls in the
// in-process setting; the difference over 2N calls is its cost per call, with start-up and warm-up cancelled out.
// N is 1,000: with 500 the window still holds JIT and GC warm-up, and a change of code shape moved counts by 2%.
import { spawn, spawnSync } from "node:child_process";
import { cpus } from "node:os";
import { resolve } from "node:path";
import { REPO_ROOT } from "../scripts/tooling/paths";

export type InstructionResult = { name: string; perCall: number };

const N = 1_000;
const MEASURED = ["raw fetch + JSON.parse", "bare openapi-fetch", "openapi-fetch + timeout signal", "olostep-billing getCreditsInfo()"];

/** The instructions one run of `count` calls made; counts do not depend on what else runs, so runs go in parallel. */
function collected(name: string, count: number): Promise<number> {
  const args = ["--tool=callgrind", "--callgrind-out-file=/dev/null", process.execPath, "--predictable", "-r", resolve(REPO_ROOT, "scripts/register.js"), resolve(__dirname, "calls.ts"), name, String(count)];
  return new Promise((resolvePromise, reject) => {
    const child = spawn("valgrind", args, { cwd: REPO_ROOT, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      const match = /Collected : (\d+)/.exec(stderr);
      if (code !== 0 || !match) reject(new Error(`callgrind on ${name} failed: ${stderr.split("\n").slice(-3).join(" ")}`));
      else resolvePromise(Number(match[1]));
    });
  });
}

/** Runs `jobs` with at most `limit` at once, results in order. */
async function pooled<T>(jobs: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < jobs.length; index = next++) results[index] = await jobs[index]!();
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return results;
}

/** undefined where valgrind is not installed (`apt-get install valgrind`). */
export async function measureInstructions(): Promise<InstructionResult[] | undefined> {
  if (spawnSync("valgrind", ["--version"]).status !== 0) return undefined;
  const runs = await pooled(MEASURED.flatMap((name) => [() => collected(name, N), () => collected(name, 3 * N)]), cpus().length);
  return MEASURED.map((name, i) => ({ name, perCall: (runs[2 * i + 1]! - runs[2 * i]!) / (2 * N) }));
}
