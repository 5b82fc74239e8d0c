// `npm run bench:mutation`: Stryker (jest runner, per-test coverage) on the route's store and HTTP cache modules, from
// bench/mutation/ (a project of its own: Stryker 10 needs Node 22, which it installs from the npm registry where the
// running Node is older). The share of mutants killed, per file, and the survivors go into bench/results.md.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fixed, table } from "./stats";

const REPO = resolve(__dirname, "..");
const HERE = join(__dirname, "mutation");
const REPORT = join(HERE, "reports", "mutation.json");
const RESULTS = join(__dirname, "results.md");
export const MUTATION_TITLE = "Mutation testing of the route's store and HTTP cache (Stryker 10, jest runner, per-test coverage)";
/** The share of mutants the tests must kill, per file. */
const TARGET = 0.9;

type Mutant = { status: string; mutatorName: string; replacement?: string; location: { start: { line: number } } };
type Report = { files: Record<string, { mutants: Mutant[] }> };

function strykerNode(): string {
  if (Number(process.versions.node.split(".")[0]) >= 22) return process.execPath;
  const bundled = join(HERE, "node_modules", "node22", "bin", process.platform === "win32" ? "node.exe" : "node");
  if (!existsSync(bundled)) throw new Error("Stryker 10 needs Node 22 or later: run npm run bench:mutation on Node 22 (bench/mutation installs one on linux-x64 only)");
  return bundled;
}

function main(): void {
  if (!existsSync(join(HERE, "node_modules", "@stryker-mutator", "core"))) {
    console.log("bench:mutation: npm ci in bench/mutation");
    execFileSync(process.platform === "win32" ? "npm.cmd" : "npm", ["ci", "--no-audit", "--no-fund"], { cwd: HERE, stdio: "inherit" });
  }
  const stryker = join(HERE, "node_modules", "@stryker-mutator", "core", "bin", "stryker.js");
  console.log("bench:mutation: stryker run bench/mutation/stryker.config.json (about half an hour on two busy cores)");
  const run = spawnSync(strykerNode(), [stryker, "run", "bench/mutation/stryker.config.json"], { cwd: REPO, stdio: "inherit" });
  if (run.status !== 0) throw new Error(`stryker exited with ${run.status ?? run.signal}`);
  const section = mutationSection(JSON.parse(readFileSync(REPORT, "utf8")) as Report, new Date().toISOString().slice(0, 10));
  console.log(section.text);
  writeFileSync(RESULTS, withSection(readFileSync(RESULTS, "utf8"), section.text));
  console.log("bench:mutation: wrote bench/results.md");
  if (!section.met) process.exitCode = 1;
}

/** Killed counts mutants a test failed on or timed out on (an endless loop is caught); errors and ignored are left out. */
export function mutationSection(report: Report, date: string): { text: string; met: boolean } {
  let met = true;
  const rows: string[][] = [];
  const survivors: string[][] = [];
  for (const [file, { mutants }] of Object.entries(report.files).sort()) {
    const valid = mutants.filter((m) => !["CompileError", "RuntimeError", "Ignored"].includes(m.status));
    const killed = valid.filter((m) => m.status === "Killed" || m.status === "Timeout").length;
    const share = killed / valid.length;
    met &&= share >= TARGET;
    rows.push([file, String(valid.length), String(killed), String(valid.filter((m) => m.status === "Timeout").length), String(valid.filter((m) => m.status === "Survived").length), String(valid.filter((m) => m.status === "NoCoverage").length), `${fixed(share * 100, 1)} %`, share >= TARGET ? "yes" : "no"]);
    for (const m of valid.filter((m) => m.status === "Survived" || m.status === "NoCoverage")) survivors.push([`${file}:${m.location.start.line}`, m.mutatorName, `\`${(m.replacement ?? "").replace(/\s+/g, " ").replace(/\|/g, "\\|").slice(0, 80)}\``, m.status]);
  }
  const text =
    `## ${MUTATION_TITLE}\n\n_\`npm run bench:mutation\` on ${date}: the tests of tests/server/{balance-store,http-cache,caching,cooldowns,money,freshness,mounts}.test.ts (bench/mutation/jest.config.js)._\n\n` +
    table(["file", "mutants", "killed", "of which timed out", "survived", "no coverage", "killed", `≥ ${TARGET * 100} %`], rows) +
    (survivors.length ? `\n\nThe survivors:\n\n${table(["where", "mutator", "replacement", "status"], survivors)}` : "\n\nNo mutant survives.") +
    "\n";
  return { text, met };
}

/** The results with this section in place of the last one (or added at the end). */
export function withSection(results: string, section: string): string {
  const start = results.search(/^## Mutation testing/m);
  if (start < 0) return `${results.trimEnd()}\n\n${section}`;
  const end = results.indexOf("\n## ", start + 1);
  return `${results.slice(0, start)}${section}${end < 0 ? "" : results.slice(end + 1)}`;
}

/** The last mutation section of the results, for a whole bench run to carry over. */
export function mutationSectionOf(results: string): string | undefined {
  const start = results.search(/^## Mutation testing/m);
  if (start < 0) return undefined;
  const end = results.indexOf("\n## ", start + 1);
  return results.slice(start, end < 0 ? undefined : end + 1);
}

if (require.main === module) {
  try {
    main();
  } catch (error) {
    console.error(`bench:mutation: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
