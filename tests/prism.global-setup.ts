// Starts one Prism for the whole jest run; tests find it through PRISM_URL.
import { startPrism, type RunningPrism } from "../mocks/prism";

declare global {
  // eslint-disable-next-line no-var
  var __prism: RunningPrism | undefined;
}

export default async function startSharedPrism(): Promise<void> {
  const prism = await startPrism();
  globalThis.__prism = prism;
  process.env.PRISM_URL = prism.url;
  // If jest itself is interrupted, teardown never runs: kill exactly our child on the way out.
  process.once("exit", () => {
    try {
      process.kill(prism.pid, "SIGKILL");
    } catch {
      // already gone
    }
  });
}
