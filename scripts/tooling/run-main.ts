// Runs a script's main; any failure becomes one line on stderr and exit code 1.
export function runMain(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
