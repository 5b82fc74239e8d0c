// Prints the closing line CI reads, `tests: N passed, N failed`, from jest's own --json results.
import { readFileSync } from "node:fs";
import { runMain } from "./tooling/run-main";

type JestResults = { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };

runMain(async () => {
  const file = process.argv[2];
  if (!file) throw new Error("usage: test-summary <jest-results.json>");
  const results = JSON.parse(readFileSync(file, "utf8")) as JestResults;
  const skipped = results.numPendingTests + results.numTodoTests;
  console.log(`tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ""}`);
});
