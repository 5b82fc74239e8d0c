// npm runs scripts with cmd.exe on Windows (and users call them from PowerShell): package.json's scripts keep to what
// every shell runs, and scripts/with-env.cjs sets what `VAR=1 command` would have.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { REPO } from "../helpers/run-script";
import { stretched } from "../../core/patience";

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

const PRINT_ENV = "./tests/fixtures/print-env";

test("with-env runs a package's bin with the variables set, and passes its exit code on", async () => {
  const result = await run(["BILLING_ALL_TESTS=1", "EMPTY=", "WITH_EQUALS=a=b", "--", PRINT_ENV, "3", "BILLING_ALL_TESTS", "EMPTY", "WITH_EQUALS", "HOME_NOT_SET_HERE"]);
  expect(result.code).toBe(3);
  expect(JSON.parse(result.stdout)).toEqual({ BILLING_ALL_TESTS: "1", EMPTY: "", WITH_EQUALS: "a=b", HOME_NOT_SET_HERE: null });
});

test("with-env finds a dependency's bin in node_modules (jest, as test:all runs it)", async () => {
  const result = await run(["X=1", "--", "jest", "--version"]);
  expect([result.code, result.stdout.trim()]).toEqual([0, (require("jest/package.json") as { version: string }).version]);
}, stretched(60_000));

test("with-env refuses a malformed call with its usage, and runs nothing", async () => {
  const bad = await run(["NOT AN ASSIGNMENT", "--", PRINT_ENV, "0"]);
  expect([bad.code, bad.stdout, bad.stderr.trim()]).toEqual([2, "", "usage: node scripts/with-env.cjs NAME=value ... -- package [arguments ...]"]);
});
