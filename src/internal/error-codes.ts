// The vendor's documented error codes (https://docs.olostep.com/api-reference/errors), one constant each so that a
// bundle keeps only those its code compares with.

export const CREDITS_EXHAUSTED = "credits_exhausted";
export const INVALID_API_KEY = "invalid_api_key";
export const IDEMPOTENCY_IN_PROGRESS = "idempotency_key_in_progress";
export const IDEMPOTENCY_REUSE = "idempotency_key_reuse";

/** The codes an error's `code` can hold that the vendor documents, to compare with instead of a string. */
export const ERROR_CODES = {
  /** 402: the team has used every credit (an InsufficientCreditsError). */
  creditsExhausted: CREDITS_EXHAUSTED,
  /** 402: the API key is not valid (an AuthenticationError). */
  invalidApiKey: INVALID_API_KEY,
  /** 409: the first request with this Idempotency-Key is still running; retry with the same key in 1–5 s. */
  idempotencyInProgress: IDEMPOTENCY_IN_PROGRESS,
  /** 422: this Idempotency-Key was used with another body; use a new key. */
  idempotencyReuse: IDEMPOTENCY_REUSE,
} as const;
