// spec:diff's command line, apart from the process: scripts/spec-diff.ts runs it, and tests call it in-process.
import { parseArgs } from "node:util";
import { ScriptExit } from "../run-main";
import { diffSpecs } from "./index";
import { failsAt, jsonReport, markdownReport, parseLevel, summary, textReport } from "./report";
import { SpecError } from "../spec-file";
import { readSpecSource } from "../spec-source";

const USAGE = "usage: npm run spec:diff -- <base> <revision> [--json | --markdown] [--fail-on error|warning|info]";

/**
 * Prints the report through `print`; resolves with the exit code, or throws a ScriptExit: exit 2 for bad input, 3 for
 * a fault of the command itself (exit 1 means "a breaking change was found", so a fault must never read as that).
 * `diff` is the judgement (tests hand in a failing one to see the exit 3).
 */
export async function specDiff(args: string[], print: (text: string) => void, diff: typeof diffSpecs = diffSpecs): Promise<number> {
  try {
    return await run(args, print, diff);
  } catch (error) {
    if (error instanceof ScriptExit) throw error;
    // One line, bounded, with no control characters: the message may quote the spec.
    const reason = String(error instanceof Error ? error.message : error).split("\n")[0]!.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, "?").slice(0, 200);
    throw new ScriptExit(`internal error in spec:diff (exit 3, not a finding; please report it): ${reason}`, 3);
  }
}

async function run(args: string[], print: (text: string) => void, diff: typeof diffSpecs): Promise<number> {
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
  const findings = diff(base!, revision!);
  if (values.json) print(jsonReport(findings));
  else if (values.markdown) print(markdownReport(findings));
  else {
    print(`spec:diff: ${positionals[0]} → ${positionals[1]}: ${summary(findings)}`);
    if (findings.length) print(textReport(findings));
  }
  return failsAt(findings, failOn) ? 1 : 0;
}
