// olostep-billing/server: a route that serves the balance to browsers and keeps the API key on the server.
export { createBillingHandler, type BillingHandler, type HandlerContext } from "./handler.js";
export { HANDLER_DEFAULTS, type Authorize, type AuthorizeContext, type BillingHandlerOptions } from "./route-options.js";
export type { HandlerError } from "./browser-errors.js";
export type { RouteRequest } from "./route-answer.js";
export type { RouteLog } from "./route-options.js";
export { toNodeHandler, type NodeHandlerOptions } from "./node-adapter.js";
