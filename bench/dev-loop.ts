// The developer loop: wall time of the commands people wait for, each run in a fresh process.
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { CLI_BIN as BIN, REPO_ROOT as REPO } from "../scripts/tooling/paths";
import { median } from "./stats";


export type LoopResult = { name: string; seconds: number; runs: number; target?: string };

function timeCommand(command: string, args: string[], runs: number, env: NodeJS.ProcessEnv = {}): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const result = spawnSync(command, args, { cwd: REPO, stdio: "ignore", env: { ...process.env, SCARF_ANALYTICS: "false", ...env } });
    if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} exited ${result.status}`);
    times.push((performance.now() - started) / 1000);
  }
  return median(times);
}

export async function measureDevLoop(options: { withTests: boolean }): Promise<LoopResult[]> {
  const results: LoopResult[] = [
    { name: "npm run generate", seconds: timeCommand("npm", ["run", "-s", "generate", "--", "--out", resolve(REPO, "bench", ".generated-tmp")], 3), runs: 3, target: "< 2 s" },
    { name: "olostep-billing --version (cold)", seconds: timeCommand(process.execPath, [BIN, "--version"], 10), runs: 10, target: "< 0.3 s" },
    { name: "olostep-billing --mock credits (cold)", seconds: timeCommand(process.execPath, [BIN, "--mock", "credits"], 3), runs: 3 },
  ];
  if (options.withTests) {
    results.push({ name: "npm test (Prism start included)", seconds: timeCommand("npm", ["test", "--", "--silent"], 1), runs: 1, target: "< 60 s" });
  }
  return results;
}
