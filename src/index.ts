// The package's public surface: exports only.
export { createBillingClient, type BillingClient, type CallOptions } from "./client.js";
export type { BillingClientOptions } from "./config.js";
export {
  BillingError,
  AuthenticationError,
  RateLimitError,
  ServerError,
  ApiError,
  ConnectionError,
  TimeoutError,
  InvalidResponseError,
  ConfigurationError,
  ValidationError,
} from "./errors.js";
export type { CreditsInfo, CreditLot, PurchaseKind, ActiveSubscription, ErrorBody, TopupCredits, TopupReceipt } from "./types.js";
export type { WaitForCreditsOptions } from "./wait-for-credits.js";
export { VERSION } from "./version.js";
