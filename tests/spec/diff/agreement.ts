// How far spec:diff agrees with oasdiff on a set of one-change pairs: the breaking / not-breaking verdict (oasdiff
// says breaking at ERR or WARN), and its rule id at its level where it has one. Misses are listed, to read, not to tune.
import { diffSpecs, type Finding } from "../../../scripts/tooling/spec-diff";
import { pairSpecs, type Pair } from "./pair-spec";

export type OasdiffCase = Pair & { name: string; rule: string | null; oasdiff: "ERR" | "WARN" | "INFO" | "NONE" };

const LEVEL = { ERR: "error", WARN: "warning", INFO: "info" } as const;

export type Agreement = { cases: number; verdicts: number; ruled: number; rules: number; misses: string[] };

export function agreement(cases: OasdiffCase[], today: Date): Agreement {
  const result: Agreement = { cases: cases.length, verdicts: 0, ruled: 0, rules: 0, misses: [] };
  for (const c of cases) {
    let findings: Finding[];
    try {
      findings = diffSpecs(...pairSpecs(c), { today });
    } catch (error) {
      result.misses.push(`${c.name}: threw ${(error as Error).message}`);
      if (c.rule) result.ruled += 1;
      continue;
    }
    const seen = findings.map((finding) => `${finding.level} ${finding.id}`);
    const breaking = findings.some((finding) => finding.level !== "info");
    const verdictAgrees = breaking === (c.oasdiff === "ERR" || c.oasdiff === "WARN");
    if (verdictAgrees) result.verdicts += 1;
    let ruleAgrees = true;
    if (c.rule && c.oasdiff !== "NONE") {
      result.ruled += 1;
      ruleAgrees = seen.includes(`${LEVEL[c.oasdiff]} ${c.rule}`);
      if (ruleAgrees) result.rules += 1;
    }
    if (!verdictAgrees || !ruleAgrees) result.misses.push(`${c.name} (${c.openapi}): oasdiff ${c.oasdiff} ${c.rule ?? ""}; spec:diff ${seen.join(", ") || "nothing"}`);
  }
  return result;
}

export const percent = (part: number, whole: number) => (whole === 0 ? 100 : Math.round((1000 * part) / whole) / 10);
