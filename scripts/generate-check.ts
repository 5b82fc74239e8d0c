// `npm run generate:check`: exit 1, naming the files, when generated/ is not what the spec produces now; 2 when the spec
// or the command line is refused; 70 for a bug (scripts/tooling/exit-codes.ts).
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseSpecAndOut } from "./tooling/spec-and-out";
import { SCRIPT_EXIT } from "./tooling/exit-codes";
import { ScriptExit, runMain } from "./tooling/run-main";
import { findDrift } from "./tooling/generated-files";
import { repoLabel } from "./tooling/paths";

runMain(async () => {
  const { spec, out } = parseSpecAndOut(process.argv.slice(2));
  const { drifted, expected } = await findDrift(spec, out);
  if (drifted.length > 0) {
    // The fresh output goes to a temporary place, so a failed check can be inspected with diff.
    const fresh = mkdtempSync(join(tmpdir(), "billing-generated-"));
    for (const [name, text] of expected) writeFileSync(join(fresh, name), text);
    const names = drifted.map(repoLabel).join(", ");
    throw new ScriptExit(`${names} ${drifted.length === 1 ? "does" : "do"} not match ${repoLabel(spec)}; run npm run generate (fresh output in ${fresh})`, SCRIPT_EXIT.verdict);
  }
  console.log(`generate:check ok: ${[...expected.keys()].map((name) => repoLabel(join(out, name))).join(", ")} up to date with ${repoLabel(spec)}`);
});
