// `npm run spec:diff -- <base> <revision> [--json | --markdown] [--fail-on error|warning|info]`: what changed between
// two versions of the spec, judged from the client's side. Exit 1 when a finding is at --fail-on or above (default
// error), 2 when a spec cannot be read or is not OpenAPI 3, or the command line is wrong, 70 when the diff itself fails
// (one line on stderr; never 1, which CI reads as "breaking"; scripts/tooling/exit-codes.ts).
import { runMain } from "./tooling/run-main";
import { specDiff } from "./tooling/spec-diff/command";

runMain(() => specDiff(process.argv.slice(2), (text) => console.log(text)));
