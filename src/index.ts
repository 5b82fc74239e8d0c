// The package's public surface: exports only.
export { createBillingClient, type BillingClient, type CallOptions } from "./client";
export type { BillingClientOptions } from "./config";
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
} from "./errors";
export type { CreditsInfo, CreditLot, PurchaseKind, ActiveSubscription, ErrorBody, TopupCredits, TopupReceipt } from "./types";
export type { WaitForCreditsOptions } from "./wait-for-credits";
export { VERSION } from "./version";
