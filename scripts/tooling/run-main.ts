// Runs a script's main; any failure becomes one line on stderr and an exit code from the scripts' table (exit-codes.ts):
// a ScriptExit's own, 2 for a spec that is refused, 70 for anything nobody planned for. This is the one place a failure
// becomes a number.
import { SpecError } from "../../core/openapi/check";
import { terminalText } from "../../core/untrusted-text";
import { SCRIPT_EXIT } from "./exit-codes";

/** A failure with its exit code from SCRIPT_EXIT: the check's answer (verdict), or input refused before anything was done. */
export class ScriptExit extends Error {
  constructor(
    message: string,
    readonly exitCode: (typeof SCRIPT_EXIT)[keyof typeof SCRIPT_EXIT],
  ) {
    super(message);
  }
}

/** How a main ended: its exit code, and the one line for stderr when it failed. Tests run a main in-process with it. */
export async function outcomeOf(main: () => Promise<void | number>): Promise<{ code: number; error?: string }> {
  try {
    const code = await main();
    return { code: typeof code === "number" ? code : SCRIPT_EXIT.ok };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // A reason may quote the spec (a key, a $ref, Spectral's or ajv's words): one line, no escape sequence.
    const line = (text: string) => `error: ${terminalText(text)}`;
    if (error instanceof ScriptExit) return { code: error.exitCode, error: line(message) };
    if (error instanceof SpecError) return { code: SCRIPT_EXIT.refused, error: line(/nothing was changed$/.test(message) ? message : `${message}; nothing was changed`) };
    // A CI job must tell a crash from a verdict: 1 says "the check failed", so a bug never exits 1.
    return { code: SCRIPT_EXIT.internal, error: line(`internal error (a bug, not a verdict; exit ${SCRIPT_EXIT.internal}): ${message.split("\n")[0]}`) };
  }
}

export function runMain(main: () => Promise<void | number>): void {
  void outcomeOf(main).then(({ code, error }) => {
    if (error !== undefined) console.error(error);
    if (code !== 0) process.exitCode = code;
  });
}
