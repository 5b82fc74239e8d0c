// The route as an app builds it, once, at module scope: a key per team (the x-team header names it), an upstream the
// test gives, a door that lets every request in (so that top-ups can be tried: the test sends them), and a timeout
// short enough that a stalled upstream answers within a few seconds, yet long enough for a first request on a busy
// machine (a fresh process loads its HTTP stack then). Under /uncached/api/billing (its basePath), the same route
// keeping nothing, so that every request reads upstream with the team's client (its timers armed by earlier requests).
import { createBillingHandler } from "olostep-billing/server";

export function makeHandlers(upstream) {
  const options = { apiKey: (request) => `sk_consumer_${request.headers.get("x-team") ?? "main"}_key`, baseUrl: upstream, timeoutMs: 2_000, maxRetries: 0 };
  const cached = createBillingHandler({ ...options, allowTopup: true, authorize: () => true });
  const uncached = createBillingHandler({ ...options, basePath: "/uncached/api/billing", maxAgeSeconds: 0, staleWhileRevalidateSeconds: 0, staleIfErrorSeconds: 0 });
  return { cached, uncached };
}

/** Both routes behind one Fetch handler, as an app that serves more than the route dispatches to it. */
export function makeApp(upstream) {
  const { cached, uncached } = makeHandlers(upstream);
  return (request, context) => (new URL(request.url).pathname.startsWith("/uncached") ? uncached : cached)(request, context);
}
