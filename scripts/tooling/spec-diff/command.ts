// spec:diff's command line, apart from the process: scripts/spec-diff.ts runs it, and tests call it in-process.
import { parseArgs } from "node:util";
import { SCRIPT_EXIT } from "../exit-codes";
import { ScriptExit } from "../run-main";
import { diffSpecs } from "./index";
import { forThisKit } from "./kit";
import { failsAt, jsonReport, markdownReport, parseLevel, summary, textReport } from "./report";
import { readSpecSource } from "../../../core/openapi/read";

const USAGE = "usage: npm run spec:diff -- <base> <revision> [--json | --markdown] [--fail-on error|warning|info]";

/**
 * Prints the report through `print`; resolves with the exit code, or throws: a ScriptExit (exit 2) for bad input, a
 * SpecError (exit 2) for a spec that cannot be read, anything else a fault of the command itself, which runMain reports
 * as exit 70 (exit 1 means "a breaking change was found", so a fault must never read as that). `diff` is oasdiff's
 * judgement (tests hand in a failing one to see the exit 70); this kit's own is added on top (kit.ts).
 */
export async function specDiff(args: string[], print: (text: string) => void, diff: typeof diffSpecs = diffSpecs): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { json: { type: "boolean" }, markdown: { type: "boolean" }, "fail-on": { type: "string" } }, allowPositionals: true, strict: true });
    if (parsed.positionals.length !== 2) throw new Error(`two specs are needed, a base and a revision (files or http(s) URLs); ${USAGE}`);
    if (parsed.values.json && parsed.values.markdown) throw new Error(`--json and --markdown do not go together; ${USAGE}`);
  } catch (error) {
    throw new ScriptExit((error as Error).message.split("\n")[0]!, SCRIPT_EXIT.refused);
  }
  const { values, positionals } = parsed;
  let failOn;
  try {
    failOn = parseLevel(values["fail-on"], "--fail-on");
  } catch (error) {
    throw new ScriptExit((error as Error).message, SCRIPT_EXIT.refused);
  }
  const [base, revision] = await Promise.all(positionals.map((source) => readSpecSource(source)));
  const findings = forThisKit(diff(base!, revision!));
  if (values.json) print(jsonReport(findings));
  else if (values.markdown) print(markdownReport(findings));
  else {
    print(`spec:diff: ${positionals[0]} → ${positionals[1]}: ${summary(findings)}`);
    if (findings.length) print(textReport(findings));
  }
  return failsAt(findings, failOn) ? SCRIPT_EXIT.verdict : SCRIPT_EXIT.ok;
}
