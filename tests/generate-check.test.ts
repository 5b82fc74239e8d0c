// npm run generate:check, run as a child process: it names what drifted and passes once regenerated.
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO, runScript } from "./helpers/run-script";
import { SPEC_PATH } from "./helpers/spec";

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "billing-generate-test-"));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

function snapshotDir(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), "utf8")]));
}

test("generate:check fails naming the file after a spec edit, and passes after generate", () => {
  const spec = join(work, "billing.json");
  const out = join(work, "generated");
  cpSync(SPEC_PATH, spec);
  expect(runScript("generate.ts", ["--spec", spec, "--out", out]).code).toBe(0);
  expect(runScript("generate-check.ts", ["--spec", spec, "--out", out]).code).toBe(0);

  const doc = JSON.parse(readFileSync(spec, "utf8"));
  doc.components.schemas.CreditsInfoResponse.properties.team_name = { type: "string" };
  writeFileSync(spec, JSON.stringify(doc, null, 2));
  const drifted = runScript("generate-check.ts", ["--spec", spec, "--out", out]);
  expect(drifted.code).not.toBe(0);
  expect(drifted.stderr).toContain(join(out, "billing.ts"));
  expect(drifted.stderr).toContain("npm run generate");

  expect(runScript("generate.ts", ["--spec", spec, "--out", out]).code).toBe(0);
  expect(runScript("generate-check.ts", ["--spec", spec, "--out", out]).code).toBe(0);
  expect(readFileSync(join(out, "billing.ts"), "utf8")).toContain("team_name?: string;");
});

test("generate:check also names a stray file in generated/", () => {
  const out = join(work, "generated");
  cpSync(join(REPO, "generated"), out, { recursive: true });
  writeFileSync(join(out, "stale.ts"), "export {};\n");
  const result = runScript("generate-check.ts", ["--out", out]);
  expect(result.code).not.toBe(0);
  expect(result.stderr).toContain("stale.ts");
});
