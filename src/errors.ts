// The error classes a caller branches on. Every field a server supplied is redacted and bounded before it gets here.
import type { ERROR_CODES } from "./internal/error-codes.js";

/**
 * What `error.code` holds: one of the vendor's documented codes (see ERROR_CODES), which editors offer as you type,
 * or another string (a code the vendor added since, a socket's `ECONNREFUSED`). Compare with `ERROR_CODES.*`.
 */
export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES] | (string & {});

/** What an error is made from: the facts of the request it belongs to. Exported for tests that build errors. */
export type ErrorDetails = {
  /** The request's method (`GET`); empty for a ConfigurationError, which no request had. */
  method: string;
  /** The request's path (`/user/credits/info`); empty for a ConfigurationError. */
  path: string;
  /** The HTTP status, when a response arrived. */
  status?: number;
  /**
   * The body's machine-readable code (`error` in the spec's shape, `code` in the vendor's error object), when it is
   * one (`credits_exhausted`); a sentence there (`Internal Server Error`) goes into the message only. Also the
   * runtime's socket code on a ConnectionError (`ECONNREFUSED`).
   */
  code?: ErrorCode;
  /** From `x-request-id` (or `request-id`). */
  requestId?: string;
  /** The vendor's error `id` (for example `error_abc123`): what to quote to the vendor's support. */
  errorId?: string;
  /** The top-up's Idempotency-Key: retrying with it cannot charge twice. */
  idempotencyKey?: string;
  /** The underlying error (a socket error, an abort); kept off `JSON.stringify`. */
  cause?: unknown;
};

/** The facts every error carries, in the order `JSON.stringify` shows them. */
const FACTS = ["method", "path", "status", "code", "requestId", "errorId", "idempotencyKey"] as const;

/** Sets each named fact that `details` has (not undefined, not empty) on the error as its own field. */
function setFacts<T extends object>(error: object, details: T, names: readonly (keyof T & string)[]): void {
  for (const name of names) {
    const value = details[name];
    if (value !== undefined && value !== "") (error as Record<string, unknown>)[name] = value;
  }
}

/** Base of every error the client throws. Never carries the API key or the request's headers. */
export class BillingError extends Error {
  /** The class's name (`RateLimitError`), as logs show it; survives bundlers that rename classes. */
  override name = "BillingError";
  /** The request's method (`GET`); absent on a ConfigurationError. */
  declare readonly method: string | undefined;
  /** The request's path (`/user/credits/info`); absent on a ConfigurationError. */
  declare readonly path: string | undefined;
  /** The HTTP status, when a response arrived. */
  declare readonly status: number | undefined;
  /**
   * The body's machine-readable code (`credits_exhausted`, see ERROR_CODES), or the runtime's socket code on a
   * ConnectionError (`ECONNREFUSED`); absent when the server sent a sentence instead.
   */
  declare readonly code: ErrorCode | undefined;
  /** From the response's `x-request-id` (or `request-id`) header. */
  declare readonly requestId: string | undefined;
  /** The vendor's error `id` (`error_abc123`): what to quote to the vendor's support. */
  declare readonly errorId: string | undefined;
  /** The top-up's Idempotency-Key: a retry with it cannot charge twice. */
  declare readonly idempotencyKey: string | undefined;

  /** Used by the client; exported so that tests can build the errors they expect. */
  constructor(message: string, details: ErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    // Copied by name, never wholesale: a caller's details object may hold more (the call's secrets among it). Only
    // the facts an error has are set, so that `util.inspect` and `JSON.stringify` show nothing empty.
    setFacts(this, details, FACTS);
  }

  /** What `JSON.stringify(error)` shows: the facts (a subclass's own included), not the cause, which is not ours to print. */
  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, ...(this as object) };
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
  /** Seconds to wait before trying again: the body's `retry_after`, else the `Retry-After` header. */
  declare readonly retryAfterSeconds: number | undefined;
  /** The top-up cooldown's whole length, when the body gave it (`cooldown_seconds`). */
  declare readonly cooldownSeconds: number | undefined;

  constructor(message: string, details: ErrorDetails & { retryAfterSeconds?: number; cooldownSeconds?: number }) {
    super(message, details);
    setFacts(this, details, ["retryAfterSeconds", "cooldownSeconds"]);
  }
}

/** Any 5xx. `retryAfterSeconds` when the server said when to come back (a 503 with `Retry-After`). */
export class ServerError extends BillingError {
  override name = "ServerError";
  /** Seconds until the server expects to answer again (a 503's `Retry-After`). */
  declare readonly retryAfterSeconds: number | undefined;

  constructor(message: string, details: ErrorDetails & { retryAfterSeconds?: number }) {
    super(message, details);
    setFacts(this, details, ["retryAfterSeconds"]);
  }
}

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

/** Options that cannot work or are unsafe (no key, a key that is no header value, a password in a URL). No request. */
export class ConfigurationError extends BillingError {
  override name = "ConfigurationError";
  constructor(message: string) {
    super(message, { method: "", path: "" });
  }
}

/** An argument the spec does not allow; thrown before any request is sent. */
export class ValidationError extends BillingError { override name = "ValidationError"; }
