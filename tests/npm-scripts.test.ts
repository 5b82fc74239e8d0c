// npm runs scripts with cmd.exe on Windows (and users call them from PowerShell): package.json's scripts keep to what
// every shell runs, and scripts/with-env.cjs sets what `VAR=1 command` would have.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { REPO } from "./helpers/run-script";

const scripts = (JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
const WITH_ENV = join(REPO, "scripts", "with-env.cjs");
const run = (args: string[]) =>
  promisify(execFile)(process.execPath, [WITH_ENV, ...args], { cwd: REPO, encoding: "utf8", env: { ...process.env, BILLING_ALL_TESTS: undefined } }).then(
    (result) => ({ code: 0, ...result }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );

test.each(Object.entries(scripts))("%s runs under sh, cmd.exe and PowerShell alike", (_name, command) => {
  // No `exec`, no `VAR=value command`, no single quotes (cmd.exe passes them on), no $VAR, no POSIX-only operators.
  expect(command).not.toMatch(/(^|[;&|]\s*)exec\s/);
  expect(command).not.toMatch(/(^|&&\s*)[A-Za-z_][A-Za-z0-9_]*=/);
  expect(command).not.toMatch(/'|\$[A-Za-z{(]|;|\bexport\b|\b(rm|cp|mv|mkdir|cat)\s/);
});

test("with-env runs a package's bin with the variables set (jest lists the slow tier only with BILLING_ALL_TESTS=1)", async () => {
  const [withTier, without] = await Promise.all([run(["BILLING_ALL_TESTS=1", "--", "jest", "--listTests"]), run(["X=1", "--", "jest", "--listTests"])]);
  expect(withTier.code).toBe(0);
  expect(withTier.stdout).toMatch(/tests[\\/]slow[\\/]/);
  expect(without.stdout).not.toMatch(/tests[\\/]slow[\\/]/);
  expect(without.stdout).toMatch(/npm-scripts\.test\.ts/);
  // Two jest start-ups: seconds on two busy cores.
}, 60_000);

test("with-env passes the bin's exit code on, and refuses a malformed call with its usage", async () => {
  expect((await run(["X=1", "--", "jest", "--definitely-not-an-option"])).code).not.toBe(0);
  const bad = await run(["NOT AN ASSIGNMENT", "--", "jest"]);
  expect([bad.code, bad.stderr.trim()]).toEqual([2, "usage: node scripts/with-env.cjs NAME=value ... -- package [arguments ...]"]);
}, 60_000);
