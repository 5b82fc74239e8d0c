// Runs a script's main; any failure becomes one line on stderr and an exit code: the error's own (ScriptExit), else 1.
export class ScriptExit extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

export function runMain(main: () => Promise<void | number>): void {
  main().then(
    (code) => {
      if (typeof code === "number") process.exitCode = code;
    },
    (error: unknown) => {
      console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = error instanceof ScriptExit ? error.exitCode : 1;
    },
  );
}
