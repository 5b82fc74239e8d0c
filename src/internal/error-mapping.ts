// The one place that turns a response or a fault into a BillingError subclass.
import {
  ApiError,
  AuthenticationError,
  BillingError,
  ConnectionError,
  InsufficientCreditsError,
  InvalidResponseError,
  RateLimitError,
  ServerError,
  TimeoutError,
  type ErrorDetails,
} from "../errors.js";
import { CREDITS_EXHAUSTED } from "./error-codes.js";
import { retryAfterMs } from "./retry.js";
import { cutKeys, serverText } from "../../core/untrusted-text.js";

/**
 * The call an error belongs to; `secrets` are cut out of everything a server or runtime said. `money`: what each
 * failure means for a request that moves money, said by the top-up (so a read-only bundle carries none of it).
 */
export type Call = { method: string; path: string; idempotencyKey?: string; secrets: readonly string[]; money?: MoneyOutcomes };

/** Appended to a failure's message: the charge is unknown (in flight), certainly not made, or made. */
export type MoneyOutcomes = { unknown: string; notSent: string; paid: string };

/** Codes and ids longer than this are not codes: they stay out of `error.code` (the message still shows them, cut). */
const MAX_CODE = 100;

/** A machine-readable code: one word of letters, digits, `_`, `.`, `:` or `-` (`credits_exhausted`, `rate_limit_exceeded`). */
const CODE = /^[A-Za-z][\w.:-]*$/;

/** Maps a non-2xx response (body already read by openapi-fetch: parsed JSON, or text) to its error class. */
export function errorFromResponse(call: Call, response: { status: number; headers: Headers }, body: unknown): BillingError {
  const { status, headers } = response;
  const fields = ((typeof body === "object" && body) || {}) as Record<string, unknown>;
  const { secrets } = call;
  // The spec's ErrorResponse says `error`; the vendor's error object says `code`, with `detail` for people.
  const said = text(fields.error, secrets) ?? text(fields.code, secrets);
  // `{ "error": "Internal Server Error" }` names no code: it stays in the message, and `code` stays unset. A code is
  // judged as sent: one that needed cleaning (an escape sequence in it) is no machine code, whatever is left of it.
  const sent = [fields.error, fields.code].find((value) => typeof value === "string" && value !== "");
  const code = typeof sent === "string" && sent.length <= MAX_CODE && CODE.test(sent) && cutKeys(sent, secrets) === sent ? sent : undefined;
  // Its closing full stop is dropped: the message goes on after it (": the team has no credits left").
  const detail = [said, text(fields.detail, secrets)].filter(Boolean).join(": ").replace(/\.+$/, "");
  const details = {
    ...facts(call, { status, code, errorId: text(fields.id, secrets, MAX_CODE) }),
    requestId: text(headers.get("x-request-id") ?? headers.get("request-id"), secrets, MAX_CODE),
  };
  const message = `${call.method} ${call.path} failed with status ${status}${detail && `: ${detail}`}`;

  const bodyWait = finite(fields.retry_after);
  const headerWait = retryAfterMs(headers.get("retry-after"));
  const retryAfterSeconds = bodyWait ?? (headerWait === undefined ? undefined : Math.ceil(headerWait / 1000));
  const wait = retryAfterSeconds === undefined ? "" : `; try again in ${retryAfterSeconds} s`;
  if (status === 429 || bodyWait !== undefined) {
    return new RateLimitError(message + wait, { ...details, retryAfterSeconds, cooldownSeconds: finite(fields.cooldown_seconds) });
  }
  if (code === CREDITS_EXHAUSTED) return new InsufficientCreditsError(`${message}: the team has no credits left`, details);
  if (status === 401 || status === 402) return new AuthenticationError(`${message}: the API key is missing or invalid`, details);
  if (status >= 500) return new ServerError(message + wait + (call.money?.unknown ?? ""), { ...details, retryAfterSeconds });
  return new ApiError(message, details);
}

