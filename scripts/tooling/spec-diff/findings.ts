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
};

export const LEVELS: readonly Level[] = ["error", "warning", "info"];

const FROM_OASDIFF = { ERR: "error", WARN: "warning", INFO: "info" } as const;

/** Where findings of one place go; `at` names the place, `add` takes a rule id and the sentence. */
export type Sink = { operation: string; at: string; add(id: string, text: string, fallback?: Level): void };

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
    add(id, text, fallback) {
      const { id: rule, level } = ruled(id, fallback);
      findings.push({ id: rule, level, operation, location: at, text });
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
