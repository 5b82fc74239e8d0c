// npm run generate: deterministic, headed, and all or nothing on a bad spec.
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeGenerated } from "../../scripts/tooling/generated-files";
import { SpecError } from "../../core/openapi/check";
import { REPO, runScript } from "../helpers/run-script";
import { SPEC_PATH } from "../helpers/spec";
import { SCRIPT_EXIT } from "../../scripts/tooling/exit-codes";

/** The spec's text with its `"openapi": "3.x.y"` replaced; throws when there is none to replace. */
function replaceVersion(spec: string, by: string): string {
  const replaced = spec.replace(/"openapi":\s*"3\.\d+\.\d+"/, by);
  if (replaced === spec) throw new Error("the spec names no OpenAPI 3 version");
  return replaced;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "billing-generate-test-"));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

function snapshotDir(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), "utf8")]));
}

// That a fresh run gives the committed generated/ byte for byte is tests/spec/generate-check.test.ts's first step (and
// CI's generate:check): openapi-typescript runs in a child process there, as `npm run generate` does.

const broken: [string, (spec: string) => string, RegExp][] = [
  ["bad JSON", (spec) => spec.slice(0, spec.length / 2), /is not valid JSON/],
  [
    "a $ref to nothing",
    (spec) => spec.replace('"#/components/schemas/ActiveSubscription"', '"#/components/schemas/Nowhere"'),
    /\$ref "#\/components\/schemas\/Nowhere" at #\/components\/schemas\/CreditsInfoResponse\/properties\/active_subscription\/\$ref points to nothing/,
  ],
  // Whatever version of OpenAPI 3 the spec is in now (the vendor may move to 3.1).
  ["a Swagger 2 document", (spec) => replaceVersion(spec, '"swagger": "2.0"'), /is not OpenAPI 3/],
  ["an OpenAPI version 4", (spec) => replaceVersion(spec, '"openapi": "4.0.0"'), /is not OpenAPI 3/],
  ["a JSON array", () => "[]", /is not an OpenAPI document/],
];

test.each(broken)("%s is refused with one line naming the file, and generated/ stays byte for byte", async (_name, breakIt, reason) => {
  const spec = join(work, "billing.json");
  const out = join(work, "generated");
  writeFileSync(spec, breakIt(readFileSync(SPEC_PATH, "utf8")));
  cpSync(join(REPO, "generated"), out, { recursive: true });
  writeFileSync(join(out, "billing.ts"), "// the previous output, which must survive\n");
  const before = snapshotDir(out);

  const error = await writeGenerated(spec, out).catch((e: unknown) => e);

  expect(error).toBeInstanceOf(SpecError);
  expect((error as Error).message).toMatch(reason);
  expect((error as Error).message).toContain(spec);
  expect((error as Error).message).not.toContain("\n");
  expect(snapshotDir(out)).toEqual(before);
});

test("the command exits 2 for a refused spec with the one-line reason on stderr, and generated/ stays as it was", () => {
  const spec = join(work, "billing.json");
  const out = join(work, "generated");
  writeFileSync(spec, "{ not json");
  cpSync(join(REPO, "generated"), out, { recursive: true });
  const before = snapshotDir(out);
  const result = runScript("generate.ts", ["--spec", spec, "--out", out]);
  expect(result.code).toBe(2);
  expect(result.stdout).toBe("");
  expect(result.stderr).toMatch(new RegExp(`^error: ${escape(spec)}: is not valid JSON .*\\n$`));
  expect(snapshotDir(out)).toEqual(before);
});

test("an unknown option exits 2 (refused, nothing written) with a one-line reason", () => {
  const result = runScript("generate.ts", ["--nope"]);
  expect(result.code).toBe(SCRIPT_EXIT.refused);
  expect(result.stderr.trim().split("\n")).toHaveLength(1);
  expect(result.stderr).toContain("--nope");
});