/** Maps a thrown fault (network, timeout) to its error class; caller aborts pass through untouched. */
export function errorFromFault(call: Call & { timeoutMs: number }, fault: unknown): unknown {
  const name = (fault as { name?: unknown } | null)?.name;
  if (fault instanceof BillingError || name === "AbortError") return fault;
  const where = `${call.method} ${call.path}`;
  const cause = foreignCause(fault, call.secrets);
  const { money } = call;
  if (name === "TimeoutError") return new TimeoutError(`${where} timed out after ${call.timeoutMs} ms${money?.unknown ?? ""}`, facts(call, { cause }));
  // The socket's code (ECONNREFUSED, ECONNRESET…) is the error's code: a refused connection sent nothing.
  const code = text(connectionCode(fault), call.secrets, 40);
  const refused = code === "ECONNREFUSED";
  const reason = refused ? "the connection was refused" : `the connection failed${code ? ` (${code})` : ""}`;
  return new ConnectionError(`${where} failed: ${reason}${(refused ? money?.notSent : money?.unknown) ?? ""}`, facts(call, { code, cause }));
}

/**
 * The socket's error code, wherever the runtime puts it: on the cause (Node's undici: `TypeError("fetch failed")`
 * with `cause.code`, sometimes an AggregateError of one per address), on the error itself (Bun), or only in words
 * (Deno: "Connection refused (os error 111)"). workerd ("Network connection lost.") and browsers ("Failed to fetch")
 * do not say what happened: no code, so nothing claims that nothing was sent.
 */
function connectionCode(fault: unknown, depth = 0): string | undefined {
  if (typeof fault !== "object" || fault === null || depth > 4) return undefined;
  const { code, message, cause, errors } = fault as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === "string" && /^[A-Z][A-Z0-9_]*$/.test(code)) return code;
  if (typeof message === "string" && /\bconnection refused\b/i.test(message)) return "ECONNREFUSED";
  const inner = [cause, ...(Array.isArray(errors) ? errors : [])].map((next) => connectionCode(next, depth + 1)).filter(Boolean);
  // Refused at every address means nothing was sent anywhere; one refusal among other faults does not.
  return inner.every((found) => found === inner[0]) ? inner[0] : inner.find((found) => found !== "ECONNREFUSED");
}

/** A 2xx whose body is not a JSON object. After a POST the money has moved: say so, and what not to do. */
export function invalidSuccess(call: Call, status: number, what: string, cause?: unknown): InvalidResponseError {
  const message = `${call.method} ${call.path} returned status ${status} with ${what}${call.money?.paid ?? ""}`;
  return new InvalidResponseError(message, facts(call, { status, cause: foreignCause(cause, call.secrets) }));
}

function facts(call: Call, extra: Partial<ErrorDetails>): ErrorDetails {
  return { method: call.method, path: call.path, idempotencyKey: call.idempotencyKey, ...extra };
}

/**
 * A runtime's error (undici's TypeError, a DOMException) may quote a header or a URL. It is replaced by a
 * copy holding only its name, code and a redacted, bounded message, down its own cause chain.
 */
function foreignCause(fault: unknown, secrets: readonly string[], depth = 0): Error | undefined {
  if (fault == null || depth > 3) return undefined;
  const source = fault as { name?: unknown; message?: unknown; code?: unknown; cause?: unknown };
  const cause = foreignCause(source.cause, secrets, depth + 1);
  const message = serverText(typeof source.message === "string" ? source.message : String(fault), secrets);
  const copy = new Error(message, cause && { cause }) as Error & { code?: string };
  copy.name = text(source.name, secrets, 40) ?? copy.name;
  copy.code = text(source.code, secrets, 40);
  if (copy.code === undefined) delete copy.code;
  // The copy's stack is this function's, not the runtime's: only the message says what happened.
  copy.stack = `${copy.name}: ${copy.message}`;
  return copy;
}

/** A server- or runtime-supplied string made safe; undefined when it is absent, empty or not a string. */
function text(value: unknown, secrets: readonly string[], max?: number): string | undefined {
  return typeof value === "string" && value ? serverText(value, secrets, max) : undefined;
}

const finite = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? value : undefined);
