// Starts one Prism for the whole jest run (tests find it through PRISM_URL) and builds the CLI if stale.
// Node resolves the mock's ".js" import endings to its .ts files only through ts-node's resolver (jest maps them for tests).
import "../../scripts/register.js";
import { startPrism, type RunningPrism } from "../../mocks/prism";
import { ensureBuilt } from "../../scripts/tooling/ensure-built";

declare global {
  // eslint-disable-next-line no-var
  var __prism: RunningPrism | undefined;
}

export default async function startSharedPrism(): Promise<void> {
  // Prism starts while the build (if one is due) runs: the two are the slowest parts of set-up.
  const starting = startPrism();
  ensureBuilt();
  const prism = await starting;
  globalThis.__prism = prism;
  process.env.PRISM_URL = prism.url;
  // If jest is interrupted and teardown never runs, the launcher still kills Prism when jest exits.
}
