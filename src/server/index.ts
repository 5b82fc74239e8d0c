// olostep-billing/server: a route that serves the balance to browsers and keeps the API key on the server.
export { createBillingHandler, type BillingHandlerOptions, type HandlerError } from "./handler.js";
export { toNodeHandler } from "./node-adapter.js";
