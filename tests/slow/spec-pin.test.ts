// spec:update from a file and spec:pull leave the repository in the same state: the vendor's 3.1 rewrite of the same
// API, with one change of its own (retry_after made nullable, the case that once failed the seed check), applied from
// a file in a copy of the repository and pulled from pages standing in for the vendor's docs. Both leave the same pin,
// a spec that says the same, and a seed check that passes (in the copy, the seed check's own test file, run by jest).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { stringify } from "yaml";
import { parseSpecText } from "../../core/openapi/read";
import { asOpenApi31 } from "../fixtures/spec-variants";
import { startFaultServer, text } from "../helpers/fault-server";
import { copyOfRepo, jestIn, scriptIn } from "../helpers/repo-copy";
import { REPO } from "../helpers/run-script";
import { differences, unrecordedChanges, versionNeutral } from "../helpers/seed";
import type { Spec } from "../helpers/spec";
import { stretched } from "../../core/patience";

// A copy of the repository, the generator, Spectral and jest in the copy: minutes on two busy cores, no clock decides.
jest.setTimeout(stretched(600_000));

const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8")) as Spec;
const SEED = parseSeed();

/** The vendor's rewrite: the same API in OpenAPI 3.1's words, with retry_after now nullable. */
function rewritten(spec: Spec): Spec {
  const next = asOpenApi31(spec);
  (next.components.schemas.ErrorResponse as { properties: { retry_after: { type: unknown } } }).properties.retry_after.type = ["integer", "null"];
  return next;
}

/** The seed, read as the seed check reads it (a vendor page), from the repository's own copy. */
function parseSeed(): unknown {
  return parseSpecText(readFileSync(join(REPO, "tests", "fixtures", "seed-000_db183292bc9499a5.txt"), "utf8"), "the seed");
}

let updated: { pin: Spec; spec: Spec };

test("spec:update -- ./3.1-rewrite.json carries the vendor's change onto openapi/vendor.json, and the seed check passes", () => {
  const copy = copyOfRepo("billing-spec-pin-");
  const file = join(copy, "3.1-rewrite.json");
  writeFileSync(file, JSON.stringify(rewritten(readJson(join(copy, "openapi", "billing.json"))), null, 2));
  const update = scriptIn(copy, "spec-update.ts", [file, "--no-typecheck"]);
  // retry_after made nullable is a breaking change (oasdiff's error): exit 1, and the new spec is in place.
  expect([update.code, update.stderr]).toEqual([1, ""]);
  expect(update.stdout).toMatch(/spec:update: carried \d+ change\(s\) to the vendor's nodes onto openapi\/vendor\.json \(\/openapi, /);
  expect(update.stdout).toMatch(/error\s+POST \/user\/purchase-topup\s+response 429 application\/json\s+response-property-became-nullable\s+retry_after: became nullable/);
  updated = { pin: readJson(join(copy, "openapi", "vendor.json")), spec: readJson(join(copy, "openapi", "billing.json")) };
  expect((updated.pin.components.schemas.ErrorResponse as { properties: { retry_after: unknown } }).properties.retry_after).toEqual({ type: ["integer", "null"], description: expect.any(String) });
  // The pin says only what the vendor said: none of this project's reading (the error object, the Idempotency-Key).
  expect(updated.pin.components.schemas.ErrorObject).toBeUndefined();
  expect(updated.pin.paths["/user/purchase-topup"]!.post!.parameters).toBeUndefined();

  const { code, output } = jestIn(copy, ["tests/spec/seed-equality.test.ts"]);
  expect({ code, failed: output.match(/^.*(failed|✕).*$/gm), output: code === 0 ? "" : output.slice(-3000) }).toEqual({ code: 0, failed: null, output: "" });
  expect(output).toContain("✓ every node of the vendor's last pulled spec is in openapi/billing.json, unchanged");
  expect(output).toContain("✓ every node of the seed is in openapi/billing.json unchanged, except where openapi/vendor.json records a change since");
});

test("spec:pull of the same change from the vendor's pages leaves the same pin, and a spec that says the same", async () => {
  expect(updated).toBeDefined();
  const work = mkdtempSync(join(tmpdir(), "billing-spec-pin-pull-"));
  try {
    cpSync(join(REPO, "openapi"), join(work, "openapi"), { recursive: true });
    cpSync(join(REPO, "generated"), join(work, "generated"), { recursive: true });
    const published = rewritten(readJson(join(REPO, "openapi", "vendor.json")));
    const server = await startFaultServer((req, res, index, seen) => text(200, page(published, req.url!.includes("topup") ? "/user/purchase-topup" : "/user/credits/info"), "text/markdown")(req, res, index, seen));
    const urls = [`${server.url}/api-reference/billing/credits-info.md`, `${server.url}/api-reference/billing/purchase-topup.md`];
    const args = ["--spec", join(work, "openapi", "billing.json"), "--out", join(work, "generated"), "--no-typecheck", ...urls.flatMap((url) => ["--from", url])];
    const pulled = await promisify(execFile)(process.execPath, ["-r", resolve(REPO, "scripts/register.js"), resolve(REPO, "scripts/spec-pull.ts"), ...args], { cwd: REPO, encoding: "utf8" }).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
    );
    expect(pulled.code).toBe(1);
    expect(pulled.stdout).toMatch(/response-property-became-nullable\s+retry_after: became nullable/);
    const pin = readJson(join(work, "openapi", "vendor.json"));
    const spec = readJson(join(work, "openapi", "billing.json"));
    // The same pin, node for node; the spec in other words where this project's reading is (spec:pull keeps it as it
    // was written), saying the same.
    expect(pin).toEqual(updated.pin);
    expect(versionNeutral(spec)).toEqual(versionNeutral(updated.spec));
    expect(differences(versionNeutral(pin), versionNeutral(spec))).toEqual([]);
    expect(unrecordedChanges(SEED, pin, spec)).toEqual([]);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

/** A vendor docs page in the form it publishes (the seed's): Markdown with the spec cut to one operation in YAML. */
function page(doc: Spec, path: string): string {
  const cut = structuredClone(doc);
  cut.paths = { [path]: cut.paths[path]! };
  return `> ## Documentation Index\n\n# A page\n\n## OpenAPI\n\n\`\`\`\`yaml openapi/billing.json\n${stringify(cut)}\`\`\`\`\n`;
}
