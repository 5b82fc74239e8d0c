// --mock: starts Prism for one command. Loaded only when asked for, so other commands never load the launcher.
import type { RunningPrism } from "../../mocks/prism.js";

export async function startMockForCommand(): Promise<RunningPrism> {
  let launcher: typeof import("../../mocks/prism.js");
  try {
    launcher = await import("../../mocks/prism.js");
    require.resolve("@stoplight/prism-cli/dist/index.js");
  } catch {
    const error = new Error("--mock needs @stoplight/prism-cli 5.14.2: npm install --save-dev @stoplight/prism-cli@5.14.2");
    error.name = "PrismStartError";
    throw error;
  }
  const prism = await launcher.startPrism();
  // Ctrl-C during the command must not leave Prism behind.
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => void prism.stop().then(() => process.exit(130)));
  }
  return prism;
}
