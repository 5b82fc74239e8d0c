// The mock for the CLI: `--mock` (one command against a mock it starts and stops) and the `mock` command. Loaded only
// when asked for, so other commands never load it. Nothing here handles signals: Prism ends with this process however
// it ends (mocks/exit-with-parent.cjs), and lifetime.ts ends the long-running commands.
import type { MockOptions, RunningMock } from "../../mocks/index.js";
import { CliError, EXIT } from "./exit-codes.js";

/** Starts the stateful mock; a MockStartError (Prism missing, the port taken) becomes exit 4 with its one line. */
export async function startCliMock(options: MockOptions = {}): Promise<RunningMock> {
  const { startMock } = await import("../../mocks/index.js");
  return startMock(options).catch((error: Error) => {
    throw new CliError(EXIT.unavailable, error.message);
  });
}
