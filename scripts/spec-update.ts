// `npm run spec:update -- <file-or-url>`: replaces the spec with a new version, if it is sound, regenerates,
// type-checks, and reports what changed, judged as spec:diff judges it. What it changed at the vendor's nodes is
// carried onto the pin beside the spec (openapi/vendor.json), as spec:pull would leave it. Exit 1 when a finding is at
// --fail-on or above (default error) or the type check fails; 2 when the new spec cannot be read or is refused
// (nothing is changed then); 70 for an internal error, never 1 (scripts/tooling/exit-codes.ts).
import { existsSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { GENERATED_DIR, SPEC_FILE } from "./tooling/paths";
import { SCRIPT_EXIT } from "./tooling/exit-codes";
import { ScriptExit, runMain } from "./tooling/run-main";
import { applySpec } from "./tooling/spec-apply";
import { failsAt, parseLevel, summary, textReport, withoutMethodNote } from "./tooling/spec-diff/report";
import { terminalText } from "../core/untrusted-text";
import { readSpecFile, readSpecSource } from "../core/openapi/read";
import { carriedOnto } from "./tooling/three-way";
import { repoLabel } from "./tooling/paths";

const USAGE =
  "usage: npm run spec:update -- <file-or-url> [--spec openapi/billing.json] [--vendor <the spec's folder>/vendor.json] [--out generated] [--fail-on error|warning|info] [--no-typecheck]";

runMain(async () => {
  const { values, positionals } = usage(() =>
    parseArgs({
      args: process.argv.slice(2),
      options: { spec: { type: "string" }, vendor: { type: "string" }, out: { type: "string" }, "no-typecheck": { type: "boolean" }, "fail-on": { type: "string" } },
      allowPositionals: true,
      strict: true,
    }),
  );
  if (positionals.length !== 1) throw new ScriptExit(`one new spec (a file or an http(s) URL) is needed; ${USAGE}`, SCRIPT_EXIT.refused);
  const failOn = usage(() => parseLevel(values["fail-on"], "--fail-on"));
  const source = positionals[0]!;
  const log = (line: string) => console.log(`spec:update: ${line}`);
  log(`reading ${source}`);
  const incoming = await readSpecSource(source);
  const spec = values.spec ? resolve(values.spec) : SPEC_FILE;
  const before = readSpecFile(spec);
  const applied = await applySpec(incoming, { source, spec, out: values.out ? resolve(values.out) : GENERATED_DIR, typecheck: !values["no-typecheck"], log });
  if (!applied.changed) {
    log("the spec is unchanged; nothing was written");
    return 0;
  }
  carryPin(values.vendor ? resolve(values.vendor) : join(dirname(spec), "vendor.json"), before, incoming, log);
  log(summary(applied.findings));
  if (applied.findings.length) console.log(textReport(applied.findings));
  if (applied.withoutMethod.length) log(withoutMethodNote(applied.withoutMethod, "text"));
  if (applied.typeErrors.length) {
    console.log(applied.typeErrors.slice(0, 10).map((line) => `  ${terminalText(line)}`).join("\n"));
    throw new ScriptExit(`the new spec is in place, and the type check shows ${applied.typeErrors.length} place(s) it breaks; fix them, or go back with git checkout`, SCRIPT_EXIT.verdict);
  }
  if (applied.typechecked) log("type check passes");
  return failsAt(applied.findings, failOn) ? SCRIPT_EXIT.verdict : SCRIPT_EXIT.ok;
});

/**
 * The pin follows the vendor's nodes that the new spec changed (three-way.ts, carriedOnto), so that the seed check
 * compares the spec with what was applied, as after spec:pull. No pin beside the spec (a spec elsewhere): nothing to carry.
 */
function carryPin(vendorFile: string, before: unknown, after: unknown, log: (line: string) => void): void {
  if (!existsSync(vendorFile)) return;
  const { pin, moved } = carriedOnto(readSpecFile(vendorFile), before, after);
  if (moved.length === 0) return;
  // Written whole and renamed, as the spec is: a half-written pin would fail the seed check for the wrong reason.
  const staged = join(dirname(vendorFile), `.vendor-${process.pid}.json`);
  try {
    writeFileSync(staged, `${JSON.stringify(pin, null, 2)}\n`);
    renameSync(staged, vendorFile);
  } finally {
    rmSync(staged, { force: true });
  }
  const shown = moved.slice(0, 5).map(terminalText).join(", ");
  log(`carried ${moved.length} change(s) to the vendor's nodes onto ${repoLabel(vendorFile)} (${shown}${moved.length > 5 ? ", …" : ""}), as spec:pull would leave it`);
}

/** Runs a command-line check; its failure is exit 2 with one line. */
function usage<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    throw new ScriptExit(`${(error as Error).message.split("\n")[0]}; ${USAGE}`, SCRIPT_EXIT.refused);
  }
}
