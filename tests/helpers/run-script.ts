// Runs one of the repository's npm-script commands as a child process, as a user would.
import { execFile, spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { patientTimer, stretched } from "../../core/patience";
import { REPO_ROOT as REPO } from "../../scripts/tooling/paths";

export { REPO };

export type ScriptResult = { code: number | null; stdout: string; stderr: string };

/** Node's arguments for `script`, a TypeScript file under scripts/, run the way package.json runs it. */
const nodeArgs = (script: string, args: string[]) => ["-r", resolve(REPO, "scripts", "register.js"), resolve(REPO, "scripts", script), ...args];

export function runScript(script: string, args: string[], env: Record<string, string> = {}): ScriptResult {
  const result = spawnSync(process.execPath, nodeArgs(script, args), {
    cwd: REPO,
    encoding: "utf8",
    env: { ...process.env, ...env },
    // A script that hangs must not hang the worker (spawnSync blocks jest's own timeout): 30 s on an idle machine,
    // stretched by the load as the script starts (a synchronous wait cannot look again later).
    timeout: stretched(30_000),
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** As runScript, without blocking this process: for scripts that can run side by side. */
export function runScriptAsync(script: string, args: string[]): Promise<ScriptResult> {
  return new Promise((done) => {
    const child = execFile(process.execPath, nodeArgs(script, args), { cwd: REPO, encoding: "utf8" }, (error, stdout, stderr) => {
      limit.cancel();
      done({ code: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout, stderr });
    });
    // Killed only when it has had 60 s on an idle machine, longer on a busy one, and longer still while it works.
    const limit = patientTimer(60_000, () => child.kill("SIGKILL"), child.pid);
  });
}
