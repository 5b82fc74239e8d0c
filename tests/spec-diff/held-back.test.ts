// spec:diff against oasdiff's judgement on a held-back set of one-change pairs of openapi/billing.json (the fixture
// says where the expected levels come from): breaking exactly where oasdiff says ERR or WARN, and a finding for every change.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { diffSpecs } from "../../scripts/tooling/spec-diff";
import { applyPatch, type PatchOperation } from "../helpers/json-patch";
import { loadSpec } from "../helpers/spec";

type Case = { name: string; oasdiff: "ERR" | "WARN" | "INFO"; rule: string; patch: PatchOperation[] };
const { cases } = JSON.parse(readFileSync(resolve(__dirname, "../fixtures/spec-changes/held-back.json"), "utf8")) as { cases: Case[] };
const base = loadSpec();

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
