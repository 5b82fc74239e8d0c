// The --spec/--out options shared by generate and generate:check, parsed with node:util; a bad command line is exit 2.
import { parseArgs } from "node:util";
import { resolve } from "node:path";
import { SCRIPT_EXIT } from "./exit-codes";
import { GENERATED_DIR, SPEC_FILE } from "./paths";
import { ScriptExit } from "./run-main";

export function parseSpecAndOut(argv: string[]): { spec: string; out: string } {
  let values: { spec?: string; out?: string };
  try {
    ({ values } = parseArgs({ args: argv, options: { spec: { type: "string" }, out: { type: "string" } }, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new ScriptExit(`${(error as Error).message.split("\n")[0]}; usage: [--spec openapi/billing.json] [--out generated]`, SCRIPT_EXIT.refused);
  }
  return {
    spec: values.spec ? resolve(values.spec) : SPEC_FILE,
    out: values.out ? resolve(values.out) : GENERATED_DIR,
  };
}
