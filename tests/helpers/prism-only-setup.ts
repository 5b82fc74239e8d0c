// The global set-up of jest runs in a copy of the repository (repo-copy.ts jestIn with `prism`): one Prism on the copy's
// spec for the run (PRISM_URL), without the everyday set-up's build of dist/, which those tests do not load.
import "../../scripts/register.js";
import { startPrism, type RunningPrism } from "../../mocks/prism";

declare global {
  // eslint-disable-next-line no-var
  var __prism: RunningPrism | undefined;
}

export default async function startPrismOnly(): Promise<void> {
  globalThis.__prism = await startPrism();
  process.env.PRISM_URL = globalThis.__prism.url;
}
