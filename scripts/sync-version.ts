// `npm run release:version` runs this after `changeset version`: the package's version, as package.json now says it,
// goes into src/version.ts (the User-Agent and `olostep-billing --version`). A test checks the three agree.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "./tooling/paths";
import { runMain } from "./tooling/run-main";

runMain(async () => {
  const { version } = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { version: string };
  const file = join(REPO_ROOT, "src", "version.ts");
  const text = readFileSync(file, "utf8").replace(/export const VERSION = "[^"]*";/, `export const VERSION = "${version}";`);
  writeFileSync(file, text);
  console.log(`sync-version: src/version.ts says ${version}`);
});
