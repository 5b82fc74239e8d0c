// The error classes a caller branches on. Every field a server supplied is redacted and bounded before it gets here.

export type ErrorDetails = {
  method: string;
  path: string;
  status?: number;
  /** The body's machine-readable code (`error` in the spec's shape, `code` in the vendor's error object). */
  code?: string;
  /** From `x-request-id` (or `request-id`). */
  requestId?: string;
  /** The vendor's error `id` (for example `error_abc123`): what to quote to the vendor's support. */
  errorId?: string;
  /** The top-up's Idempotency-Key: retrying with it cannot charge twice. */
  idempotencyKey?: string;
  cause?: unknown;
};

/** Base of every error the client throws. Never carries the API key or the request's headers. */
export class BillingError extends Error {
  override name = "BillingError";
  readonly method: string;
  readonly path: string;
  readonly status: number | undefined;
  readonly code: string | undefined;
  readonly requestId: string | undefined;
  readonly errorId: string | undefined;
  readonly idempotencyKey: string | undefined;

  constructor(message: string, details: ErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.method = details.method;
    this.path = details.path;
    this.status = details.status;
    this.code = details.code;
    this.requestId = details.requestId;
    this.errorId = details.errorId;
    this.idempotencyKey = details.idempotencyKey;
  }

  /** What `JSON.stringify(error)` shows: the facts, not the cause (which is not ours to print). */
  toJSON(): Record<string, unknown> {
    const { name, message, method, path, status, code, requestId, errorId, idempotencyKey } = this;
    return { name, message, method, path, status, code, requestId, errorId, idempotencyKey };
  }
}

/** 401; 402 with no body or `invalid_api_key` (the API answers an invalid key with 402). */
export class AuthenticationError extends BillingError { override name = "AuthenticationError"; }

/** 402 `credits_exhausted`: the key is fine, the team has used every credit. */
export class InsufficientCreditsError extends BillingError { override name = "InsufficientCreditsError"; }

/**
 * 429, or any error body with `retry_after` (the top-up cooldown, whatever its status). `retryAfterSeconds`
 * comes from the body, else from the `Retry-After` header.
 */
export class RateLimitError extends BillingError {
  override name = "RateLimitError";
  readonly retryAfterSeconds: number | undefined;
  readonly cooldownSeconds: number | undefined;

  constructor(message: string, details: ErrorDetails & { retryAfterSeconds?: number; cooldownSeconds?: number }) {
    super(message, details);
    this.retryAfterSeconds = details.retryAfterSeconds;
    this.cooldownSeconds = details.cooldownSeconds;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), retryAfterSeconds: this.retryAfterSeconds, cooldownSeconds: this.cooldownSeconds };
  }
}

/** Any 5xx. */
export class ServerError extends BillingError { override name = "ServerError"; }

/** Any other non-2xx. */
export class ApiError extends BillingError { override name = "ApiError"; }

/**
 * The Idempotency-Key was refused: `code` `idempotency_key_in_progress` (409: the first request with this key
 * is still running; wait 1–5 s and retry with the same key) or `idempotency_key_reuse` (422: the key was used
 * with another body; use a new key).
 */
export class IdempotencyError extends ApiError { override name = "IdempotencyError"; }

/** The server could not be reached, or the connection broke before a whole response arrived. */
export class ConnectionError extends BillingError { override name = "ConnectionError"; }

/** An attempt, or a wait such as `waitForCredits`, ran past its time limit. */
export class TimeoutError extends BillingError { override name = "TimeoutError"; }

/** A 2xx whose body is empty, not JSON, or not a JSON object. */
export class InvalidResponseError extends BillingError { override name = "InvalidResponseError"; }

/** Options that cannot work or are unsafe (no key, a key that is no header value, a password in a URL). */
export class ConfigurationError extends BillingError {
  override name = "ConfigurationError";
  constructor(message: string) {
    super(message, { method: "", path: "" });
  }
}

/** An argument the spec does not allow; thrown before any request is sent. */
export class ValidationError extends BillingError { override name = "ValidationError"; }
