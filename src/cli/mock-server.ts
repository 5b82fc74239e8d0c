// The mock for the CLI: `--mock` (one command against a mock it starts and stops) and the `mock` command. Loaded only
// when asked for, so other commands never load it. Nothing here handles signals: Prism ends with this process however
// it ends (mocks/exit-with-parent.cjs), and lifetime.ts ends the long-running commands.
import type { MockOptions, RunningMock } from "../../mocks/index.js";

/**
 * Starts the stateful mock. A MockStartError (Prism missing, the port taken) becomes exit 4 with its one line
 * (exit-codes.ts); anything else is not a mock that would not start but a fault of ours, and is reported as one.
 */
export async function startCliMock(options: MockOptions = {}): Promise<RunningMock> {
  const { startMock } = await import("../../mocks/index.js");
  return startMock(options);
}
