// --mock: starts the stateful mock for one command. Loaded only when asked for, so other commands never load it.
// Nothing here handles signals: Prism ends with this process however it ends (mocks/exit-with-parent.cjs).
import type { RunningMock } from "../../mocks/index.js";
import { CliError, EXIT } from "./exit-codes.js";

export async function startMockForCommand(): Promise<RunningMock> {
  let launcher: typeof import("../../mocks/index.js");
  try {
    launcher = await import("../../mocks/index.js");
    require.resolve("@stoplight/prism-cli/dist/index.js");
  } catch {
    throw new CliError(EXIT.unavailable, "--mock needs @stoplight/prism-cli 5.14.2: npm install --save-dev @stoplight/prism-cli@5.14.2");
  }
  return launcher.startMock().catch((error: Error) => {
    throw new CliError(EXIT.unavailable, error.message);
  });
}
