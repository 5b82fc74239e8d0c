// `npm run spec:pull [-- --from URL ...]`: fetches the vendor's published billing spec, and when it differs from the one
// last pulled (openapi/vendor.json) carries the vendor's change onto openapi/billing.json (three-way.ts), then does what
// spec:update does: Spectral, regenerate, type check, findings. Exit 0: unchanged, or changed below --fail-on; 1: changed
// with a finding at --fail-on or above (default error) or a failing type check; 2: nothing could be pulled or merged,
// and every file is as it was; 70: an internal error (never 1, which is a verdict; scripts/tooling/exit-codes.ts).
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parseArgs, isDeepStrictEqual } from "node:util";
import { GENERATED_DIR, SPEC_FILE } from "./tooling/paths";
import { SCRIPT_EXIT } from "./tooling/exit-codes";
import { ScriptExit, runMain } from "./tooling/run-main";
import { applySpec } from "./tooling/spec-apply";
import { failsAt, jsonReport, markdownReport, parseLevel, summary, textReport, withoutMethodNote } from "./tooling/spec-diff/report";
import { terminalText } from "../core/untrusted-text";
import { checkSpec, SpecError } from "../core/openapi/check";
import { readSpecFile } from "../core/openapi/read";
import { mergeChanges } from "./tooling/three-way";
import { readVendorSpec, VENDOR_SPEC_PAGES } from "./tooling/vendor-pages";
import { writeChangeset } from "./tooling/changeset";

const USAGE =
  "usage: npm run spec:pull [-- --from URL ...] [--fail-on error|warning|info] [--findings-json FILE] [--findings-markdown FILE] [--changeset [--changeset-dir DIR]] [--no-typecheck]";

runMain(async () => {
  let parsed;
  try {
    parsed = parseArgs({
      args: process.argv.slice(2),
      options: {
        from: { type: "string", multiple: true },
        spec: { type: "string" },
        vendor: { type: "string" },
        out: { type: "string" },
        "fail-on": { type: "string" },
        "findings-json": { type: "string" },
        "findings-markdown": { type: "string" },
        changeset: { type: "boolean" },
        "changeset-dir": { type: "string" },
        "no-typecheck": { type: "boolean" },
      },
      strict: true,
    });
  } catch (error) {
    throw new ScriptExit(`${(error as Error).message.split("\n")[0]}; ${USAGE}`, SCRIPT_EXIT.refused);
  }
  const { values } = parsed;
  let failOn;
  try {
    failOn = parseLevel(values["fail-on"], "--fail-on");
  } catch (error) {
    throw new ScriptExit(`${(error as Error).message}; ${USAGE}`, SCRIPT_EXIT.refused);
  }
  const spec = values.spec ? resolve(values.spec) : SPEC_FILE;
  // The pin beside the spec, as spec:update carries it (openapi/vendor.json for openapi/billing.json).
  const vendorFile = values.vendor ? resolve(values.vendor) : join(dirname(spec), "vendor.json");
  const sources = values.from ?? process.env.OLOSTEP_SPEC_URLS?.split(",").map((url) => url.trim()).filter(Boolean) ?? [...VENDOR_SPEC_PAGES];
  const log = (line: string) => console.log(`spec:pull: ${line}`);
  log(`reading ${sources.join(", ")}`);

  const published = await readVendorSpec(sources);
  const lastPulled = readSpecFile(vendorFile);
  if (isDeepStrictEqual(published, lastPulled)) {
    log("the vendor's published spec is the one last pulled (openapi/vendor.json): nothing to do");
    return SCRIPT_EXIT.ok;
  }
  const { merged, conflicts } = mergeChanges(lastPulled, published, readSpecFile(spec));
  if (conflicts.length) {
    throw new SpecError(`the vendor changed ${conflicts.join(", ")}, which this project's reading changed too: merge by hand (openapi/vendor.json keeps the last pull); nothing was changed`);
  }
  const applied = await applySpec(checkSpec(merged, "the merged spec"), { source: sources.join(", "), spec, out: values.out ? resolve(values.out) : GENERATED_DIR, typecheck: !values["no-typecheck"], log });
  writeFileSync(vendorFile, `${JSON.stringify(published, null, 2)}\n`);
  if (!applied.changed) {
    log("the vendor's change leaves openapi/billing.json as it was; openapi/vendor.json is updated");
    return SCRIPT_EXIT.ok;
  }
  log(summary(applied.findings));
  if (applied.findings.length) console.log(textReport(applied.findings));
  if (applied.withoutMethod.length) log(withoutMethodNote(applied.withoutMethod, "text"));
  if (values["findings-json"]) writeFileSync(values["findings-json"], `${jsonReport(applied.findings)}\n`);
  const note = applied.withoutMethod.length ? `\n\n${withoutMethodNote(applied.withoutMethod, "markdown")}.` : "";
  if (values["findings-markdown"]) writeFileSync(values["findings-markdown"], `${markdownReport(applied.findings)}${note}\n`);
  if (values.changeset) log(`wrote ${writeChangeset(applied.findings, values["changeset-dir"] && resolve(values["changeset-dir"]))}`);
  if (applied.typeErrors.length) {
    console.log(applied.typeErrors.slice(0, 10).map((line) => `  ${terminalText(line)}`).join("\n"));
    log(`the type check shows ${applied.typeErrors.length} place(s) the new spec breaks`);
    return SCRIPT_EXIT.verdict;
  }
  return failsAt(applied.findings, failOn) ? SCRIPT_EXIT.verdict : SCRIPT_EXIT.ok;
});
