// The error classes a caller branches on; every message is built from method, path and status only.

export type ErrorDetails = {
  method: string;
  path: string;
  status?: number;
  code?: string;
  requestId?: string;
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

  constructor(message: string, details: ErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.method = details.method;
    this.path = details.path;
    this.status = details.status;
    this.code = details.code;
    this.requestId = details.requestId;
  }

  /** What `JSON.stringify(error)` shows: the facts, not the cause (which is not ours to print). */
  toJSON(): Record<string, unknown> {
    const { name, message, method, path, status, code, requestId } = this;
    return { name, message, method, path, status, code, requestId };
  }
}

/** 401, or 402: the API answers an invalid key with 402. */
export class AuthenticationError extends BillingError {
  override name = "AuthenticationError";
}

/** 429, or any error body with `retry_after` (the top-up cooldown, whatever its status). */
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
export class ServerError extends BillingError {
  override name = "ServerError";
}

/** Any other non-2xx. */
export class ApiError extends BillingError {
  override name = "ApiError";
}

/** The server could not be reached, or the connection broke before a whole response arrived. */
export class ConnectionError extends BillingError {
  override name = "ConnectionError";
}

/** An attempt, or a wait such as `waitForCredits`, ran past its time limit. */
export class TimeoutError extends BillingError {
  override name = "TimeoutError";
}

/** A 2xx whose body is empty, not JSON, or not a JSON object. */
export class InvalidResponseError extends BillingError {
  override name = "InvalidResponseError";
}

/** Options that cannot work or are unsafe (no key, a key about to cross a network in clear text). */
export class ConfigurationError extends BillingError {
  override name = "ConfigurationError";
  constructor(message: string) {
    super(message, { method: "", path: "" });
  }
}

/** An argument the spec does not allow; thrown before any request is sent. */
export class ValidationError extends BillingError {
  override name = "ValidationError";
}
