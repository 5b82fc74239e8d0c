// --mock: starts the mock for one command. Loaded only when asked for, so other commands never load the launcher.
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
  const prism = await launcher.startMock().catch((error: Error) => {
    throw new CliError(EXIT.unavailable, error.message);
  });
  // Ctrl-C during the command must not leave Prism behind.
  const onSignal = () => void prism.stop().then(() => process.exit(130));
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, onSignal);
  return {
    ...prism,
    stop: () => {
      for (const signal of ["SIGINT", "SIGTERM"] as const) process.off(signal, onSignal);
      return prism.stop();
    },
  };
}
