// Runs one of the repository's npm-script commands as a child process, as a user would.
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { REPO_ROOT as REPO } from "../../scripts/tooling/paths";

export { REPO };

export type ScriptResult = { code: number | null; stdout: string; stderr: string };

/** `script` is a TypeScript file under scripts/, run the way package.json runs it. */
export function runScript(script: string, args: string[], env: Record<string, string> = {}): ScriptResult {
  const result = spawnSync(process.execPath, ["-r", resolve(REPO, "scripts", "register.js"), resolve(REPO, "scripts", script), ...args], {
    cwd: REPO,
    encoding: "utf8",
    env: { ...process.env, ...env },
    timeout: 30_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
