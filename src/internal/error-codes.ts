// The vendor's documented error codes (https://docs.olostep.com/api-reference/errors), one constant each so that a
// bundle keeps only those its code compares with.

export const CREDITS_EXHAUSTED = "credits_exhausted";
export const INVALID_API_KEY = "invalid_api_key";
export const IDEMPOTENCY_IN_PROGRESS = "idempotency_key_in_progress";
export const IDEMPOTENCY_REUSE = "idempotency_key_reuse";

export const ERROR_CODES = {
  creditsExhausted: CREDITS_EXHAUSTED,
  invalidApiKey: INVALID_API_KEY,
  idempotencyInProgress: IDEMPOTENCY_IN_PROGRESS,
  idempotencyReuse: IDEMPOTENCY_REUSE,
} as const;
