// The report that knows its own client: a change to a field the kit reads (core/kit-reads.ts) is an error for this kit,
// naming the surfaces it reaches, in the text, Markdown and JSON reports of spec:diff, with oasdiff's rule id and level
// kept beside it. diffSpecs alone stays oasdiff's judgement (held-back.test.ts holds it to oasdiff's verdicts).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { diffSpecs } from "../../../scripts/tooling/spec-diff";
import { specDiff } from "../../../scripts/tooling/spec-diff/command";
import { forThisKit } from "../../../scripts/tooling/spec-diff/kit";
import { outcomeOf } from "../../../scripts/tooling/run-main";
import { SCRIPT_EXIT } from "../../../scripts/tooling/exit-codes";
import { applyPatch, type PatchOperation } from "../../helpers/json-patch";
import { loadSpec, SPEC_PATH } from "../../helpers/spec";
import { miniSpec } from "./mini-spec";

const CHANGES: Record<string, PatchOperation[]> = {
  "no-allow-usage": [{ op: "remove", path: "/components/schemas/CreditsInfoResponse/properties/allow_usage" }],
  "credits-string": [{ op: "replace", path: "/components/schemas/CreditsInfoResponse/properties/credits/type", value: "string" }],
  "no-breakdown": [{ op: "remove", path: "/components/schemas/CreditsInfoResponse/properties/breakdown" }],
  "no-title": [{ op: "remove", path: "/components/schemas/ErrorObject/properties/title" }],
};

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "spec-diff-kit-"));
  for (const [name, patch] of Object.entries(CHANGES)) writeFileSync(join(work, `${name}.json`), JSON.stringify(applyPatch(loadSpec(), patch)));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function diff(change: string, ...flags: string[]): Promise<{ code: number | null; stdout: string }> {
  let stdout = "";
  const { code } = await outcomeOf(() => specDiff([SPEC_PATH, join(work, `${change}.json`), ...flags], (text) => (stdout += `${text}\n`)));
  return { code, stdout };
}

describe("removing allow_usage from the credits answer", () => {
  test("oasdiff's judgement alone is a warning (diffSpecs is unchanged)", () => {
    expect(diffSpecs(loadSpec(), applyPatch(loadSpec(), CHANGES["no-allow-usage"]!)).map((f) => `${f.level} ${f.id}`)).toEqual(["warning response-optional-property-removed"]);
  });

  test("is an error for this kit in the text report, naming check --min, with oasdiff's warning beside it; exit 1", async () => {
    const { code, stdout } = await diff("no-allow-usage");
    expect(code).toBe(SCRIPT_EXIT.verdict);
    expect(stdout).toContain("1 finding: 1 error (one an error for this kit, not for oasdiff)");
    expect(stdout).toMatch(/\n {2}error\s+GET \/user\/credits\/info\s+response 200 application\/json\s+response-optional-property-removed\s+allow_usage: optional property removed\n {6}an error for this kit \(oasdiff: warning\), as it reaches:\n/);
    expect(stdout).toContain("\n      - check --min would refuse every team, since the API would not say whether usage is allowed (exit 4)\n");
    expect(stdout).toContain("\n      - readCredits() would give allow_usage undefined (usage unknown) for every team\n");
  });

  test("the Markdown report shows the raised level, oasdiff's, the rule and the surfaces", async () => {
    const { stdout } = await diff("no-allow-usage", "--markdown");
    const row = stdout.split("\n").find((line) => line.includes("response-optional-property-removed"))!;
    expect(row).toMatch(/^\| error \\\(this kit; oasdiff: warning\\\) \| GET \/user\/credits\/info \| response 200 application\/json \| `response-optional-property-removed` \| allow\\_usage: optional property removed \*\*This kit reads it:\*\* /);
    expect(row).toContain("check --min would refuse every team, since the API would not say whether usage is allowed \\(exit 4\\)");
  });

  test("the JSON report keeps the rule id and oasdiff's level, and lists what each surface would do", async () => {
    const { stdout } = await diff("no-allow-usage", "--json");
    const [finding] = JSON.parse(stdout).findings;
    expect(finding).toMatchObject({ id: "response-optional-property-removed", level: "error", kit: { oasdiffLevel: "warning" } });
    expect(finding.kit.reaches).toContain("check --min would refuse every team, since the API would not say whether usage is allowed (exit 4)");
    expect(finding.kit.reaches).toContain("<olostep-credits> would show usage unknown for every team");
  });
});

describe("credits becoming a string", () => {
  test("is an error (oasdiff's too) that names readCredits and check --min in every report", async () => {
    const text = await diff("credits-string");
    expect(text.code).toBe(SCRIPT_EXIT.verdict);
    expect(text.stdout).toMatch(/error\s+GET \/user\/credits\/info\s+response 200 application\/json\s+response-property-type-changed\s+credits: type changed from integer to string\n {6}this kit reads it:\n/);
    expect(text.stdout).toContain("- readCredits() would read the balance as 0\n");
    expect(text.stdout).toContain("- check --min would refuse every team, since the API would not say how many credits it has (exit 4)\n");
    const markdown = await diff("credits-string", "--markdown");
    expect(markdown.stdout).toMatch(/^\| error \| GET \/user\/credits\/info \| response 200 application\/json \| `response-property-type-changed` \| credits: type changed from integer to string \*\*This kit reads it:\*\* readCredits\\\(\\\) would read the balance as 0; check --min would/m);
    const [finding] = JSON.parse((await diff("credits-string", "--json")).stdout).findings;
    expect(finding).toMatchObject({ id: "response-property-type-changed", level: "error", kit: { oasdiffLevel: "error" } });
  });
});

test("removing a whole object reaches each field read below it, each sentence naming its field", async () => {
  const [finding] = JSON.parse((await diff("no-breakdown", "--json")).stdout).findings;
  expect(finding).toMatchObject({ level: "error", kit: { oasdiffLevel: "warning" } });
  expect(finding.kit.reaches).toContain("breakdown/items/remaining_units: <olostep-credits> would show every lot as empty");
  expect(finding.kit.reaches).toContain("breakdown: readCredits() would give every team no lots");
});

test("a field no surface reads keeps oasdiff's level, with nothing added", async () => {
  const [finding] = JSON.parse((await diff("no-title", "--json")).stdout).findings;
  expect(finding).toEqual({ id: "response-optional-property-removed", level: "warning", operation: "GET /user/credits/info", location: "response 402 application/json", text: "title: optional property removed" });
});

test("the judgement comes from the list: the same change is raised only where a list says a surface reads the field", () => {
  const base = miniSpec();
  const revision = structuredClone(base) as unknown as { components: { schemas: { Thing: { properties: Record<string, unknown> } } } };
  const name = "kind";
  delete revision.components.schemas.Thing.properties[name];
  const findings = diffSpecs(base, revision as never);
  const removed = findings.find((finding) => finding.text === `${name}: optional property removed`)!;
  expect(removed.level).toBe("warning");
  expect(forThisKit(findings, {}).find((finding) => finding.id === removed.id)).toEqual(removed);
  const reads = { "GET /things/{id}": { "200": { [name]: { type: "string" as const, reads: { widget: "show nothing" } } } } };
  expect(forThisKit(findings, reads).find((finding) => finding.id === removed.id)).toEqual({ ...removed, level: "error", kit: { oasdiffLevel: "warning", reaches: ["<olostep-credits> would show nothing"] } });
});
