// The findings as people and machines read them: aligned text for a terminal, a Markdown table for a pull request
// (breaking ones first), JSON for CI, and the exit rule (`--fail-on`). Findings quote the spec (names, enum values,
// server URLs): every cell goes through core/untrusted-text.ts for the place it lands. A finding this kit judged
// (kit.ts) shows oasdiff's rule and level beside this kit's, and the surfaces it reaches.
import { markdownText, terminalText } from "../../../core/untrusted-text";
import { LEVELS, type Finding, type Level } from "./findings";

export function summary(findings: Finding[]): string {
  if (findings.length === 0) return "no change to operations, parameters, bodies, responses, schemas, security or servers";
  const counts = LEVELS.map((level) => [level, findings.filter((finding) => finding.level === level).length] as const).filter(([, count]) => count > 0);
  const raised = findings.filter((finding) => finding.kit && finding.kit.oasdiffLevel !== finding.level).length;
  const kit = raised === 0 ? "" : raised === 1 ? " (one an error for this kit, not for oasdiff)" : ` (${raised} of them errors for this kit, not for oasdiff)`;
  return `${findings.length} finding${findings.length === 1 ? "" : "s"}: ${counts.map(([level, count]) => `${count} ${level}${count === 1 || level === "info" ? "" : "s"}`).join(", ")}${kit}`;
}

/** "error", or "error (this kit; oasdiff: warning)" where this kit raised it. */
function levelOf(finding: Finding): string {
  if (!finding.kit || finding.kit.oasdiffLevel === finding.level) return finding.level;
  return `${finding.level} (this kit; oasdiff: ${finding.kit.oasdiffLevel})`;
}

export function textReport(findings: Finding[]): string {
  const rows = findings.map((finding) => [finding.level, finding.operation || "(document)", finding.location, finding.id, finding.text].map(terminalText));
  const widths = [0, 1, 2, 3].map((column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows
    .map((row, index) => {
      const line = `  ${row.map((cell, column) => (column < 4 ? cell.padEnd(widths[column]!) : cell)).join("  ")}`;
      const { kit } = findings[index]!;
      if (!kit) return line;
      const head = kit.oasdiffLevel === findings[index]!.level ? "this kit reads it:" : `an error for this kit (oasdiff: ${kit.oasdiffLevel}), as it reaches:`;
      return [line, `      ${head}`, ...kit.reaches.map((reach) => `      - ${terminalText(reach)}`)].join("\n");
    })
    .join("\n");
}

/** A Markdown table; text from the spec is escaped so that it cannot break the table, add markup, mention or link. */
export function markdownReport(findings: Finding[]): string {
  const cell = (text: string) => markdownText(text).replace(/\s+/g, " ");
  if (findings.length === 0) return "No change to operations, parameters, bodies, responses, schemas, security or servers.";
  return [
    "| level | operation | where | rule | change |",
    "| --- | --- | --- | --- | --- |",
    ...findings.map((finding) => {
      const kit = finding.kit ? ` **This kit reads it:** ${finding.kit.reaches.map(cell).join("; ")}` : "";
      return `| ${cell(levelOf(finding))} | ${cell(finding.operation || "(document)")} | ${cell(finding.location)} | \`${finding.id}\` | ${cell(finding.text)}${kit} |`;
    }),
  ].join("\n");
}

/**
 * The line that names operations the client has no method for yet: each works through `client.raw` (typed from the
 * spec, and in the contract tests), and a method of its own is a change to the client, not to the spec.
 */
export function withoutMethodNote(names: string[], format: "text" | "markdown"): string {
  const shown = format === "markdown" ? names.map((name) => `**${markdownText(name)}**`) : names.map(terminalText);
  return `no convenience method yet for ${shown.join(", ")}: ${names.length === 1 ? "it works" : "they work"} through ${format === "markdown" ? "`client.raw`" : "client.raw"}, typed from the spec`;
}

export function jsonReport(findings: Finding[]): string {
  return JSON.stringify({ findings: findings.map(({ id, level, operation, location, text, kit }) => ({ id, level, operation, location, text, ...(kit && { kit }) })) }, null, 2);
}

/** Whether any finding is at `failOn` or above (error is above warning, warning above info). */
export function failsAt(findings: Finding[], failOn: Level): boolean {
  const limit = LEVELS.indexOf(failOn);
  return findings.some((finding) => LEVELS.indexOf(finding.level) <= limit);
}

export function parseLevel(value: string | undefined, flag: string): Level {
  if (value === undefined) return "error";
  if (value === "error" || value === "warning" || value === "info") return value;
  throw new Error(`${flag} must be error, warning or info, not "${value}"`);
}
