// spec:diff's command line, apart from the process: scripts/spec-diff.ts runs it, and tests call it in-process.
import { parseArgs } from "node:util";
import { ScriptExit } from "../run-main";
import { diffSpecs } from "./index";
import { failsAt, jsonReport, markdownReport, parseLevel, summary, textReport } from "./report";
import { SpecError } from "../spec-file";
import { readSpecSource } from "../spec-source";

const USAGE = "usage: npm run spec:diff -- <base> <revision> [--json | --markdown] [--fail-on error|warning|info]";

/** Prints the report through `print`; resolves with the exit code, or throws a ScriptExit (exit 2) for bad input. */
export async function specDiff(args: string[], print: (text: string) => void): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { json: { type: "boolean" }, markdown: { type: "boolean" }, "fail-on": { type: "string" } }, allowPositionals: true, strict: true });
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
  if (values.json) print(jsonReport(findings));
  else if (values.markdown) print(markdownReport(findings));
  else {
    print(`spec:diff: ${positionals[0]} → ${positionals[1]}: ${summary(findings)}`);
    if (findings.length) print(textReport(findings));
  }
  return failsAt(findings, failOn) ? 1 : 0;
}
