// olostep-billing/server: the balance for browsers, the key kept server-side, purchases only when allowed and same-origin.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { ConfigurationError, createBillingClient } from "../src";
import { createBillingHandler, toNodeHandler } from "../src/server";
import { json, startFaultServer, type FaultServer, type Handler } from "./helpers/fault-server";
import { exampleOf, loadSpec } from "./helpers/spec";

const CANARY = "sk_live_HANDLERCANARY_5e6f7a8b";
const spec = loadSpec();
const example = exampleOf(spec, "/user/credits/info", "get", "200");
const receipt = exampleOf(spec, "/user/purchase-topup", "post", "200");
let api: FaultServer | undefined;

async function handlerFor(handler: Handler, options: { allowTopup?: boolean } = {}) {
  api = await startFaultServer(handler);
  return createBillingHandler({ apiKey: CANARY, baseUrl: api.url, maxRetries: 0, ...options });
}
const page = "http://app.example:3000";

test("GET answers the credits info as JSON, no-store, and forwards nothing of the browser's request", async () => {
  const handle = await handlerFor(json(200, example));
  const response = await handle(new Request(`${page}/api/billing?team=other&debug=1`, { headers: { cookie: "session=abc", "x-forwarded-for": "1.2.3.4", authorization: "Bearer browser" } }));
  expect(response.status).toBe(200);
  expect(response.headers.get("cache-control")).toBe("no-store");
  expect(await response.json()).toEqual(example);
  const seen = api!.requests[0]!;
  expect(seen.url).toBe("/user/credits/info");
  expect(seen.headers.authorization).toBe(`Bearer ${CANARY}`);
  expect(Object.keys(seen.headers).sort()).toEqual(["accept", "accept-encoding", "accept-language", "authorization", "connection", "host", "sec-fetch-mode", "user-agent"]);
});

test.each([
  ["an upstream 500 echoing the key", (req: Parameters<Handler>[0], res: Parameters<Handler>[1]) => {
    res.writeHead(500, { "content-type": "application/json", "x-request-id": String(req.headers.authorization) });
    res.end(JSON.stringify({ error: String(req.headers.authorization), detail: `key ${CANARY}` }));
  }, 502, "upstream_unavailable"],
  ["a 402 (the server's key refused)", json(402, {}), 502, "upstream_auth"],
  ["credits exhausted", json(402, { code: "credits_exhausted" }), 402, "credits_exhausted"],
  ["a cooldown", json(429, { retry_after: 30, cooldown_seconds: 60 }), 429, "rate_limited"],
] as const)("%s becomes a small { error, status } with no upstream detail", async (_name, upstream, status, error) => {
  const handle = await handlerFor(upstream as Handler);
  const response = await handle(new Request(`${page}/api/billing`));
  const text = await response.text();
  expect(response.status).toBe(status);
  expect(JSON.parse(text)).toMatchObject({ error, status });
  expect(text + JSON.stringify([...response.headers])).not.toContain(CANARY.slice(8));
});

test("POST is refused (405) unless the server allows top-ups, and nothing is bought", async () => {
  const handle = await handlerFor(json(200, receipt));
  const response = await handle(new Request(`${page}/api/billing`, { method: "POST", headers: { origin: page, "content-type": "application/json" }, body: '{"credits":10000}' }));
  expect(response.status).toBe(405);
  expect(response.headers.get("allow")).toBe("GET, HEAD");
  expect(api!.requests).toHaveLength(0);
});

describe("with allowTopup", () => {
  const post = (body: string, headers: Record<string, string>) => new Request(`${page}/api/billing`, { method: "POST", headers, body });

  test("a same-origin JSON POST with an amount from the spec buys once, under the browser's Idempotency-Key", async () => {
    const handle = await handlerFor(json(200, receipt), { allowTopup: true });
    const response = await handle(post('{"credits":20000}', { origin: page, "content-type": "application/json", "idempotency-key": "widget-1" }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ...(receipt as object), idempotencyKey: "widget-1" });
    expect(api!.requests.map((r) => [r.method, r.url, r.body, r.headers["idempotency-key"]])).toEqual([["POST", "/user/purchase-topup", '{"credits":20000}', "widget-1"]]);
  });

  test.each([
    ["another origin", '{"credits":10000}', { origin: "https://evil.example", "content-type": "application/json" }, 403, "cross_origin"],
    ["no Origin", '{"credits":10000}', { "content-type": "application/json" }, 403, "cross_origin"],
    ["a form post", "credits=10000", { origin: page, "content-type": "application/x-www-form-urlencoded" }, 415, "json_required"],
    ["an amount outside the enum", '{"credits":12345}', { origin: page, "content-type": "application/json" }, 400, "invalid_credits"],
    ["a body that is not JSON", "{oops", { origin: page, "content-type": "application/json" }, 400, "invalid_credits"],
  ])("%s is refused and buys nothing", async (_name, body, headers, status, error) => {
    const handle = await handlerFor(json(200, receipt), { allowTopup: true });
    const response = await handle(post(body, headers));
    expect(response.status).toBe(status);
    expect(await response.json()).toEqual({ error, status });
    expect(api!.requests).toHaveLength(0);
  });
});

test("toNodeHandler serves the same through node:http", async () => {
  const handle = await handlerFor(json(200, example));
  const server = createServer(toNodeHandler(handle));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/billing`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(example);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

test("a browser's client takes a relative baseUrl with no key, and refuses a key with it", () => {
  expect(() => createBillingClient({ baseUrl: "/api/billing" })).not.toThrow();
  expect(() => createBillingClient({ baseUrl: "/api/billing", apiKey: CANARY })).toThrow(ConfigurationError);
  expect(() => createBillingClient({ baseUrl: "//evil.example/api" })).toThrow(ConfigurationError);
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
