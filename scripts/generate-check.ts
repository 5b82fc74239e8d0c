// `npm run generate:check`: fails, naming the files, when generated/ is not what the spec produces now.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { renderGenerated } from "./lib/codegen";
import { parseSpecAndOut, runMain } from "./lib/cli-args";
import { repoLabel } from "./lib/paths";

runMain(async () => {
  const { spec, out } = parseSpecAndOut(process.argv.slice(2));
  const expected = await renderGenerated(spec, repoLabel(spec));
  // The fresh output goes to a temporary place so that a failed check can be inspected with diff.
  const fresh = mkdtempSync(join(tmpdir(), "billing-generated-"));
  for (const [name, text] of expected) writeFileSync(join(fresh, name), text);
  const present = existsSync(out) ? readdirSync(out).filter((name) => !name.startsWith(".")) : [];
  const stale = [...expected.keys()].filter(
    (name) => !existsSync(join(out, name)) || readFileSync(join(out, name), "utf8") !== expected.get(name),
  );
  const extra = present.filter((name) => !expected.has(name));
  const drifted = [...stale, ...extra].map((name) => repoLabel(join(out, name)));
  if (drifted.length > 0) {
    throw new Error(
      `${drifted.join(", ")} ${drifted.length === 1 ? "does" : "do"} not match ${repoLabel(spec)}; run npm run generate (fresh output in ${fresh})`,
    );
  }
  rmSync(fresh, { recursive: true, force: true });
  console.log(`generate:check ok: ${[...expected.keys()].map((name) => repoLabel(join(out, name))).join(", ")} match ${repoLabel(spec)}`);
});
