// What a browser's HTTP cache needs from the route: a strong ETag of the body, Cache-Control that is private (one
// team's money, never a shared cache's), and 304 for a matching If-None-Match (RFC 9110 §13.1.2, weak comparison).
// Freshness is said as RFC 9111 §4.2 reads it: `max-age` is the answer's whole freshness lifetime and `Age` the time
// since upstream gave it (its corrected initial age, §4.2.3, plus the route's own time), rounded up, so that a cache's
// current_age (Age, plus its own time) counts against max-age once, as the route counts it, and never less. RFC 5861's
// stale-if-error says how long it may stand in for a failing route; stale-while-revalidate is not sent: a browser
// would show a stale answer without asking, where the route would have given its viewer a fresh one.
import type { RouteAnswer, RouteRequest } from "./route-answer.js";

/** A stored answer as the route serves it: the exact body, its tag and its length in bytes, made once. */
export type Representation = { body: string; etag: string; length: string };

/** How a stored answer ages, in whole seconds as HTTP says them. */
export type Freshness = {
  /** The freshness lifetime: `max-age`. */
  lifetimeSeconds: number;
  /** Time since upstream gave the answer, rounded up: `Age`. Greater than the lifetime once the answer is stale. */
  ageSeconds: number;
  /** How long past its lifetime the route serves it while upstream fails: `stale-if-error` (0: left out). */
  staleIfErrorSeconds: number;
};

/** What the route noted of the upstream exchange that gave an answer: its headers, and when it was asked and answered. */
export type Exchange = { headers: { get(name: string): string | null }; requestTime: number; responseTime: number };

/**
 * How old upstream's answer already was when it arrived (ms): RFC 9111 §4.2.3's corrected_initial_age, the greater of
 * its apparent age (arrival less its `Date`) and its `Age` plus the time the exchange took. A `Date` or `Age` that
 * cannot be read counts for nothing, as the RFC says.
 */
export function initialAgeMs({ headers, requestTime, responseTime }: Exchange): number {
  const date = Date.parse(headers.get("date") ?? "");
  const apparentAge = Number.isNaN(date) ? 0 : Math.max(0, responseTime - date);
  // A list-based Age uses its first member (§5.1); anything but a non-negative integer is ignored; past 2^31, 2^31 (§1.2.2).
  const age = /^\s*(\d+)\s*(?:,|$)/.exec(headers.get("age") ?? "")?.[1];
  const ageValueMs = age === undefined ? 0 : Math.min(Number(age), 2 ** 31) * 1000;
  const correctedAgeValue = ageValueMs + Math.max(0, responseTime - requestTime);
  return Math.max(apparentAge, correctedAgeValue);
}

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

/** `private, max-age=L`, then `stale-if-error` unless it is 0 (a zero window is no permission, so it is left out). */
export function cacheControl(freshness: Freshness): string {
  const value = `private, max-age=${freshness.lifetimeSeconds}`;
  return freshness.staleIfErrorSeconds > 0 ? `${value}, stale-if-error=${freshness.staleIfErrorSeconds}` : value;
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
