// spec:diff against oasdiff's judgement on two held-back sets, never tuned against: one-change pairs of
// openapi/billing.json (each called breaking exactly where oasdiff says ERR or WARN), and one-change pairs of small specs
// written elsewhere (OpenAPI 3.0 and 3.1), where every pair agrees with oasdiff's verdict and rule id but the known
// misses, each pinned by name. The figures print with the run.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { diffSpecs } from "../../../scripts/tooling/spec-diff";
import { applyPatch, type PatchOperation } from "../../helpers/json-patch";
import { loadSpec } from "../../helpers/spec";
import { agreement, percent, type OasdiffCase } from "./agreement";

type Case = { name: string; oasdiff: "ERR" | "WARN" | "INFO"; rule: string; patch: PatchOperation[] };
const fixture = (name: string) => JSON.parse(readFileSync(resolve(__dirname, "../../fixtures/spec-changes", name), "utf8")) as { cases: unknown[] };
const cases = fixture("held-back.json").cases as Case[];
const elsewhere = fixture("held-back-elsewhere.json").cases as OasdiffCase[];
const base = loadSpec();
/** The day sunsets are judged against: the corpus's sunsets are 2020-01-01 (past) and 2099-12-31 (future). */
const TODAY = new Date("2026-06-01T00:00:00Z");

test("the held-back set covers every kind of change the issue lists", () => {
  const kinds = [/\$ref/, /parameter/, /header/, /nullable/, /maxLength|minimum|maximum|pattern/, /media type|JSON body/, /status/, /type/, /enum/, /inline under paths/];
  for (const kind of kinds) expect(cases.filter((c) => kind.test(c.name)).length).toBeGreaterThan(0);
  expect(cases.length).toBeGreaterThanOrEqual(40);
});

test.each(cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
  const findings = diffSpecs(base, applyPatch(base, c.patch));
  expect(findings.length).toBeGreaterThan(0);
  const breaking = findings.some((finding) => finding.level !== "info");
  expect({ breaking, findings: findings.map((f) => `${f.level} ${f.id}`) }).toMatchObject({ breaking: c.oasdiff !== "INFO" });
  // Where oasdiff has the rule, the finding carries its id and its level.
  if (c.rule !== "(none)") {
    const level = { ERR: "error", WARN: "warning", INFO: "info" }[c.oasdiff];
    expect(findings.map((f) => `${f.level} ${f.id}`)).toContain(`${level} ${c.rule}`);
  }
});

test("the corpus written elsewhere covers every family, in OpenAPI 3.0 and 3.1", () => {
  const families = [/const/, /contains/, /if|then|else/, /dependent/, /patternProperties/, /prefixItems/, /propertyNames/, /unevaluated/, /content(MediaType|Schema|Encoding)/, /exclusive/, /sunset/, /stability/, /not:|then:|if:/, /default/, /discriminator/, /x-extensible-enum/, /wrapped in oneOf/, /pattern/, /type narrowed/, /renamed/, /no responses/];
  for (const family of families) expect([family, elsewhere.filter((c) => family.test(c.name)).length > 0]).toEqual([family, true]);
  for (const version of ["3.0", "3.1"]) expect(elsewhere.filter((c) => c.openapi === version).length).toBeGreaterThanOrEqual(40);
});

/**
 * Where spec:diff and oasdiff part on the corpus written elsewhere, each by name, with what each said: a change to the
 * diff that loses another verdict or rule id fails here by name (no percentage floor lets one slip by), and one that
 * fixes a miss fails too, until the miss is taken off this list.
 */
const KNOWN_MISSES = [
  // oasdiff reports nothing for a lowered maxItems on a request property (3.0); spec:diff calls it an error, with a
  // rule of its own.
  "request-property: maxItems lowered (3.0): oasdiff NONE ; spec:diff error olostep-request-property-max-items-decreased",
];

test("on the corpus written elsewhere: oasdiff's verdict and rule id at its level on every pair but the known misses, named; no crash", () => {
  const result = agreement(elsewhere, TODAY);
  // The figures, for the record (npx jest tests/spec/diff/held-back.test.ts prints them).
  console.log(`spec:diff against oasdiff on ${result.cases} pairs written elsewhere: verdicts ${result.verdicts}/${result.cases} (${percent(result.verdicts, result.cases)}%), rule ids at their levels ${result.rules}/${result.ruled} (${percent(result.rules, result.ruled)}%)`);
  expect(result.misses).toEqual(KNOWN_MISSES);
  expect({ verdicts: result.verdicts, rules: result.rules }).toEqual({ verdicts: result.cases - KNOWN_MISSES.length, rules: result.ruled });
});
