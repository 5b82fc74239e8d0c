// Builds dist/ when a source is newer than the compiled bin: for the CLI tests and the benchmark (npm ci builds it too).
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { CLI_BIN as BIN, REPO_ROOT as REPO } from "./paths";

function newestSourceMs(dir: string): number {
  return Math.max(
    0,
    ...readdirSync(dir, { withFileTypes: true }).map((entry) => {
      const path = join(dir, entry.name);
      return entry.isDirectory() ? newestSourceMs(path) : statSync(path).mtimeMs;
    }),
  );
}

export function ensureBuilt(): void {
  const sources = Math.max(...["src", "core", "generated", "mocks", "openapi"].map((dir) => newestSourceMs(join(REPO, dir))));
  if (existsSync(BIN) && statSync(BIN).mtimeMs >= sources) return;
  execFileSync(process.execPath, ["-r", join(REPO, "scripts", "register.js"), join(REPO, "scripts", "build.ts")], {
    cwd: REPO,
    stdio: ["ignore", "ignore", "inherit"],
  });
}
