// `npm run generate:check`: fails, naming the files, when generated/ is not what the spec produces now.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseSpecAndOut } from "./tooling/spec-and-out";
import { runMain } from "./tooling/run-main";
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
    throw new Error(`${names} ${drifted.length === 1 ? "does" : "do"} not match ${repoLabel(spec)}; run npm run generate (fresh output in ${fresh})`);
  }
  console.log(`generate:check ok: ${[...expected.keys()].map((name) => repoLabel(join(out, name))).join(", ")} up to date with ${repoLabel(spec)}`);
});
