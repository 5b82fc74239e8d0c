// Who may use the route (the app's authorize), whose key it uses (one, or one per customer team), where it answers
// (its mount point and the keyless client's paths, nowhere else), and that the key never comes back out of it.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { ConfigurationError, createCreditsClient } from "../../src";
import { createBillingHandler, toNodeHandler, type Authorize, type RouteRequest } from "../../src/server";
import { json, startFaultServer, type Handler } from "../helpers/fault-server";
import { bench, CANARY, example, PAGE, view } from "./helpers";
import { stretched } from "../../core/patience";

const post = (body = '{"credits":10000}', headers: Record<string, string> = { origin: PAGE, "content-type": "application/json", "idempotency-key": "door-1" }) =>
  view("/api/billing", { method: "POST", headers, body });

describe("authorize: the app's door, before anything else", () => {
  test.each<[string, Authorize, number, object]>([
    ["false", () => false, 403, { error: "forbidden", status: 403 }],
    ["a Response of its own", () => new Response('{"error":"log in"}', { status: 401, headers: { "www-authenticate": "Session" } }), 401, { error: "log in" }],
    ["a rejected promise", () => Promise.reject(new Error("session store down")), 500, { error: "authorize_failed", status: 500 }],
  ])("%s refuses the read with no upstream call", async (_name, authorize, status, body) => {
    const { handle, upstream } = await bench({ authorize });
    const response = await handle(view());
    expect(response.status).toBe(status);
    expect(await response.json()).toEqual(body);
    expect(upstream.requests).toHaveLength(0);
  });

  test("it is told which operation is asked for, and can allow reads to all and top-ups to some", async () => {
    const seen: string[] = [];
    const { handle, upstream } = await bench(
      { allowTopup: true, authorize: (request, { operation }) => (seen.push(operation), operation === "read" || request.headers.get("x-role") === "admin") },
      json(200, example),
    );
    expect((await handle(view())).status).toBe(200);
    expect((await handle(post())).status).toBe(403);
    expect(seen).toEqual(["read", "topup"]);
    expect(upstream.requests.map((r) => r.method)).toEqual(["GET"]);
  });

  test("allowTopup: true without authorize refuses to start, naming the option", () => {
    expect(() => createBillingHandler({ apiKey: CANARY, allowTopup: true })).toThrow(ConfigurationError);
    expect(() => createBillingHandler({ apiKey: CANARY, allowTopup: true })).toThrow(/allowTopup: true needs authorize\(request\)/);
  });

  test("a handler without a key fails at start-up, not on a visitor's request", () => {
    const saved = process.env.OLOSTEP_API_KEY;
    delete process.env.OLOSTEP_API_KEY;
    try {
      expect(() => createBillingHandler({})).toThrow(ConfigurationError);
    } finally {
      if (saved !== undefined) process.env.OLOSTEP_API_KEY = saved;
    }
  });
});

