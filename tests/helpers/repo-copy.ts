// A copy of the repository as a clone has it (no node_modules, build, API reference or consumer project), with this
// node_modules linked in: for the slow tests that run spec:update with its type check, or jest, where a user would.
import { cpSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { spawnSync } from "node:child_process";
import { REPO } from "./run-script";

const copies: string[] = [];
afterAll(() => copies.splice(0).forEach((copy) => rmSync(copy, { recursive: true, force: true })));

/** The copy's folder; removed after the test file by itself. */
export function copyOfRepo(prefix: string): string {
  const copy = mkdtempSync(join(tmpdir(), prefix));
  copies.push(copy);
  const skipped = ["node_modules", "dist", ".git", join("docs", "api"), join("tests", "consumers"), "coverage"];
  cpSync(REPO, copy, { recursive: true, filter: (source) => !skipped.includes(relative(REPO, source)) });
  symlinkSync(join(REPO, "node_modules"), join(copy, "node_modules"), "junction");
  return copy;
}

/** A script of the copy's scripts/ (spec-update.ts, …), run there as `npm run` would. */
export function scriptIn(copy: string, script: string, args: string[]) {
  const result = spawnSync(process.execPath, ["-r", join(copy, "scripts", "register.js"), join(copy, "scripts", script), ...args], { cwd: copy, encoding: "utf8" });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * jest in the copy on `files`, transformed as the everyday suite transforms them, without its global set-up (one
 * Prism for the run, and a build of dist/): for tests that read files and need neither, so that a busy machine's slow
 * Prism start cannot fail them; with `prism`, the one Prism only (for the contract tests on the copy's spec).
 */
export function jestIn(copy: string, files: string[], options: { prism?: boolean } = {}): { code: number | null; output: string } {
  const config = {
    rootDir: copy,
    // With `prism`: one Prism for the run, on the copy's spec (PRISM_URL), and no build of dist/.
    ...(options.prism ? { globalSetup: "<rootDir>/tests/helpers/prism-only-setup.ts", globalTeardown: "<rootDir>/tests/helpers/prism-global-teardown.ts" } : {}),
    testEnvironment: "node",
    testMatch: files.map((file) => `<rootDir>/${file}`),
    transform: { "^.+\\.ts$": ["ts-jest", { diagnostics: false, tsconfig: { module: "commonjs", moduleResolution: "node10" } }] },
    moduleNameMapper: { "^(\\.{1,2}/.*)\\.js$": "$1" },
  };
  const result = spawnSync(process.execPath, [require.resolve("jest/bin/jest"), "--ci", "--verbose", "--config", JSON.stringify(config)], { cwd: copy, encoding: "utf8", env: { ...process.env, BILLING_ALL_TESTS: "" } });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}
