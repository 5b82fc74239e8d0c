// How long a fresh node process takes to load each client (wall time, median of runs, an empty process subtracted).
import { spawnSync } from "node:child_process";
import { REPO_ROOT } from "../scripts/tooling/paths";
import { CONTENDERS } from "./contenders";
import { median } from "./stats";

export type ColdImportResult = { name: string; ms: number };

const RUNS = 7;

function wallMs(code: string): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const result = spawnSync(process.execPath, ["-e", code], { cwd: REPO_ROOT, stdio: "ignore" });
    if (result.status !== 0) throw new Error(`node -e '${code}' exited ${result.status}`);
    times.push(performance.now() - started);
  }
  return median(times);
}

export function measureColdImport(): ColdImportResult[] {
  const empty = wallMs("");
  return CONTENDERS.filter((c) => c.load && !c.name.includes("timeout signal")).map((c) => ({ name: c.name, ms: Math.max(0, wallMs(c.load) - empty) }));
}
