// npm run generate:check: names what drifted, and passes once regenerated.
// Run as child processes: openapi-typescript's ES-module-only dependencies do not load under jest.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO, runScript } from "./helpers/run-script";
import { SPEC_PATH } from "./helpers/spec";

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "billing-check-test-"));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

test("an edited spec fails the check, naming the file, until generate runs again", () => {
  const spec = join(work, "billing.json");
  const out = join(work, "generated");
  cpSync(SPEC_PATH, spec);
  expect(runScript("generate.ts", ["--spec", spec, "--out", out]).code).toBe(0);

  const doc = JSON.parse(readFileSync(spec, "utf8"));
  doc.components.schemas.CreditsInfoResponse.properties.team_name = { type: "string" };
  writeFileSync(spec, JSON.stringify(doc, null, 2));
  const drifted = runScript("generate-check.ts", ["--spec", spec, "--out", out]);
  expect(drifted.code).toBe(1);
  expect(drifted.stderr).toContain(`${join(out, "billing.ts")}, ${join(out, "validators.ts")} do not match ${spec}; run npm run generate`);

  expect(runScript("generate.ts", ["--spec", spec, "--out", out]).code).toBe(0);
  const clean = runScript("generate-check.ts", ["--spec", spec, "--out", out]);
  expect(clean.code).toBe(0);
  expect(clean.stdout).toContain("generate:check ok");
  expect(readFileSync(join(out, "billing.ts"), "utf8")).toContain("team_name?: string;");
});

test("a hand edit and a stray file in generated/ are both named", () => {
  const out = join(work, "generated");
  cpSync(join(REPO, "generated"), out, { recursive: true });
  writeFileSync(join(out, "billing.ts"), "// edited by hand\n");
  writeFileSync(join(out, "stale.ts"), "export {};\n");
  const result = runScript("generate-check.ts", ["--out", out]);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain(`${join(out, "billing.ts")}, ${join(out, "stale.ts")} do not match openapi/billing.json`);
});