describe("top-ups through the route", () => {
  const receipt = { success: true, payment_intent_id: "pi_1", credits: 10000 };
  const allowed = { allowTopup: true, authorize: () => true };

  test("POST is refused (405, Allow: GET, HEAD) unless top-ups are allowed, and nothing is bought", async () => {
    const { handle, upstream } = await bench({}, json(200, receipt));
    const response = await handle(post());
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, HEAD");
    expect(upstream.requests).toHaveLength(0);
  });

  test("a same-origin JSON POST with an amount from the spec buys once, under the browser's Idempotency-Key", async () => {
    const { handle, upstream } = await bench(allowed, json(200, receipt));
    const response = await handle(post('{"credits":20000}', { origin: PAGE, "content-type": "application/json", "idempotency-key": "widget-1" }));
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ ...receipt, idempotencyKey: "widget-1" });
    expect(upstream.requests.map((r) => [r.method, r.url, r.body, r.headers["idempotency-key"]])).toEqual([["POST", "/user/purchase-topup", '{"credits":20000}', "widget-1"]]);
  });

  test.each([
    ["another origin", '{"credits":10000}', { origin: "https://evil.example", "content-type": "application/json", "idempotency-key": "k-1" }, 403, "cross_origin"],
    ["no Origin", '{"credits":10000}', { "content-type": "application/json", "idempotency-key": "k-1" }, 403, "cross_origin"],
    ["a form post", "credits=10000", { origin: PAGE, "content-type": "application/x-www-form-urlencoded", "idempotency-key": "k-1" }, 415, "json_required"],
    ["an amount outside the enum", '{"credits":12345}', { origin: PAGE, "content-type": "application/json", "idempotency-key": "k-1" }, 400, "invalid_credits"],
    ["a body that is not JSON", "{oops", { origin: PAGE, "content-type": "application/json", "idempotency-key": "k-1" }, 400, "invalid_credits"],
  ])("%s is refused and buys nothing", async (_name, body, headers, status, error) => {
    const { handle, upstream } = await bench(allowed, json(200, receipt));
    const response = await handle(post(body, headers));
    expect(response.status).toBe(status);
    expect(await response.json()).toEqual({ error, status });
    expect(upstream.requests).toHaveLength(0);
  });

  test("an outcome nobody can know (upstream 500) is 502 outcome_unknown with the key to retry under; the cooldown is 429 with Retry-After", async () => {
    const { handle } = await bench(allowed, json(500, { error: "boom" }), json(429, { retry_after: 42, cooldown_seconds: 60 }));
    const unknown = await handle(post('{"credits":10000}', { origin: PAGE, "content-type": "application/json", "idempotency-key": "k-7" }));
    expect([unknown.status, await unknown.json()]).toEqual([502, { error: "outcome_unknown", status: 502, idempotencyKey: "k-7" }]);
    const cooldown = await handle(post('{"credits":10000}', { origin: PAGE, "content-type": "application/json", "idempotency-key": "k-8" }));
    expect([cooldown.status, cooldown.headers.get("retry-after"), await cooldown.json()]).toEqual([429, "42", { error: "rate_limited", status: 429, retryAfterSeconds: 42, idempotencyKey: "k-8" }]);
  });

  test("upstream's 409 (the key's first purchase still being charged) is outcome_unknown too, never a refusal the page would not retry", async () => {
    const inProgress = { object: "error", code: "idempotency_key_in_progress", status: 409 };
    const { handle, upstream } = await bench(allowed, json(409, inProgress));
    const answer = await handle(post('{"credits":10000}', { origin: PAGE, "content-type": "application/json", "idempotency-key": "k-9" }));
    expect([answer.status, await answer.json()]).toEqual([502, { error: "outcome_unknown", status: 502, idempotencyKey: "k-9" }]);
    expect(upstream.requests).toHaveLength(1);
  });
});

describe("a key per customer team (apiKey as a function of the request)", () => {
  /** Upstream answers each key with its own balance: the key's length in credits, and a team field naming the key's end. */
  const perKey: Handler = (req, res, index, seen) => {
    const key = String(req.headers.authorization).replace("Bearer ", "");
    setTimeout(() => json(200, { credits: key.length * 1000, allow_usage: true, team: key.slice(-1) })(req, res, index, seen), 20);
  };
  const teamOf = (request: RouteRequest) => (request.headers.get("x-team") ? `sk_team_key_${request.headers.get("x-team")}` : undefined);

  test("team A never sees team B's answer, with viewers of both at once; each team has its own single read", async () => {
    const { handle, upstream } = await bench({ apiKey: teamOf }, perKey);
    const viewers = Array.from({ length: 200 }, (_, i) => (i % 2 ? "a" : "bb"));
    const answers = await Promise.all(viewers.map((team) => handle(view("/api/billing", { headers: { "x-team": team } })).then((r) => r.json())));
    answers.forEach((answer, i) => expect(answer).toMatchObject({ team: viewers[i]!.slice(-1), credits: `sk_team_key_${viewers[i]}`.length * 1000 }));
    expect(upstream.requests).toHaveLength(2);
  });

  test("no key for this request is a 403 no_api_key, with no upstream call", async () => {
    const { handle, upstream } = await bench({ apiKey: teamOf }, perKey);
    const response = await handle(view());
    expect([response.status, await response.json()]).toEqual([403, { error: "no_api_key", status: 403 }]);
    expect(upstream.requests).toHaveLength(0);
  });

  test("100 teams keep at most maxTeams (25) answers: an evicted team is read again, and is still its own", async () => {
    // A generous attempt limit: on a busy machine a slow answer must not count as a second read. Four times the bound
    // is enough to show it holds (each team a real read of the local upstream: sized by counts, not by the machine's
    // speed); the heap under 40,000 requests is measured by `npm run bench`.
    const { handle, upstream } = await bench({ apiKey: teamOf, maxTeams: 25, timeoutMs: 60_000 }, perKey);
    for (let team = 0; team < 100; team += 25) {
      await Promise.all(Array.from({ length: 25 }, (_, i) => handle(view("/api/billing", { headers: { "x-team": String(team + i) } }))));
    }
    expect(upstream.requests).toHaveLength(100);
    // Team 5 was evicted long ago: it is read again, and gets its own answer.
    expect(await (await handle(view("/api/billing", { headers: { "x-team": "5" } }))).json()).toMatchObject({ team: "5" });
    expect(upstream.requests).toHaveLength(101);
    // Team 99 is still kept.
    await handle(view("/api/billing", { headers: { "x-team": "99" } }));
    expect(upstream.requests).toHaveLength(101);
  }, stretched(60_000));

  test("a key that is no valid header value is a 500 misconfigured that never shows it", async () => {
    const { handle } = await bench({ apiKey: () => "sk_bad\r\nkey" });
    const response = await handle(view());
    const text = await response.text();
    expect([response.status, JSON.parse(text)]).toEqual([500, { error: "misconfigured", status: 500 }]);
    expect(text).not.toContain("sk_bad");
  });
});

