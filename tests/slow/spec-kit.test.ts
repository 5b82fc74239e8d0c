// The ground truth under the kit-aware report: spec:update with its type check, on a copy of the repository, for a
// spec that drops allow_usage from the credits answer. The report calls it an error for this kit, and the regenerated
// kit agrees: the type check fails at the list of what the kit reads and at readCredits, the reader check --min uses.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { copyOfRepo, scriptIn } from "../helpers/repo-copy";
import { exampleIn, loadSpec } from "../helpers/spec";
import { stretched } from "../../core/patience";

// The type check of a whole copy of the repository takes minutes on two busy cores; nothing here waits on a clock.
jest.setTimeout(stretched(600_000));

test("spec:update of a spec without allow_usage: an error naming check --min, and a type check failing at core/kit-reads.ts and readCredits", () => {
  const copy = copyOfRepo("billing-spec-kit-");
  const spec = loadSpec();
  delete (spec.components.schemas.CreditsInfoResponse as { properties: Record<string, unknown> }).properties.allow_usage;
  delete exampleIn(spec.paths["/user/credits/info"]!.get!.responses["200"]!.content!["application/json"]).allow_usage;
  const file = join(copy, "no-allow-usage.json");
  writeFileSync(file, JSON.stringify(spec, null, 2));
  const result = scriptIn(copy, "spec-update.ts", [file]);
  expect(result.code).toBe(1);
  expect(result.stdout).toMatch(/error\s+GET \/user\/credits\/info\s+response 200 application\/json\s+response-optional-property-removed\s+allow_usage: optional property removed\n {6}an error for this kit \(oasdiff: warning\), as it reaches:\n/);
  expect(result.stdout).toContain("- check --min would refuse every team, since the API would not say whether usage is allowed (exit 4)");
  expect(result.stdout).toMatch(/core\/kit-reads\.ts\(\d+,\d+\): error TS2322: Type '"boolean"' is not assignable to type '"no such field in generated\/billing\.ts: the spec dropped it"'/);
  expect(result.stdout).toMatch(/src\/read-credits\.ts\(\d+,\d+\): error TS2339: Property 'allow_usage' does not exist/);
  expect(result.stderr).toMatch(/^error: the new spec is in place, and the type check shows \d+ place\(s\) it breaks/);
});
