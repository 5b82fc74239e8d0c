// The one place that turns a response or a fault into a BillingError subclass.
import {
  ApiError,
  AuthenticationError,
  BillingError,
  ConnectionError,
  InvalidResponseError,
  RateLimitError,
  ServerError,
  TimeoutError,
  type ErrorDetails,
} from "./errors.js";

type Call = { method: string; path: string };

// A request that moves money and then failed in flight leaves the caller unsure: say so, and what to do.
const CHARGE_UNKNOWN = "; the charge may or may not have happened: check the balance before trying again";

const REQUEST_ID_HEADERS = ["x-request-id", "request-id", "x-amzn-requestid"];

export function requestIdOf(headers: Headers): string | undefined {
  for (const name of REQUEST_ID_HEADERS) {
    const value = headers.get(name);
    if (value) return value;
  }
  return undefined;
}

/**
 * Maps a non-2xx response (body already read by openapi-fetch: parsed JSON, or text) to its error class.
 * `secret` is cut out of anything the server said, in case a server or proxy echoes the Authorization header.
 */
export function errorFromResponse(call: Call, response: Response, body: unknown, secret: string): BillingError {
  const status = response.status;
  const fields = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
  const code = typeof fields.error === "string" ? redact(fields.error, secret) : undefined;
  const details: ErrorDetails = { ...call, status, code, requestId: requestIdOf(response.headers) };
  const said = code ? `: ${code}` : "";
  const where = `${call.method} ${call.path} failed with status ${status}`;

  const retryAfterSeconds = numberOrUndefined(fields.retry_after);
  if (status === 429 || retryAfterSeconds !== undefined) {
    const wait = retryAfterSeconds === undefined ? "" : `; try again in ${retryAfterSeconds} s`;
    return new RateLimitError(`${where}${said}${wait}`, {
      ...details,
      retryAfterSeconds,
      cooldownSeconds: numberOrUndefined(fields.cooldown_seconds),
    });
  }
  if (status === 401 || status === 402) {
    return new AuthenticationError(`${where}${said}: the API key is missing or invalid`, details);
  }
  if (status >= 500) return new ServerError(`${where}${said}`, details);
  return new ApiError(`${where}${said}`, details);
}

/** Maps a thrown fault (network, timeout, bad body) to its error class; caller aborts pass through untouched. */
export function errorFromFault(call: Call & { timeoutMs: number }, fault: unknown): unknown {
  if (fault instanceof BillingError) return fault;
  const name = (fault as { name?: unknown } | null)?.name;
  if (name === "AbortError") return fault;
  const movesMoney = call.method !== "GET" && call.method !== "HEAD";
  const where = `${call.method} ${call.path}`;
  if (name === "TimeoutError") {
    return new TimeoutError(`${where} timed out after ${call.timeoutMs} ms${movesMoney ? CHARGE_UNKNOWN : ""}`, { ...call, cause: fault });
  }
  if (name === "SyntaxError") {
    return new InvalidResponseError(`${where} returned a body that is not valid JSON`, { ...call, cause: fault });
  }
  const cause = causeOf(fault);
  const refused = cause.code === "ECONNREFUSED";
  const outcome = !movesMoney ? "" : refused ? "; nothing was sent, so nothing was charged" : CHARGE_UNKNOWN;
  const detail = cause.code ?? cause.message;
  const reason = refused ? "the connection was refused" : `the connection failed${detail ? ` (${detail})` : ""}`;
  return new ConnectionError(`${where} failed: ${reason}${outcome}`, { ...call, cause: fault });
}

/** Real keys are long; cutting a two-letter test key out of every word would only garble codes. */
function redact(text: string, secret: string): string {
  return secret.length >= 8 ? text.split(secret).join("[redacted]") : text;
}

/** undici reports the socket's own error as `cause` of its "fetch failed" TypeError. */
function causeOf(fault: unknown): { code?: string; message?: string } {
  const cause = (fault as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  return {
    code: typeof cause?.code === "string" ? cause.code : undefined,
    message: typeof cause?.message === "string" && cause.message.length < 100 ? cause.message : undefined,
  };
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}
