// What the spec diff reports: findings with a rule id, a level, the operation and the place, and a sentence. Levels
// are oasdiff's wherever one of its rules fits (oasdiff-levels.ts); this project's own rules, for changes oasdiff has
// none for, carry ids that start with "olostep-".
import { OASDIFF_LEVELS } from "./oasdiff-levels";

/** oasdiff's meaning: error breaks clients, warning may break them, info does not. */
export type Level = "error" | "warning" | "info";

export type Finding = {
  id: string;
  level: Level;
  /** "GET /user/credits/info", or "" for a change to the document as a whole (servers, global security). */
  operation: string;
  /** Where in the operation: "response 200 application/json: breakdown/items/purchase_kind". */
  location: string;
  text: string;
  /**
   * Set by this kit's own judgement (kit.ts), on top of oasdiff's, when the change reaches a field the kit reads:
   * the level oasdiff's rule gives (`level` may be raised above it), and what each surface would do ("check --min
   * would …").
   */
  kit?: { oasdiffLevel: Level; reaches: string[] };
};

export const LEVELS: readonly Level[] = ["error", "warning", "info"];

const FROM_OASDIFF = { ERR: "error", WARN: "warning", INFO: "info" } as const;

/**
 * Where findings of one place go; `at` names the place, `add` takes a rule id and the sentence, and, for a change
 * inside a body's schema, the field's path in it ("" for the body itself; see fieldOf).
 */
export type Sink = { operation: string; at: string; add(id: string, text: string, fallback?: Level, field?: string): void };

/**
 * The schema path of a finding inside its body ("breakdown/items/purchase_kind", "" for the body itself), kept beside
 * the finding rather than in it: a Finding's own keys are what the reports print and what tests compare.
 */
const FIELDS = new WeakMap<Finding, string>();

export function fieldOf(finding: Finding): string | undefined {
  return FIELDS.get(finding);
}

/**
 * The level of rule `id`: oasdiff's when it has the rule; otherwise this project's own rule, `olostep-<id>`, at
 * `fallback` (the level the same change gets by the direction's logic).
 */
export function ruled(id: string, fallback: Level = "info"): { id: string; level: Level } {
  const oasdiff = OASDIFF_LEVELS[id];
  return oasdiff ? { id, level: FROM_OASDIFF[oasdiff] } : { id: `olostep-${id}`, level: fallback };
}

export function collector(findings: Finding[], operation: string, at: string): Sink {
  return {
    operation,
    at,
    add(id, text, fallback, field) {
      const { id: rule, level } = ruled(id, fallback);
      const finding: Finding = { id: rule, level, operation, location: at, text };
      if (field !== undefined) FIELDS.set(finding, field);
      findings.push(finding);
    },
  };
}

/** Errors first, then warnings, then information; within a level by operation, place and rule. */
export function sortFindings(findings: Finding[]): Finding[] {
  const rank = (finding: Finding) => LEVELS.indexOf(finding.level);
  return [...findings].sort(
    (a, b) => rank(a) - rank(b) || a.operation.localeCompare(b.operation) || a.location.localeCompare(b.location) || a.id.localeCompare(b.id) || a.text.localeCompare(b.text),
  );
}
