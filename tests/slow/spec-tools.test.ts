// lint:spec and spec:update on fixture specs made from the current one, each run as the command users run.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { REPO } from "../helpers/run-script";
import { exampleIn, loadSpec, SPEC_PATH, type Spec } from "../helpers/spec";
import { stretched } from "../../core/patience";

// Each test here starts processes (npm, Prism, a packed install) and waits for their answers, not for a clock: on a
// machine whose cores are all busy that takes many times longer than on an idle one.
jest.setTimeout(stretched(600_000));

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "billing-spec-tools-"));
  cpSync(SPEC_PATH, join(work, "billing.json"));
  cpSync(join(REPO, "generated"), join(work, "generated"), { recursive: true });
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

function fixture(name: string, change: (spec: Spec) => unknown): string {
  const spec = loadSpec();
  const result = change(spec) ?? spec;
  const file = join(work, name);
  writeFileSync(file, typeof result === "string" ? result : JSON.stringify(result));
  return file;
}

function lintSpec(file: string) {
  return spawnSync("npm", ["run", "-s", "lint:spec", "--", file], { cwd: REPO, encoding: "utf8" });
}

/** spec:update as users run it, with no time limit of its own: Spectral and the generator take long on busy cores. */
function update(file: string) {
  const result = spawnSync(process.execPath, ["-r", join(REPO, "scripts", "register.js"), join(REPO, "scripts", "spec-update.ts"), file, "--spec", join(work, "billing.json"), "--out", join(work, "generated"), "--no-typecheck"], { cwd: REPO, encoding: "utf8" });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function snapshot(): Record<string, string> {
  const files: Record<string, string> = { "billing.json": readFileSync(join(work, "billing.json"), "utf8") };
  for (const name of readdirSync(join(work, "generated"))) files[`generated/${name}`] = readFileSync(join(work, "generated", name), "utf8");
  return files;
}

test("lint:spec passes on the current spec", () => {
  expect(lintSpec(SPEC_PATH).status).toBe(0);
});

test("lint:spec fails on an example that breaks its schema, naming the rule and the place", () => {
  const bad = fixture("bad-example.json", (spec) => {
    exampleIn(spec.paths["/user/credits/info"]!.get!.responses["200"]!.content!["application/json"]).credits = "lots";
  });
  const result = lintSpec(bad);
  expect(result.status).not.toBe(0);
  expect(result.stdout).toMatch(/error\s+oas3-valid-media-example\s+"credits" property type must be integer/);
});

test("spec:update reports a removed allow_usage as an error for this kit (oasdiff's warning beside it), naming check --min, takes the new spec, and exits 1", () => {
  const removed = fixture("no-allow-usage.json", (spec) => {
    const schemas = spec.components.schemas as Record<string, { properties: Record<string, unknown> }>;
    delete schemas.CreditsInfoResponse!.properties.allow_usage;
    delete exampleIn(spec.paths["/user/credits/info"]!.get!.responses["200"]!.content!["application/json"]).allow_usage;
  });
  const result = update(removed);
  expect(result.code).toBe(1);
  expect(result.stdout).toContain("spec:update: 1 finding: 1 error (one an error for this kit, not for oasdiff)");
  expect(result.stdout).toMatch(/error\s+GET \/user\/credits\/info\s+response 200 application\/json\s+response-optional-property-removed\s+allow_usage: optional property removed\n {6}an error for this kit \(oasdiff: warning\), as it reaches:\n/);
  expect(result.stdout).toContain("- check --min would refuse every team, since the API would not say whether usage is allowed (exit 4)");
  expect(readFileSync(join(work, "billing.json"), "utf8")).not.toContain('"allow_usage"');
  expect(readFileSync(join(work, "generated", "billing.ts"), "utf8")).not.toContain("allow_usage");
});

test("spec:update reports credits made a string as an error naming readCredits and check --min, and exits 1", () => {
  const retyped = fixture("credits-string.json", (spec) => {
    const schemas = spec.components.schemas as Record<string, { properties: Record<string, { type: string }> }>;
    schemas.CreditsInfoResponse!.properties.credits!.type = "string";
    exampleIn(spec.paths["/user/credits/info"]!.get!.responses["200"]!.content!["application/json"]).credits = "12500";
  });
  const result = update(retyped);
  expect(result.code).toBe(1);
  expect(result.stdout).toMatch(/error\s+GET \/user\/credits\/info\s+response 200 application\/json\s+response-property-type-changed\s+credits: type changed from integer to string\n {6}this kit reads it:\n/);
  expect(result.stdout).toContain("- readCredits() would read the balance as 0");
  expect(result.stdout).toContain("- check --min would refuse every team, since the API would not say how many credits it has (exit 4)");
});

test("spec:update reports an added property as non-breaking, pretty-printed the way the repo keeps the spec", () => {
  const added = fixture("added.json", (spec) => {
    (spec.components.schemas as Record<string, { properties: Record<string, unknown> }>).CreditsInfoResponse!.properties.team_name = { type: "string" };
  });
  const result = update(added);
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/info\s+GET \/user\/credits\/info\s+response 200 application\/json\s+response-optional-property-added\s+team_name: optional property added/);
  expect(readFileSync(join(work, "billing.json"), "utf8")).toBe(`${JSON.stringify(JSON.parse(readFileSync(added, "utf8")), null, 2)}\n`);
});

test("spec:update with --out elsewhere says it ran no type check, rather than passing one on this repository's old types", () => {
  const removed = fixture("no-allow-usage-typed.json", (spec) => {
    delete (spec.components.schemas as Record<string, { properties: Record<string, unknown> }>).CreditsInfoResponse!.properties.allow_usage;
    delete exampleIn(spec.paths["/user/credits/info"]!.get!.responses["200"]!.content!["application/json"]).allow_usage;
  });
  const result = spawnSync(process.execPath, ["-r", join(REPO, "scripts", "register.js"), join(REPO, "scripts", "spec-update.ts"), removed, "--spec", join(work, "billing.json"), "--out", join(work, "generated")], { cwd: REPO, encoding: "utf8" });
  expect(result.status).toBe(1);
  expect(result.stdout).toContain(`spec:update: no type check: it judges this repository's generated/, and the new types went to ${join(work, "generated")}/`);
  expect(result.stdout).not.toContain("type check passes");
});

test.each([
  ["not OpenAPI", () => JSON.stringify({ swagger: "2.0", info: { title: "x", version: "1" }, paths: {} }), /is not OpenAPI 3/],
  // Text that looks like JSON and is no YAML either is judged as JSON (core/openapi/read.ts): that error is the one to read.
  ["not JSON or YAML", () => "{ this: is: not", /is not valid JSON/],
  ["an example breaking its schema", (spec: Spec) => {
    exampleIn(spec.paths["/user/credits/info"]!.get!.responses["500"]!.content!["application/json"]).error = 500;
  }, /refused, Spectral finds 1 error/],
])("spec:update refuses a spec that is %s and leaves every file as it was", (_name, change, reason) => {
  const before = snapshot();
  const result = update(fixture("broken.json", change as (spec: Spec) => unknown));
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(reason);
  expect(snapshot()).toEqual(before);
  expect(readdirSync(work).filter((name) => name.startsWith(".incoming"))).toEqual([]);
});
