// Prints the closing line CI reads, `tests: N passed, N failed`, from jest's own --json results: one file per run,
// summed. A file that is missing or empty counts as a failed run (jest died before writing it), never as zero tests.
import { readFileSync } from "node:fs";
import { SCRIPT_EXIT } from "./tooling/exit-codes";
import { ScriptExit, runMain } from "./tooling/run-main";

type JestResults = { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number; numRuntimeErrorTestSuites?: number };

runMain(async () => {
  const files = process.argv.slice(2);
  if (files.length === 0) throw new ScriptExit("usage: test-summary <jest-results.json>...", SCRIPT_EXIT.refused);
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const missing: string[] = [];
  for (const file of files) {
    let results: JestResults;
    try {
      results = JSON.parse(readFileSync(file, "utf8")) as JestResults;
    } catch {
      missing.push(file);
      continue;
    }
    passed += results.numPassedTests;
    // A suite that failed to run (a syntax error, a crash in beforeAll) has no failed test of its own: count it as one.
    failed += results.numFailedTests + (results.numRuntimeErrorTestSuites ?? 0);
    skipped += results.numPendingTests + results.numTodoTests;
  }
  if (missing.length) console.log(`test-summary: no results in ${missing.join(", ")}: counted as a failed run each`);
  failed += missing.length;
  console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
  return failed ? 1 : 0;
});
