// `npm run build`: dist/cjs (client, CLI, mock launcher) and dist/esm (client), each with declarations.
import { execFileSync } from "node:child_process";
import { chmodSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runMain } from "./tooling/run-main";
import { REPO_ROOT } from "./tooling/paths";

const DIST = join(REPO_ROOT, "dist");
const TSC = require.resolve("typescript/bin/tsc");

runMain(async () => {
  rmSync(DIST, { recursive: true, force: true });
  for (const [label, project] of [["cjs", "tsconfig.build.json"], ["esm", "tsconfig.build.esm.json"]] as const) {
    execFileSync(process.execPath, [TSC, "-p", join(REPO_ROOT, project)], { stdio: "inherit" });
    // Each tree says which module system its .js files use, whatever the package root says.
    writeFileSync(join(DIST, label, "package.json"), `${JSON.stringify({ type: label === "esm" ? "module" : "commonjs" })}\n`);
    console.log(`build: dist/${label}`);
  }
  // The bin is run, never imported: no export names src/cli, so its declarations would only add weight to the tarball.
  const cli = join(DIST, "cjs", "src", "cli");
  for (const file of readdirSync(cli, { recursive: true, encoding: "utf8" })) if (file.endsWith(".d.ts")) rmSync(join(cli, file));
  chmodSync(join(cli, "main.js"), 0o755);
  console.log("build: dist/cjs/src/cli/main.js (olostep-billing)");
});
