// spec:update's exit codes as a CI job reads them: 1 is a verdict on the spec, so a crash must never be 1.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { REPO } from "../helpers/run-script";
import { SCRIPT_EXIT } from "../../scripts/tooling/exit-codes";

let work: string;
beforeEach(() => (work = mkdtempSync(join(tmpdir(), "spec-update-"))));
afterEach(() => rmSync(work, { recursive: true, force: true }));

test("a fault of spec:update itself (generated/ cannot be written) exits 70 with one line, and the spec stays as it was", () => {
  const current = join(work, "billing.json");
  cpSync(join(REPO, "openapi", "billing.json"), current);
  const spec = JSON.parse(readFileSync(current, "utf8")) as { info: { description?: string } };
  spec.info.description = `${spec.info.description ?? ""} (revised)`;
  const incoming = join(work, "incoming.json");
  writeFileSync(incoming, JSON.stringify(spec));
  // A file where the output folder should be: writing generated/ fails with ENOTDIR/EEXIST, which no spec causes.
  const out = join(work, "generated");
  writeFileSync(out, "not a folder");
  // No time limit of the test's own: Spectral and the generator run first, and take long on busy cores.
  const run = spawnSync(process.execPath, ["-r", join(REPO, "scripts", "register.js"), join(REPO, "scripts", "spec-update.ts"), incoming, "--spec", current, "--out", out, "--no-typecheck"], { cwd: REPO, encoding: "utf8" });
  const result = { code: run.status, stderr: run.stderr };
  expect(result.code).toBe(SCRIPT_EXIT.internal);
  expect(result.stderr).toMatch(/^error: internal error \(a bug, not a verdict; exit 70\): E[A-Z]+: [^\n]*\n$/);
  expect(readFileSync(current, "utf8")).toBe(readFileSync(join(REPO, "openapi", "billing.json"), "utf8"));
  expect(readFileSync(out, "utf8")).toBe("not a folder");
});
