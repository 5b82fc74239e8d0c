// The line CI ends with, `tests: N passed, N failed`, summed over the runners' own result files.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runScript } from "../helpers/run-script";

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "test-summary-"));
  const results = (passed: number, failed: number, pending: number, broken = 0) =>
    JSON.stringify({ numPassedTests: passed, numFailedTests: failed, numPendingTests: pending, numTodoTests: 0, numRuntimeErrorTestSuites: broken });
  writeFileSync(join(work, "suite.json"), results(600, 0, 0));
  writeFileSync(join(work, "consumers.json"), results(70, 2, 1, 1));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

test("sums every file; a suite that could not run counts as a failure, and a missing file as a failed run", () => {
  const result = runScript("test-summary.ts", [join(work, "suite.json"), join(work, "consumers.json"), join(work, "absent.json")]);
  expect(result.code).toBe(1);
  const lines = result.stdout.trim().split("\n");
  expect(lines[0]).toBe(`test-summary: no results in ${join(work, "absent.json")}: counted as a failed run each`);
  expect(lines.at(-1)).toBe("tests: 670 passed, 4 failed, 1 skipped");
});
