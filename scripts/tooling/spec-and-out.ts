// The --spec/--out options shared by generate and generate:check, parsed with node:util.
import { parseArgs } from "node:util";
import { resolve } from "node:path";
import { GENERATED_DIR, SPEC_FILE } from "./paths";

export function parseSpecAndOut(argv: string[]): { spec: string; out: string } {
  const { values } = parseArgs({
    args: argv,
    options: { spec: { type: "string" }, out: { type: "string" } },
    strict: true,
    allowPositionals: false,
  });
  return {
    spec: values.spec ? resolve(values.spec) : SPEC_FILE,
    out: values.out ? resolve(values.out) : GENERATED_DIR,
  };
}
