// `npm run generate`: writes generated/ from the spec, all or nothing.
import { mkdirSync, renameSync, writeFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { renderGenerated } from "./lib/codegen";
import { parseSpecAndOut, runMain } from "./lib/cli-args";
import { repoLabel } from "./lib/paths";

runMain(async () => {
  const { spec, out } = parseSpecAndOut(process.argv.slice(2));
  // Everything is rendered before anything is written: a bad spec never touches generated/.
  const files = await renderGenerated(spec, repoLabel(spec));
  mkdirSync(out, { recursive: true });
  const staged: [string, string][] = [];
  try {
    for (const [name, text] of files) {
      const temporary = join(out, `.${name}.${process.pid}.tmp`);
      writeFileSync(temporary, text);
      staged.push([temporary, join(out, name)]);
    }
    // A rename within one directory is atomic: readers see the old file or the new one, never half.
    for (const [temporary, final] of staged) renameSync(temporary, final);
  } finally {
    for (const [temporary] of staged) rmSync(temporary, { force: true });
  }
  console.log(`generated ${[...files.keys()].map((name) => repoLabel(join(out, name))).join(", ")} from ${repoLabel(spec)}`);
});
