// The scripts' exit codes (generate, generate:check, spec:diff, spec:update, spec:pull, contract:live), beside the CLI's:
// each number is the CLI's own and means the same there (1: the check's answer is no; 2: refused, nothing done; 70: a
// bug). docs/spec.md shows this table, and a test holds the two together.
import { EXIT } from "../../src/cli/exit-codes";

export const SCRIPT_EXIT = {
  ok: EXIT.ok,
  verdict: EXIT.notMet,
  refused: EXIT.usage,
  internal: EXIT.internal,
} as const;

export const SCRIPT_EXIT_MEANINGS: Record<keyof typeof SCRIPT_EXIT, string> = {
  ok: "done: no finding at --fail-on or above, generated/ up to date, the live API matches",
  verdict: "the check's answer is no: a finding at --fail-on or above, a failing type check, generated/ out of date, the live API breaking the spec",
  refused: "bad arguments, or a spec that cannot be read or is refused: nothing was changed",
  internal: "an unexpected error (a bug in the script, never a verdict on the spec): its message",
};
