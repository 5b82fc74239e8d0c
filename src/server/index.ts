// olostep-billing/server: a route that serves the balance to browsers and keeps the API key on the server.
export { createBillingHandler, HANDLER_DEFAULTS, type Authorize, type BillingHandler, type BillingHandlerOptions, type HandlerContext } from "./handler.js";
export type { HandlerError } from "./browser-errors.js";
export { toNodeHandler } from "./node-adapter.js";
