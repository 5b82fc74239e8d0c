// npm run spec:diff as CI runs it: the findings on stdout (text or JSON and nothing else), exit 1 at --fail-on or above,
// 2 for a spec that cannot be read or is not OpenAPI 3, or a command line that is wrong. The command runs in this
// process (scripts/spec-diff.ts only hands it argv and stdout); the first test runs the script itself.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { applyPatch } from "../../helpers/json-patch";
import { runScript, type ScriptResult } from "../../helpers/run-script";
import { SCRIPT_EXIT } from "../../../scripts/tooling/exit-codes";
import { outcomeOf } from "../../../scripts/tooling/run-main";
import { specDiff } from "../../../scripts/tooling/spec-diff/command";
import { loadSpec, SPEC_PATH } from "../../helpers/spec";

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "spec-diff-cli-"));
  const spec = loadSpec();
  writeFileSync(join(work, "enum-added.json"), JSON.stringify(applyPatch(spec, [{ op: "add", path: "/components/schemas/CreditsBreakdownItem/properties/purchase_kind/enum/-", value: "Refund" }])));
  writeFileSync(join(work, "enum-removed.json"), JSON.stringify(applyPatch(spec, [{ op: "remove", path: "/components/schemas/PurchaseTopupRequest/properties/credits/enum/3" }])));
  writeFileSync(join(work, "swagger.json"), JSON.stringify({ swagger: "2.0", info: { title: "x", version: "1" }, paths: {} }));
  // Operations with no `responses`: valid input for a diff, which once threw a TypeError and exited 1.
  const bare = (paths: object) => JSON.stringify({ openapi: "3.0.3", info: { title: "x", version: "1" }, paths });
  writeFileSync(join(work, "bare-base.json"), bare({ "/a/{id}": { get: {} }, "/b": { get: {} } }));
  writeFileSync(join(work, "bare-revision.json"), bare({ "/a/{key}": { get: { parameters: [{ name: "q", in: "query", schema: { type: "string" } }] } } }));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The command as scripts/spec-diff.ts runs it, with what it would print to stdout and stderr. */
async function diff(...args: string[]): Promise<ScriptResult> {
  let stdout = "";
  const { code, error } = await outcomeOf(() => specDiff(args, (text) => (stdout += `${text}\n`)));
  return { code, stdout, stderr: error === undefined ? "" : `${error}\n` };
}

test("npm run spec:diff -- --json prints the findings as JSON and nothing else; a warning passes the default --fail-on error", () => {
  const result = runScript("spec-diff.ts", [SPEC_PATH, join(work, "enum-added.json"), "--json"]);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  expect(JSON.parse(result.stdout)).toEqual({
    findings: [
      { id: "response-property-enum-value-added", level: "warning", operation: "GET /user/credits/info", location: "response 200 application/json", text: 'breakdown/items/purchase_kind: enum value "Refund" added' },
    ],
  });
});

test("--fail-on warning makes the same change exit 1", async () => {
  expect((await diff(SPEC_PATH, join(work, "enum-added.json"), "--fail-on", "warning")).code).toBe(1);
});

test("an error exits 1 by default, with the finding in the text report", async () => {
  const result = await diff(SPEC_PATH, join(work, "enum-removed.json"));
  expect(result.code).toBe(1);
  expect(result.stdout).toContain("1 finding: 1 error");
  expect(result.stdout).toMatch(/error\s+POST \/user\/purchase-topup\s+request body application\/json\s+request-property-enum-value-removed\s+credits: enum value 100000 removed/);
});

test("a spec against itself: no finding, exit 0", async () => {
  const result = await diff(SPEC_PATH, SPEC_PATH);
  expect(result.code).toBe(0);
  expect(result.stdout).toContain("no change to operations");
});

test("operations with no responses are compared, not a crash: --json is valid and exit 1 is a real finding", () => {
  const result = runScript("spec-diff.ts", [join(work, "bare-base.json"), join(work, "bare-revision.json"), "--json"]);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(1);
  const { findings } = JSON.parse(result.stdout) as { findings: { id: string; level: string; operation: string }[] };
  // The renamed path parameter matches (/a/{id} is /a/{key}); the path that went is the breaking finding.
  expect(findings.map((finding) => `${finding.level} ${finding.id} ${finding.operation}`).sort()).toEqual([
    "error api-path-removed-without-deprecation GET /b",
    "info new-optional-request-parameter GET /a/{key}",
  ]);
});

test("a fault of the diff itself exits 70 with one line on stderr and nothing on stdout, never 1", async () => {
  let stdout = "";
  const failing = () => {
    throw new TypeError("Cannot convert undefined or null to object\n    at somewhere");
  };
  const { code, error } = await outcomeOf(() => specDiff([SPEC_PATH, SPEC_PATH, "--json"], (text) => (stdout += text), failing));
  expect(code).toBe(SCRIPT_EXIT.internal);
  expect(stdout).toBe("");
  expect(error!.split("\n")).toHaveLength(1);
  expect(error).toMatch(/internal error \(a bug, not a verdict; exit 70\): Cannot convert undefined or null to object$/);
});

test.each([
  ["a spec that is not OpenAPI 3", ["swagger.json"], /swagger\.json: is not OpenAPI 3/],
  ["a file that is not there", ["nope.json"], /nope\.json: cannot be read \(ENOENT\)/],
])("%s exits 2 with the reason", async (_name, [file], reason) => {
  const result = await diff(SPEC_PATH, join(work, file!));
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(reason);
  expect(result.stdout).toBe("");
});

test.each([
  ["one spec only", [SPEC_PATH], /two specs are needed/],
  ["an unknown level", [SPEC_PATH, SPEC_PATH, "--fail-on", "severe"], /--fail-on must be error, warning or info, not "severe"/],
  ["an unknown option", [SPEC_PATH, SPEC_PATH, "--yaml"], /Unknown option '--yaml'/],
])("%s is a one-line usage error (exit 2)", async (_name, args, reason) => {
  const result = await diff(...args);
  expect(result.code).toBe(2);
  expect(result.stderr.trim().split("\n")).toHaveLength(1);
  expect(result.stderr).toMatch(reason);
});
