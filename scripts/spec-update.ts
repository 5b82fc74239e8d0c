// `npm run spec:update -- <file-or-url>`: replaces the spec with a new vendor version, if it is sound,
// regenerates, type-checks, and reports what changed and what breaks callers.
import { spawnSync } from "node:child_process";
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { parse as parseYaml } from "yaml";
import { runMain } from "./tooling/run-main";
import { renderGenerated } from "./tooling/codegen";
import { writeFilesAtomically } from "./tooling/generated-files";
import { lintErrors } from "./tooling/lint-spec";
import { GENERATED_DIR, REPO_ROOT, repoLabel, SPEC_FILE } from "./tooling/paths";
import { diffSpecs } from "./tooling/spec-diff";
import { readSpec, SpecError } from "./tooling/spec-file";

const USAGE = "usage: npm run spec:update -- <file-or-url> [--spec openapi/billing.json] [--out generated] [--no-typecheck]";

runMain(async () => {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    options: { spec: { type: "string" }, out: { type: "string" }, "no-typecheck": { type: "boolean" } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 1) throw new Error(`one new spec (a file or an http(s) URL) is needed; ${USAGE}`);
  const source = positionals[0]!;
  const spec = values.spec ? resolve(values.spec) : SPEC_FILE;
  const out = values.out ? resolve(values.out) : GENERATED_DIR;

  console.log(`spec:update: reading ${source}`);
  const incoming = parseDocument(source, await readSource(source));
  // Staged beside the spec, so that accepting it is one rename; removed on every path out.
  const staged = join(dirname(spec), `.incoming-${process.pid}.json`);
  writeFileSync(staged, `${JSON.stringify(incoming, null, 2)}\n`);
  try {
    const next = readSpec(staged, source);
    const problems = lintErrors(staged);
    if (problems.length > 0) {
      throw new SpecError(`${source}: refused, Spectral finds ${problems.length} error(s), first: ${problems[0]}`);
    }
    console.log("spec:update: valid OpenAPI 3, Spectral clean");
    const files = await renderGenerated(staged, repoLabel(spec));
    const changes = diffSpecs(readSpec(spec), next);
    renameSync(staged, spec);
    writeFilesAtomically(out, files);
    console.log(`spec:update: wrote ${repoLabel(spec)} and regenerated ${repoLabel(out)}/`);
    printReport(changes);
  } finally {
    rmSync(staged, { force: true });
  }
  if (values["no-typecheck"]) return;
  const typecheck = spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", join(REPO_ROOT, "tsconfig.json")], { encoding: "utf8" });
  if (typecheck.status !== 0) {
    const errors = typecheck.stdout.split("\n").filter((line) => line.includes("error TS"));
    console.log(errors.slice(0, 10).map((line) => `  ${line}`).join("\n"));
    throw new Error(`the new spec is in place, and the type check shows ${errors.length} place(s) it breaks; fix them, or go back with git checkout`);
  }
  console.log("spec:update: type check passes");
});

async function readSource(source: string): Promise<string> {
  if (/^https?:\/\//.test(source)) {
    const response = await fetch(source, { signal: AbortSignal.timeout(30_000) });
    if (!response.ok) throw new Error(`${source}: HTTP ${response.status}; nothing was changed`);
    return response.text();
  }
  try {
    return readFileSync(source, "utf8");
  } catch (error) {
    throw new Error(`${source}: cannot be read (${(error as NodeJS.ErrnoException).code}); nothing was changed`);
  }
}

/** The vendor publishes JSON; YAML (as on its docs pages) is accepted too and kept as JSON. */
function parseDocument(source: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    try {
      return parseYaml(text);
    } catch (error) {
      throw new SpecError(`${source}: is neither JSON nor YAML (${(error as Error).message.split("\n")[0]}); nothing was changed`);
    }
  }
}

function printReport(changes: ReturnType<typeof diffSpecs>): void {
  const breaking = changes.filter((change) => change.breaking);
  for (const change of breaking) console.log(`  BREAKING  ${change.what}`);
  for (const change of changes.filter((c) => !c.breaking)) console.log(`  added/ok  ${change.what}`);
  console.log(
    changes.length === 0
      ? "spec:update: no change to operations or schemas"
      : `spec:update: ${changes.length} change(s), ${breaking.length} breaking callers`,
  );
}
