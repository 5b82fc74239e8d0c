// The mock for the CLI: `--mock` (one command against a mock it starts and stops) and the `mock` command. Loaded only
// when asked for, so other commands never load it. Nothing here handles signals: Prism ends with this process however
// it ends (mocks/exit-with-parent.cjs), and lifetime.ts ends the long-running commands.
import type { MockOptions, RunningMock } from "../../mocks/index.js";
import type { MockSetup } from "./context.js";

/** The mock's set-up as the command line gives it, and where and how the mock reports. */
export type CliMockOptions = MockSetup & Pick<MockOptions, "port" | "onRequest" | "onLog">;

/**
 * Starts the mock: stateful, or with `stateless` every answer from the spec's examples. A MockStartError (Prism missing,
 * the port taken) becomes exit 4 with its one line (exit-codes.ts); anything else is a fault of ours, reported as one.
 */
export async function startCliMock({ stateless, ...options }: CliMockOptions): Promise<RunningMock & { stateful: boolean }> {
  const { startMock } = await import("../../mocks/index.js");
  const mock = await startMock({ ...options, stateful: !stateless });
  return Object.assign(mock, { stateful: !stateless });
}
