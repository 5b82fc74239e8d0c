// olostep-billing/msw for browsers and bundlers: MSW handlers on the stateful model (handlers.ts). Node gets node.ts,
// which says how to install msw when it is missing.
import { http, HttpResponse } from "msw";
import { createHandlersWith, type HandlersOptions, type MockHandlers } from "./handlers.js";

export { MSW_INSTALL } from "./handlers.js";
export type { HandlersOptions, MockHandlers, SeenByHandlers } from "./handlers.js";
export { preferHeader, type ForcedAnswer, type ForcedStatuses } from "../forced.js";
export { scenarioNames, type ScenarioName, type ExampleName, type DocumentedStatus } from "../../generated/named-answers.js";
export type { OperationName } from "../../generated/operations.js";

/** MSW request handlers for every operation of the spec, on the same stateful model as `startMock()`. */
export function createHandlers(options: HandlersOptions = {}): MockHandlers {
  return createHandlersWith({ http, HttpResponse }, options);
}
