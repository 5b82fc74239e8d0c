// Runs one of the repository's npm-script commands as a child process, as a user would.
import { execFile, spawnSync } from "node:child_process";
import { resolve } from "node:path";
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
    timeout: 30_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** As runScript, without blocking this process: for scripts that can run side by side. */
export function runScriptAsync(script: string, args: string[]): Promise<ScriptResult> {
  return new Promise((done) => {
    execFile(process.execPath, nodeArgs(script, args), { cwd: REPO, encoding: "utf8", timeout: 60_000 }, (error, stdout, stderr) =>
      done({ code: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout, stderr }),
    );
  });
}