describe("where the route answers: its mount point and the keyless client's paths, nowhere else", () => {
  test("mounted at /api/billing, it answers the mount path and the client's /api/billing/user/credits/info alike", async () => {
    const { handle, upstream } = await bench();
    const widget = await handle(view("/api/billing"));
    const client = createCreditsClient({ baseUrl: "/api/billing", fetch: (url, init) => handle(new Request(`${PAGE}${url}`, init)) });
    expect(await widget.json()).toEqual(example);
    expect(await client.getCreditsInfo()).toEqual(example);
    expect((await handle(view("/api/billing/"))).status).toBe(200);
    expect(upstream.requests).toHaveLength(1);
  });

  test.each(["/api/billing/anything", "/api/billing/foo/bar", "/api/billing/user/credits/history", "/api/billing/user/credits/info/more", "/anything/at/all", "/api/billingx", "/"])(
    "%s is a 404 problem, never cached, with no upstream call and no door asked",
    async (path) => {
      const doors: string[] = [];
      const { handle, upstream } = await bench({ authorize: (request) => (doors.push(request.url), true) });
      const response = await handle(view(path));
      expect([response.status, response.headers.get("content-type"), response.headers.get("cache-control")]).toEqual([404, "application/problem+json", "no-store"]);
      expect(await response.json()).toMatchObject({ status: 404, error: "not_found", title: "Not Found" });
      expect([upstream.requests.length, doors]).toEqual([0, []]);
    },
  );

  test("a method a path does not take is a 405 with Allow, every time; the purchase path without allowTopup is not there at all", async () => {
    const { handle } = await bench();
    for (const [path, method, allow] of [["/api/billing", "DELETE", "GET, HEAD"], ["/api/billing", "POST", "GET, HEAD"], ["/api/billing/user/credits/info", "POST", "GET, HEAD"], ["/api/billing/user/credits/info", "PUT", "GET, HEAD"]] as const) {
      const response = await handle(view(path, { method }));
      expect({ path, method, status: response.status, allow: response.headers.get("allow") }).toEqual({ path, method, status: 405, allow });
    }
    expect((await handle(view("/api/billing/user/purchase-topup", { method: "POST" }))).status).toBe(404);
    const buying = await bench({ allowTopup: true, authorize: () => true });
    for (const [path, method, allow] of [["/api/billing", "PUT", "GET, HEAD, POST"], ["/api/billing/user/purchase-topup", "GET", "POST"], ["/api/billing/user/purchase-topup", "HEAD", "POST"]] as const) {
      const response = await buying.handle(view(path, { method }));
      expect({ path, method, status: response.status, allow: response.headers.get("allow") }).toEqual({ path, method, status: 405, allow });
    }
  });

  test("basePath mounts it elsewhere: the balance there and under it, the default path a 404", async () => {
    const { handle } = await bench({ basePath: "/team/credits/" });
    expect((await handle(view("/team/credits"))).status).toBe(200);
    expect((await handle(view("/team/credits/user/credits/info"))).status).toBe(200);
    expect((await handle(view("/api/billing"))).status).toBe(404);
    const root = await bench({ basePath: "/" });
    expect((await root.handle(view("/"))).status).toBe(200);
    expect((await root.handle(view("/user/credits/info"))).status).toBe(200);
    expect((await root.handle(view("/anything"))).status).toBe(404);
  });

  test.each(["api/billing", "", "/api/billing?x=1", "/api/billing#top", "/api bill"])("basePath %j is refused at start-up", (basePath) => {
    expect(() => createBillingHandler({ apiKey: CANARY, basePath })).toThrow(/basePath must be a path starting with "\/"/);
  });

  test("through node:http (toNodeHandler), Express-style mount included (originalUrl), HEAD and 304 too", async () => {
    const { handler } = await bench();
    const node = toNodeHandler(handler);
    // Express strips the mount path from req.url and keeps the whole path in req.originalUrl.
    const server = createServer((req: IncomingMessage & { originalUrl?: string }, res) => {
      req.originalUrl = req.url;
      req.url = req.url!.replace(/^\/api\/billing/, "") || "/";
      node(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const first = await fetch(`${base}/api/billing`);
      expect(await first.json()).toEqual(example);
      const client = createCreditsClient({ baseUrl: "/api/billing", fetch: (url, init) => fetch(`${base}${url}`, init) });
      expect(await client.getCreditsInfo()).toEqual(example);
      const again = await fetch(`${base}/api/billing`, { headers: { "if-none-match": first.headers.get("etag")! } });
      expect(again.status).toBe(304);
      const head = await fetch(`${base}/api/billing`, { method: "HEAD" });
      expect([head.status, head.headers.get("etag")]).toEqual([200, first.headers.get("etag")]);
      expect((await fetch(`${base}/api/billing/anything`)).status).toBe(404);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test("toNodeHandler takes only a handler createBillingHandler made: a wrapper of the app's own is a ConfigurationError saying so", () => {
    const wrapper = (request: Request) => Promise.resolve(new Response(request.url));
    expect(() => toNodeHandler(wrapper)).toThrow(ConfigurationError);
    expect(() => toNodeHandler(wrapper)).toThrow(/createBillingHandler\(\)/);
  });
});

describe("the key never comes back out", () => {
  const echoes: [string, Handler][] = [
    ["an upstream 500 echoing the key in a header and the body", (req, res) => {
      res.writeHead(500, { "content-type": "application/json", "x-request-id": String(req.headers.authorization) });
      res.end(JSON.stringify({ error: String(req.headers.authorization), detail: `key ${CANARY}` }));
    }],
    ["a 200 whose body carries the key", (req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ ...example, note: `your key is ${CANARY}`, echo: String(req.headers.authorization) }));
    }],
    ["a 402 (the server's key refused)", json(402, {})],
    ["a cooldown", json(429, { retry_after: 30, cooldown_seconds: 60 })],
  ];

  test.each(echoes)("%s: nothing the route returns holds the key", async (_name, upstream) => {
    const { handle } = await bench({}, upstream);
    const response = await handle(view());
    const everything = (await response.text()) + JSON.stringify([...response.headers]);
    expect(everything).not.toContain(CANARY.slice(8));
    expect(response.status).toBeLessThan(600);
  });

  test("a 200 whose body carries the key is served with the key cut out", async () => {
    const upstream = await startFaultServer(json(200, { ...example, note: `your key is ${CANARY}` }));
    const handle = createBillingHandler({ apiKey: CANARY, baseUrl: upstream.url });
    expect(await (await handle(view())).json()).toMatchObject({ note: "your key is [redacted]" });
  });
});

test("a short key (a test's) is not cut out of the body: only keys of 8 characters or more are", async () => {
  const upstream = await startFaultServer(json(200, example));
  const handle = createBillingHandler({ apiKey: "k", baseUrl: upstream.url });
  expect(await (await handle(view())).json()).toEqual(example);
});
