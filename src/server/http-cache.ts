// What a browser's HTTP cache needs from the route: a strong ETag of the body, Cache-Control that is private (one
// team's money, never a shared cache's), and 304 for a matching If-None-Match (RFC 9110 §13.1.2, weak comparison).
// Freshness is said as RFC 9111 §4.2 reads it: `max-age` is the answer's whole freshness lifetime and `Age` the time
// since upstream gave it, so that a cache's current_age (Age, plus its own time) counts against max-age once, as the
// route counts it; RFC 5861's stale-while-revalidate and stale-if-error say how long it may stand in once stale.
import type { RouteAnswer, RouteRequest } from "./route-answer.js";

/** A stored answer as the route serves it: the exact body, its tag and its length in bytes, made once. */
export type Representation = { body: string; etag: string; length: string };

/** How a stored answer ages, in whole seconds as HTTP says them. */
export type Freshness = {
  /** The freshness lifetime: `max-age`. */
  lifetimeSeconds: number;
  /** Time since upstream answered: `Age`. */
  ageSeconds: number;
  /** How long past its lifetime the route serves it while one refresh runs: `stale-while-revalidate` (0: left out). */
  staleWhileRevalidateSeconds: number;
  /** How long past its lifetime the route serves it while upstream fails: `stale-if-error` (0: left out). */
  staleIfErrorSeconds: number;
};

/** A strong ETag: the base64url of the body's SHA-256 (Web Crypto, so every runtime the route runs in has it). */
export async function etagOf(body: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(body)));
  let binary = "";
  for (const byte of digest.subarray(0, 18)) binary += String.fromCharCode(byte);
  return `"${btoa(binary).replace(/\+/g, "-").replace(/\//g, "_")}"`;
}

/** Whether If-None-Match names this tag: `*`, or any listed tag equal to it once a `W/` prefix is set aside. */
export function matches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === "*") return true;
  const bare = etag.replace(/^W\//, "");
  return ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === bare);
}

/** `private, max-age=L`, then the RFC 5861 windows that apply (a zero window is no permission, so it is left out). */
export function cacheControl(freshness: Freshness): string {
  let value = `private, max-age=${freshness.lifetimeSeconds}`;
  if (freshness.staleWhileRevalidateSeconds > 0) value += `, stale-while-revalidate=${freshness.staleWhileRevalidateSeconds}`;
  if (freshness.staleIfErrorSeconds > 0) value += `, stale-if-error=${freshness.staleIfErrorSeconds}`;
  return value;
}

/**
 * The response for a stored answer: 200 with the body (none for HEAD, with the same headers), or 304 when the
 * browser already has it; both with the answer's freshness lifetime and its Age.
 */
export function cachedAnswer(request: RouteRequest, stored: Representation, freshness: Freshness): RouteAnswer {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "cache-control": cacheControl(freshness),
    etag: stored.etag,
    age: String(freshness.ageSeconds),
  };
  if (matches(request.headers.get("if-none-match"), stored.etag)) return { status: 304, headers, body: null };
  headers["content-length"] = stored.length;
  return { status: 200, headers, body: request.method === "HEAD" ? null : stored.body };
}

/** The body's length in bytes, for Content-Length (a HEAD answer has none of its own to count). */
export function byteLength(text: string): string {
  return String(new TextEncoder().encode(text).byteLength);
}
