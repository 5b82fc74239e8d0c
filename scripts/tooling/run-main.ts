// Runs a script's main; any failure becomes one line on stderr and an exit code: the error's own (ScriptExit), else 1.
import { terminalText } from "../../mocks/spec-text";

export class ScriptExit extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/**
 * A failure nobody planned for, as exit 3: the spec commands' 1 means "a breaking change was found", and a CI job must
 * tell a crash from that verdict. A ScriptExit keeps its own code.
 */
export function asInternalError(error: unknown): ScriptExit {
  if (error instanceof ScriptExit) return error;
  return new ScriptExit(`internal error (a bug, not a verdict on the spec): ${error instanceof Error ? error.message : String(error)}`, 3);
}

/** How a main ended: its exit code, and the one line for stderr when it failed. Tests run a main in-process with it. */
export async function outcomeOf(main: () => Promise<void | number>): Promise<{ code: number; error?: string }> {
  try {
    const code = await main();
    return { code: typeof code === "number" ? code : 0 };
  } catch (error) {
    // A reason may quote the spec (a key, a $ref, Spectral's or ajv's words): one line, no escape sequence.
    return { code: error instanceof ScriptExit ? error.exitCode : 1, error: `error: ${terminalText(error instanceof Error ? error.message : String(error))}` };
  }
}

export function runMain(main: () => Promise<void | number>): void {
  void outcomeOf(main).then(({ code, error }) => {
    if (error !== undefined) console.error(error);
    if (code !== 0) process.exitCode = code;
  });
}
