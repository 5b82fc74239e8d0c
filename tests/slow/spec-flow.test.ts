// What the weekly pull meets most: the vendor adds an endpoint, or rewrites the same API as OpenAPI 3.1. Each goes
// through `spec:update` with its type check on a copy of the repository, then the tests that read the spec run there:
// exit 0, the new operation in the contract matrix on both mocks, and no test pinned to the old spec.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { asOpenApi31, withCreditsHistory } from "../fixtures/spec-variants";
import { REPO } from "../helpers/run-script";
import { loadSpec, type Spec } from "../helpers/spec";
import { stretched } from "../../core/patience";

// Type-checking the repository and running jest in a copy take minutes on two busy cores; nothing here waits on a clock.
jest.setTimeout(stretched(600_000));

/** What a clone has (no node_modules, build, API reference or consumer project), with this node_modules linked in. */
function copyOfRepo(): string {
  const copy = mkdtempSync(join(tmpdir(), "billing-spec-flow-"));
  const skipped = ["node_modules", "dist", ".git", join("docs", "api"), join("tests", "consumers"), "coverage"];
  cpSync(REPO, copy, { recursive: true, filter: (source) => !skipped.includes(relative(REPO, source)) });
  symlinkSync(join(REPO, "node_modules"), join(copy, "node_modules"), "junction");
  return copy;
}

function specUpdate(copy: string, incoming: Spec) {
  const file = join(copy, "..", `${copy.split(sep).pop()}-incoming.json`);
  writeFileSync(file, JSON.stringify(incoming, null, 2));
  try {
    return spawnSync(process.execPath, ["-r", join(copy, "scripts", "register.js"), join(copy, "scripts", "spec-update.ts"), file], { cwd: copy, encoding: "utf8" });
  } finally {
    rmSync(file, { force: true });
  }
}

/** jest in the copy, on the tests that read the spec: the contract matrix on both mocks, the vendor pins, the refusals. */
function testsIn(copy: string): { code: number | null; output: string } {
  const files = ["tests/client/contract.test.ts", "tests/spec/seed-equality.test.ts", "tests/spec/generate.test.ts", "tests/mocks/scenarios.test.ts"];
  const result = spawnSync(process.execPath, [require.resolve("jest/bin/jest"), "--ci", "--verbose", ...files], { cwd: copy, encoding: "utf8", env: { ...process.env, BILLING_ALL_TESTS: "" } });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

const copies: string[] = [];
afterAll(() => copies.forEach((copy) => rmSync(copy, { recursive: true, force: true })));

test("an added endpoint: spec:update exits 0 and names the operation with no method yet; the contract matrix calls it on both mocks", () => {
  const copy = copyOfRepo();
  copies.push(copy);
  const update = specUpdate(copy, withCreditsHistory(loadSpec()));
  expect([update.status, update.stderr]).toEqual([0, ""]);
  expect(update.stdout).toMatch(/info\s+GET \/user\/credits\/history\s+operation\s+endpoint-added/);
  expect(update.stdout).toContain("spec:update: no convenience method yet for GET /user/credits/history: it works through client.raw");
  expect(update.stdout).toContain("spec:update: type check passes");
  expect(readFileSync(join(copy, "generated", "operations.ts"), "utf8")).toContain('"GET /user/credits/history": getUserCreditsHistory,');

  const { code, output } = testsIn(copy);
  expect([code, output.match(/^.*(failed|✕).*$/gm)]).toEqual([0, null]);
  for (const host of ["Prism", "MSW handlers"]) {
    for (const status of ["200", "402", "500"]) expect(output).toMatch(new RegExp(`✓ GET /user/credits/history ${status}\\b.* on ${host} gives the outcome its documented answer maps to`));
  }
});

test("the same API as OpenAPI 3.1: spec:update exits 0 with no finding, and the tests that read the spec pass", () => {
  const copy = copyOfRepo();
  copies.push(copy);
  const update = specUpdate(copy, asOpenApi31(loadSpec()));
  expect([update.status, update.stderr]).toEqual([0, ""]);
  expect(update.stdout).toContain("spec:update: no change to operations, parameters, bodies, responses, schemas, security or servers");
  expect(JSON.parse(readFileSync(join(copy, "openapi", "billing.json"), "utf8")).openapi).toBe("3.1.0");
  // generate:check in the copy: what was written is what the 3.1 spec generates.
  execFileSync(process.execPath, ["-r", join(copy, "scripts", "register.js"), join(copy, "scripts", "generate-check.ts")], { cwd: copy, stdio: "pipe" });

  const { code, output } = testsIn(copy);
  expect([code, output.match(/^.*(failed|✕).*$/gm)]).toEqual([0, null]);
  expect(output).toContain("✓ every node of the vendor's last pulled spec is in openapi/billing.json, unchanged");
});
