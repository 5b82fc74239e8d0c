// The route as an app builds it, once, at module scope: a key per team (the x-team header names it), an upstream the
// test gives, and a timeout short enough that a stalled upstream answers within a few seconds, yet long enough for a
// first request on a busy machine (a fresh process loads its HTTP stack then). Under /uncached, the same route keeping
// nothing, so that every request reads upstream with the team's client (its timers armed by earlier requests).
import { createBillingHandler } from "olostep-billing/server";

export function makeApp(upstream) {
  const options = { apiKey: (request) => `sk_consumer_${request.headers.get("x-team") ?? "main"}_key`, baseUrl: upstream, timeoutMs: 2_000, maxRetries: 0 };
  const cached = createBillingHandler(options);
  const uncached = createBillingHandler({ ...options, maxAgeSeconds: 0, staleWhileRevalidateSeconds: 0, staleIfErrorSeconds: 0 });
  return (request, context) => (new URL(request.url).pathname.startsWith("/uncached") ? uncached : cached)(request, context);
}
