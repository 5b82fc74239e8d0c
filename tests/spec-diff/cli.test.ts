// npm run spec:diff as CI runs it: the findings on stdout (text or JSON and nothing else), exit 1 at --fail-on or above,
// 2 for a spec that cannot be read or is not OpenAPI 3, or a command line that is wrong.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { applyPatch } from "../helpers/json-patch";
import { runScript } from "../helpers/run-script";
import { loadSpec, SPEC_PATH } from "../helpers/spec";

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "spec-diff-cli-"));
  const spec = loadSpec();
  writeFileSync(join(work, "enum-added.json"), JSON.stringify(applyPatch(spec, [{ op: "add", path: "/components/schemas/CreditsBreakdownItem/properties/purchase_kind/enum/-", value: "Refund" }])));
  writeFileSync(join(work, "enum-removed.json"), JSON.stringify(applyPatch(spec, [{ op: "remove", path: "/components/schemas/PurchaseTopupRequest/properties/credits/enum/3" }])));
  writeFileSync(join(work, "swagger.json"), JSON.stringify({ swagger: "2.0", info: { title: "x", version: "1" }, paths: {} }));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const diff = (...args: string[]) => runScript("spec-diff.ts", args);

test("--json prints the findings as JSON and nothing else; a warning passes the default --fail-on error", () => {
  const result = diff(SPEC_PATH, join(work, "enum-added.json"), "--json");
  expect(result.code).toBe(0);
  expect(JSON.parse(result.stdout)).toEqual({
    findings: [
      { id: "response-property-enum-value-added", level: "warning", operation: "GET /user/credits/info", location: "response 200 application/json", text: 'breakdown/items/purchase_kind: enum value "Refund" added' },
    ],
  });
});

test("--fail-on warning makes the same change exit 1", () => {
  expect(diff(SPEC_PATH, join(work, "enum-added.json"), "--fail-on", "warning").code).toBe(1);
});

test("an error exits 1 by default, with the finding in the text report", () => {
  const result = diff(SPEC_PATH, join(work, "enum-removed.json"));
  expect(result.code).toBe(1);
  expect(result.stdout).toContain("1 finding: 1 error");
  expect(result.stdout).toMatch(/error\s+POST \/user\/purchase-topup\s+request body application\/json\s+request-property-enum-value-removed\s+credits: enum value 100000 removed/);
});

test("a spec against itself: no finding, exit 0", () => {
  const result = diff(SPEC_PATH, SPEC_PATH);
  expect(result.code).toBe(0);
  expect(result.stdout).toContain("no change to operations");
});

test.each([
  ["a spec that is not OpenAPI 3", ["swagger.json"], /swagger\.json: is not OpenAPI 3/],
  ["a file that is not there", ["nope.json"], /nope\.json: cannot be read \(ENOENT\)/],
])("%s exits 2 with the reason", (_name, [file], reason) => {
  const result = diff(SPEC_PATH, join(work, file!));
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(reason);
  expect(result.stdout).toBe("");
});

test.each([
  ["one spec only", [SPEC_PATH], /two specs are needed/],
  ["an unknown level", [SPEC_PATH, SPEC_PATH, "--fail-on", "severe"], /--fail-on must be error, warning or info, not "severe"/],
  ["an unknown option", [SPEC_PATH, SPEC_PATH, "--yaml"], /Unknown option '--yaml'/],
])("%s is a one-line usage error (exit 2)", (_name, args, reason) => {
  const result = diff(...args);
  expect(result.code).toBe(2);
  expect(result.stderr.trim().split("\n")).toHaveLength(1);
  expect(result.stderr).toMatch(reason);
});
