// A changeset (@changesets/cli) for a spec change: major when a finding breaks clients, minor when the API gained
// something, patch otherwise; its text is the findings table. `changeset version` turns it into the version and the
// changelog.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "./paths";
import type { Finding } from "./spec-diff";
import { markdownReport, summary } from "./spec-diff/report";

export function bumpFor(findings: Finding[]): "major" | "minor" | "patch" {
  if (findings.some((finding) => finding.level === "error")) return "major";
  if (findings.some((finding) => /-added$|^new-optional-/.test(finding.id))) return "minor";
  return "patch";
}

/** Writes `vendor-spec-<date>.md` into `dir` (default the repository's .changeset/); returns the file's path. */
export function writeChangeset(findings: Finding[], dir = join(REPO_ROOT, ".changeset"), now = new Date()): string {
  const name = `vendor-spec-${now.toISOString().slice(0, 10)}.md`;
  mkdirSync(dir, { recursive: true });
  const text = ["---", `"olostep-billing": ${bumpFor(findings)}`, "---", "", `The vendor's billing spec changed (${summary(findings)}); the client follows it.`, "", markdownReport(findings), ""].join("\n");
  writeFileSync(join(dir, name), text);
  return join(dir, name);
}
