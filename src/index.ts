// The package's public surface: exports only.
export {
  createBillingClient,
  createCreditsClient,
  DEFAULT_BASE_URL,
  type BillingClient,
  type CreditsClient,
  type CallOptions,
  type TopupOptions,
  type TopupResult,
} from "./client.js";
export { CONFIG_DEFAULTS, MAX_TIMER_MS, type BillingClientOptions } from "./internal/config.js";
export { ERROR_CODES } from "./internal/error-codes.js";
export {
  BillingError,
  AuthenticationError,
  InsufficientCreditsError,
  RateLimitError,
  ServerError,
  ApiError,
  IdempotencyError,
  ConnectionError,
  TimeoutError,
  InvalidResponseError,
  ConfigurationError,
  ValidationError,
} from "./errors.js";
export { MAX_IDEMPOTENCY_KEY_LENGTH } from "./internal/idempotency-key.js";
export { RETRY_DEFAULTS } from "./internal/retry.js";
export type { CreditsInfo, CreditLot, PurchaseKind, ActiveSubscription, ErrorBody, TopupCredits, TopupReceipt } from "./types.js";
export { WAIT_DEFAULTS, type WaitForCreditsOptions } from "./internal/wait-for-credits.js";
export { terminalText as stripControls } from "../core/untrusted-text.js";
export type { ErrorCode, ErrorDetails } from "./errors.js";
export { isTopupAmount } from "./topup-amount.js";
export { readCredits, type CreditsReading, type CreditLotReading } from "./read-credits.js";
export type { FetchLike } from "./internal/transport.js";
export type { RawClient, RawMiddleware } from "./internal/openapi-fetch-types.js";
export { VERSION } from "./version.js";
/** The top-up amounts the spec allows. */
export { purchaseTopupRequestCreditsValues as TOPUP_CREDITS } from "../generated/billing.js";
