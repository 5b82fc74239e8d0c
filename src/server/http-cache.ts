// What a browser's HTTP cache needs from the route: a strong ETag of the body, Cache-Control that is private (one
// team's money, never a shared cache's) with the freshness left, Age, and 304 for a matching If-None-Match (RFC 9110
// §13.1.2, weak comparison). The route keeps no per-request state here: the tag is made once per stored value.
import type { RouteAnswer, RouteRequest } from "./route-answer.js";

/** A stored answer as the route serves it: the exact body, its tag and its length in bytes, made once. */
export type Representation = { body: string; etag: string; length: string };

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

/**
 * The response for a stored answer: 200 with the body (none for HEAD, with the same headers), or 304 when the
 * browser already has it. `maxAgeSeconds`: how long it stays fresh from now (0 once stale); `ageSeconds`: how old it is.
 */
export function cachedAnswer(request: RouteRequest, stored: Representation, maxAgeSeconds: number, ageSeconds: number): RouteAnswer {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "cache-control": `private, max-age=${maxAgeSeconds}`,
    etag: stored.etag,
    age: String(ageSeconds),
  };
  if (matches(request.headers.get("if-none-match"), stored.etag)) return { status: 304, headers, body: null };
  headers["content-length"] = stored.length;
  return { status: 200, headers, body: request.method === "HEAD" ? null : stored.body };
}

/** The body's length in bytes, for Content-Length (a HEAD answer has none of its own to count). */
export function byteLength(text: string): string {
  return String(new TextEncoder().encode(text).byteLength);
}
