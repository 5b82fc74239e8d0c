// `npm run spec:diff -- <base> <revision> [--json | --markdown] [--fail-on error|warning|info]`: what changed between
// two versions of the spec, judged from the client's side. Exit 1 when a finding is at --fail-on or above (default
// error), 2 when a spec cannot be read or is not OpenAPI 3, or the command line is wrong.
import { parseArgs } from "node:util";
import { ScriptExit, runMain } from "./tooling/run-main";
import { diffSpecs } from "./tooling/spec-diff";
import { failsAt, jsonReport, markdownReport, parseLevel, summary, textReport } from "./tooling/spec-diff/report";
import { SpecError } from "./tooling/spec-file";
import { readSpecSource } from "./tooling/spec-source";

const USAGE = "usage: npm run spec:diff -- <base> <revision> [--json | --markdown] [--fail-on error|warning|info]";

runMain(async () => {
  let parsed;
  try {
    parsed = parseArgs({ args: process.argv.slice(2), options: { json: { type: "boolean" }, markdown: { type: "boolean" }, "fail-on": { type: "string" } }, allowPositionals: true, strict: true });
    if (parsed.positionals.length !== 2) throw new Error(`two specs are needed, a base and a revision (files or http(s) URLs); ${USAGE}`);
    if (parsed.values.json && parsed.values.markdown) throw new Error(`--json and --markdown do not go together; ${USAGE}`);
  } catch (error) {
    throw new ScriptExit((error as Error).message.split("\n")[0]!, 2);
  }
  const { values, positionals } = parsed;
  let failOn;
  try {
    failOn = parseLevel(values["fail-on"], "--fail-on");
  } catch (error) {
    throw new ScriptExit((error as Error).message, 2);
  }
  const [base, revision] = await Promise.all(positionals.map((source) => readSpecSource(source))).catch((error: unknown) => {
    throw error instanceof SpecError ? new ScriptExit(error.message, 2) : error;
  });
  const findings = diffSpecs(base!, revision!);
  if (values.json) console.log(jsonReport(findings));
  else if (values.markdown) console.log(markdownReport(findings));
  else {
    console.log(`spec:diff: ${positionals[0]} → ${positionals[1]}: ${summary(findings)}`);
    if (findings.length) console.log(textReport(findings));
  }
  return failsAt(findings, failOn) ? 1 : 0;
});
