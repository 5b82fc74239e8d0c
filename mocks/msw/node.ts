// olostep-billing/msw in Node (msw/node's setupServer, jest, vitest): the same handlers as index.ts, with msw loaded
// here so that a missing peer says how to install it.
import type * as Msw from "msw";
import { createHandlersWith, MSW_INSTALL, type HandlersOptions, type MockHandlers } from "./handlers.js";

export { MSW_INSTALL } from "./handlers.js";
export type { HandlersOptions, MockHandlers, SeenByHandlers } from "./handlers.js";
export { preferHeader, type ForcedAnswer, type ForcedStatuses } from "../forced.js";
export { scenarioNames, type ScenarioName, type ExampleName, type DocumentedStatus } from "../../generated/named-answers.js";

function loadMsw(): typeof Msw {
  try {
    return require("msw") as typeof Msw;
  } catch {
    throw new Error(`olostep-billing/msw needs the optional peer msw, which is not installed: ${MSW_INSTALL}`);
  }
}

/** MSW request handlers for every operation of the spec, on the same stateful model as `startMock()`. */
export function createHandlers(options: HandlersOptions = {}): MockHandlers {
  return createHandlersWith(loadMsw(), options);
}
