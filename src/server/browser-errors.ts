// What the browser is told when the route cannot answer: a code and a status, never an upstream message (it could
// carry a secret), and a Retry-After when there is one. A refusal that needs words (a top-up without the browser's
// Idempotency-Key, a path the route does not serve) is an RFC 9457 problem with the same code and status in it.
import type { RouteAnswer } from "./route-answer.js";
import { AuthenticationError, BillingError, InsufficientCreditsError, RateLimitError, TimeoutError, ValidationError } from "../index.js";

/** The body of every refusal and failure the route sends. */
export type HandlerError = {
  /** A code, never an upstream message: `rate_limited`, `credits_exhausted`, `upstream_unavailable`, `forbidden`, … */
  error: string;
  /** The response's status, repeated in the body. */
  status: number;
  /** Seconds to wait before asking again (also the `Retry-After` header). */
  retryAfterSeconds?: number;
  /** A top-up's Idempotency-Key, so that the page can retry it without paying twice. */
  idempotencyKey?: string;
  /** RFC 9457: a URL of the documentation of the problem (absent: `about:blank`, the status says it all). */
  type?: string;
  /** RFC 9457: the problem in a few words; a body with a title is sent as `application/problem+json`. */
  title?: string;
  /** RFC 9457: what went wrong with this request, and what to do. */
  detail?: string;
};

/** An upstream failure, as the browser may see it. */
export function browserError(error: unknown): HandlerError {
  if (error instanceof RateLimitError) return { error: "rate_limited", status: 429 };
  if (error instanceof InsufficientCreditsError) return { error: "credits_exhausted", status: 402 };
  // The server's key was refused: the browser did nothing wrong, so this is the gateway's failure.
  if (error instanceof AuthenticationError) return { error: "upstream_auth", status: 502 };
  if (error instanceof ValidationError) return { error: "invalid_request", status: 400 };
  if (error instanceof TimeoutError) return { error: "upstream_timeout", status: 504 };
  if (!(error instanceof BillingError) || error.status === undefined || error.status >= 500) return { error: "upstream_unavailable", status: 502 };
  return { error: "upstream_refused", status: 502 };
}

/** A JSON refusal (a problem when it has a title), never cached; with Retry-After when the browser should wait. */
export function errorAnswer(body: HandlerError, headers: Record<string, string> = {}): RouteAnswer {
  const all: Record<string, string> = { "content-type": body.title ? "application/problem+json" : "application/json", "cache-control": "no-store", ...headers };
  if (body.retryAfterSeconds !== undefined) all["retry-after"] = String(body.retryAfterSeconds);
  return { status: body.status, headers: all, body: JSON.stringify(body) };
}
