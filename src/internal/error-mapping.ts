// The one place that turns a response or a fault into a BillingError subclass.
import {
  ApiError,
  AuthenticationError,
  BillingError,
  ConnectionError,
  IdempotencyError,
  InsufficientCreditsError,
  InvalidResponseError,
  RateLimitError,
  ServerError,
  TimeoutError,
  type ErrorDetails,
} from "../errors.js";
import { retryAfterMs } from "./retry.js";
import { untrusted } from "./untrusted-text.js";

/** The call an error belongs to; `secrets` are cut out of everything a server or runtime said. */
export type Call = { method: string; path: string; idempotencyKey?: string; secrets: readonly string[] };

/** The vendor's documented error codes (../shared/reference/errors-and-idempotency.md). */
export const ERROR_CODES = {
  creditsExhausted: "credits_exhausted",
  invalidApiKey: "invalid_api_key",
  idempotencyInProgress: "idempotency_key_in_progress",
  idempotencyReuse: "idempotency_key_reuse",
} as const;

// A request that moves money and then failed in flight leaves the caller unsure: say so, and what to do.
const CHARGE_UNKNOWN =
  "; the charge may or may not have happened: retry with the same idempotency key (error.idempotencyKey), or check the balance first";
/** Codes longer than this are not codes: they stay out of `error.code` (the message still shows them, cut). */
const MAX_CODE = 100;

const movesMoney = (method: string) => method !== "GET" && method !== "HEAD";

function base(call: Call, extra: Partial<ErrorDetails> = {}): ErrorDetails {
  return { method: call.method, path: call.path, idempotencyKey: call.idempotencyKey, ...extra };
}

/** Maps a non-2xx response (body already read by openapi-fetch: parsed JSON, or text) to its error class. */
export function errorFromResponse(call: Call, response: { status: number; headers: Headers }, body: unknown): BillingError {
  const { status } = response;
  const fields = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
  // The spec's ErrorResponse says `error`; the vendor's error object says `code`, with `detail` for people.
  const rawCode = stringField(fields.error) ?? stringField(fields.code);
  const said = rawCode === undefined ? undefined : untrusted(rawCode, call.secrets);
  const code = said !== undefined && said.length <= MAX_CODE ? said : undefined;
  const detail = stringField(fields.detail);
  const text = [said, detail === undefined ? undefined : untrusted(detail, call.secrets)].filter(Boolean).join(": ");
  const details = base(call, {
    status,
    code,
    requestId: shortHeader(response.headers, ["x-request-id", "request-id"], call.secrets),
    errorId: fieldText(fields.id, call.secrets),
  });
  const where = `${call.method} ${call.path} failed with status ${status}${text ? `: ${text}` : ""}`;

  const bodyWait = numberField(fields.retry_after);
  if (status === 429 || bodyWait !== undefined) {
    const headerWait = retryAfterMs(response.headers.get("retry-after"));
    const retryAfterSeconds = bodyWait ?? (headerWait === undefined ? undefined : Math.ceil(headerWait / 1000));
    const wait = retryAfterSeconds === undefined ? "" : `; try again in ${retryAfterSeconds} s`;
    return new RateLimitError(`${where}${wait}`, { ...details, retryAfterSeconds, cooldownSeconds: numberField(fields.cooldown_seconds) });
  }
  if (code === ERROR_CODES.creditsExhausted) {
    return new InsufficientCreditsError(`${where}: the team has no credits left`, details);
  }
  if (status === 401 || status === 402) {
    return new AuthenticationError(`${where}: the API key is missing or invalid`, details);
  }
  if (status === 409 || code === ERROR_CODES.idempotencyInProgress || code === ERROR_CODES.idempotencyReuse) {
    const hint = code === ERROR_CODES.idempotencyReuse ? "use a new key for a new purchase" : "retry with the same key in a few seconds";
    return new IdempotencyError(`${where}; ${hint}`, details);
  }
  if (status >= 500) return new ServerError(`${where}${movesMoney(call.method) ? CHARGE_UNKNOWN : ""}`, details);
  return new ApiError(where, details);
}

/** Maps a thrown fault (network, timeout) to its error class; caller aborts pass through untouched. */
export function errorFromFault(call: Call & { timeoutMs: number }, fault: unknown): unknown {
  if (fault instanceof BillingError) return fault;
  const name = (fault as { name?: unknown } | null)?.name;
  if (name === "AbortError") return fault;
  const where = `${call.method} ${call.path}`;
  const cause = foreignCause(fault, call.secrets);
  const money = movesMoney(call.method);
  if (name === "TimeoutError") {
    return new TimeoutError(`${where} timed out after ${call.timeoutMs} ms${money ? CHARGE_UNKNOWN : ""}`, base(call, { cause }));
  }
  const socket = (fault as { cause?: { code?: unknown } } | null)?.cause;
  const socketCode = typeof socket?.code === "string" ? untrusted(socket.code, call.secrets, 40) : undefined;
  const refused = socketCode === "ECONNREFUSED";
  const outcome = !money ? "" : refused ? "; nothing was sent, so nothing was charged" : CHARGE_UNKNOWN;
  const reason = refused ? "the connection was refused" : `the connection failed${socketCode ? ` (${socketCode})` : ""}`;
  // The socket's code (ECONNREFUSED, ECONNRESET…) is the error's code: a refused connection sent nothing.
  return new ConnectionError(`${where} failed: ${reason}${outcome}`, base(call, { code: socketCode, cause }));
}

/** A 2xx whose body is not a JSON object. After a POST the money has moved: say so, and what not to do. */
export function invalidSuccess(call: Call, status: number, what: string, cause?: unknown): InvalidResponseError {
  const paid = movesMoney(call.method)
    ? "; the payment went through (the status says so) but the receipt is unreadable: do not buy again, check the balance"
    : "";
  return new InvalidResponseError(`${call.method} ${call.path} returned status ${status} with ${what}${paid}`, base(call, { status, cause: foreignCause(cause, call.secrets) }));
}

/**
 * A runtime's error (undici's TypeError, a DOMException) may quote a header or a URL. It is replaced by a
 * copy holding only its name, code and a redacted, bounded message, down its own cause chain.
 */
function foreignCause(fault: unknown, secrets: readonly string[], depth = 0): Error | undefined {
  if (fault === undefined || fault === null || depth > 3) return undefined;
  const source = fault as { name?: unknown; message?: unknown; code?: unknown; cause?: unknown };
  const copy = new Error(untrusted(typeof source.message === "string" ? source.message : String(fault), secrets), {
    cause: foreignCause(source.cause, secrets, depth + 1),
  }) as Error & { code?: string };
  if (copy.cause === undefined) delete copy.cause;
  if (typeof source.name === "string") copy.name = untrusted(source.name, secrets, 40);
  if (typeof source.code === "string") copy.code = untrusted(source.code, secrets, 40);
  // The copy's stack is this function's, not the runtime's: only the message says what happened.
  copy.stack = `${copy.name}: ${copy.message}`;
  return copy;
}

function shortHeader(headers: Headers, names: readonly string[], secrets: readonly string[]): string | undefined {
  for (const name of names) {
    const value = headers.get(name);
    if (value) return untrusted(value, secrets, MAX_CODE);
  }
  return undefined;
}

const stringField = (value: unknown) => (typeof value === "string" && value !== "" ? value : undefined);

/** A short server-supplied string (an id), made safe; undefined when absent. */
const fieldText = (value: unknown, secrets: readonly string[]) => (stringField(value) === undefined ? undefined : untrusted(value as string, secrets, MAX_CODE));

function numberField(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}
