// Instructions per call under valgrind's callgrind: the same count for the same work whatever else the machine does,
// so a few percent can be told apart where CPU time cannot. V8 runs with --predictable (one thread, no concurrent
// compilation), without which the counts wander by 30% between runs. Each contender runs N and 3N calls in the
// in-process setting; the difference over 2N calls is its cost per call, with start-up and warm-up cancelled out.
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { REPO_ROOT } from "../scripts/tooling/paths";

export type InstructionResult = { name: string; perCall: number };

const N = 500;
const MEASURED = ["raw fetch + JSON.parse", "bare openapi-fetch", "openapi-fetch + timeout signal", "olostep-billing getCreditsInfo()"];

function collected(name: string, count: number): number {
  const result = spawnSync(
    "valgrind",
    ["--tool=callgrind", "--callgrind-out-file=/dev/null", process.execPath, "--predictable", "-r", resolve(REPO_ROOT, "scripts/register.js"), resolve(__dirname, "calls.ts"), name, String(count)],
    { encoding: "utf8", cwd: REPO_ROOT },
  );
  const match = /Collected : (\d+)/.exec(result.stderr);
  if (result.status !== 0 || !match) throw new Error(`callgrind on ${name} failed: ${result.stderr.split("\n").slice(-3).join(" ")}`);
  return Number(match[1]);
}

/** undefined where valgrind is not installed (`apt-get install valgrind`). */
export function measureInstructions(): InstructionResult[] | undefined {
  if (spawnSync("valgrind", ["--version"]).status !== 0) return undefined;
  return MEASURED.map((name) => ({ name, perCall: (collected(name, 3 * N) - collected(name, N)) / (2 * N) }));
}
