// A Cloudflare Worker with the route and a client, each built once at module scope, as the README advises. UPSTREAM
// and SEQUENCE (this build's own upstream path for the sequence) are baked in by the bundler. /api/billing is the
// route; /client-sequence makes one call on the module's client.
import { createBillingClient } from "olostep-billing";
import { makeApp } from "./route-app.mjs";
import { clientChecks } from "./client-checks.mjs";

const handle = makeApp(UPSTREAM);
// Its first request is answered (arming the client's timers), every later one stalls.
const sequence = createBillingClient({ apiKey: "sk_consumer_worker_key", baseUrl: `${UPSTREAM}/${SEQUENCE}`, timeoutMs: 1_500, maxRetries: 0 });

export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    if (url.pathname === "/client-checks") return Response.json(await clientChecks(UPSTREAM, Number(url.searchParams.get("closed"))));
    if (url.pathname === "/client-sequence") {
      const started = Date.now();
      const outcome = await sequence.getCreditsInfo().then((info) => `credits ${info.credits}`, (error) => error.name);
      return Response.json([outcome, Date.now() - started]);
    }
    return handle(request, ctx);
  },
};
