// Money first: a top-up moves money only under the browser's own Idempotency-Key, and once it has answered, no viewer is
// served a balance read before it. Upstream is a real local server that keeps a balance: a read takes the balance when
// it arrives and may be held before answering.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createBillingHandler, toNodeHandler } from "../../src/server";
import { json, startFaultServer, type Handler } from "../helpers/fault-server";
import { bench, example, PAGE, view } from "./helpers";

/** An upstream with a balance: a top-up adds to it at once; a GET answers the balance as it was when the GET arrived,
 * after `hold` (when given for that read). */
function bank(start: number) {
  let credits = start;
  const holds: (() => void)[] = [];
  let holdNext = 0;
  const handler: Handler = (req, res, index, seen) => {
    if (req.method === "POST") {
      credits += (JSON.parse(seen.body) as { credits: number }).credits;
      return json(200, { success: true, payment_intent_id: `pi_${index}`, credits })(req, res, index, seen);
    }
    const answer = json(200, { ...example, credits });
    if (holdNext > 0) {
      holdNext--;
      holds.push(() => answer(req, res, index, seen));
    } else answer(req, res, index, seen);
  };
  return { handler, holdNextRead: () => void holdNext++, release: () => holds.splice(0).forEach((go) => go()), credits: () => credits };
}

let purchases = 0;
/** A purchase as the widget sends it: same origin, JSON, a key of its own. */
const buy = (credits = 10000, key: string | null = `page-key-${++purchases}`) =>
  view("/api/billing", { method: "POST", headers: { origin: PAGE, "content-type": "application/json", ...(key === null ? {} : { "idempotency-key": key }) }, body: JSON.stringify({ credits }) });
const creditsOf = async (response: Response | Promise<Response>) => ((await (await response).json()) as { credits: number }).credits;

describe("a top-up through the route", () => {
  test("a read in flight when the top-up answers, answering after it, is not the balance: the next viewer gets the one read since", async () => {
    const upstream = bank(1_000);
    const { handle, upstream: server, reached } = await bench({ allowTopup: true, authorize: () => true, timeoutMs: 60_000 }, upstream.handler);
    upstream.holdNextRead();
    const before = handle(view());
    await reached(1);
    const bought = await handle(buy());
    expect(bought.status).toBe(200);
    // The read that began before the purchase answers now, with the balance of before.
    upstream.release();
    // Its own viewer asked before the purchase and gets what it asked for.
    expect(await creditsOf(before)).toBe(1_000);
    // Every viewer after the purchase's answer gets the balance read after it.
    expect(await creditsOf(handle(view()))).toBe(11_000);
    expect(await creditsOf(handle(view()))).toBe(11_000);
    expect(server.requests.map((r) => r.method)).toEqual(["GET", "POST", "GET"]);
  });

  test("a viewer arriving after the top-up answered does not join the read begun before it, which is still in flight", async () => {
    const upstream = bank(1_000);
    const { handle, upstream: server, reached } = await bench({ allowTopup: true, authorize: () => true, timeoutMs: 60_000 }, upstream.handler);
    upstream.holdNextRead();
    const before = handle(view());
    await reached(1);
    expect((await handle(buy())).status).toBe(200);
    const after = handle(view());
    expect(await creditsOf(after)).toBe(11_000);
    upstream.release();
    expect(await creditsOf(before)).toBe(1_000);
    // The late answer of before did not replace the stored balance.
    expect(await creditsOf(handle(view()))).toBe(11_000);
    expect(server.requests.map((r) => r.method)).toEqual(["GET", "POST", "GET"]);
  });

  test("a fresh stored balance is forgotten by a top-up, and a refresh of a stale one begun before it is not stored", async () => {
    const upstream = bank(500);
    const { handle, clock, reached } = await bench({ allowTopup: true, authorize: () => true, timeoutMs: 60_000, refreshWaitMs: 1 }, upstream.handler);
    expect(await creditsOf(handle(view()))).toBe(500);
    clock.advance(6_000);
    upstream.holdNextRead();
    // Stale: served once its refresh, held upstream, has kept the viewer waiting refreshWaitMs.
    expect(await creditsOf(handle(view()))).toBe(500);
    await reached(2);
    expect((await handle(buy(20000))).status).toBe(200);
    upstream.release();
    expect(await creditsOf(handle(view()))).toBe(20_500);
    expect(await creditsOf(handle(view()))).toBe(20_500);
  });

  test("a purchase whose outcome is unknown (upstream 500) also forgets the balance: it may have been charged", async () => {
    let credits = 1_000;
    const server = await startFaultServer((req, res, index, seen) => (req.method === "POST" ? ((credits += 10_000), json(500, { error: "boom" })) : json(200, { ...example, credits }))(req, res, index, seen));
    const handle = createBillingHandler({ apiKey: "sk_live_MONEYTEST_0123456789", baseUrl: server.url, allowTopup: true, authorize: () => true, now: () => 0, log: () => undefined });
    expect(await creditsOf(handle(view()))).toBe(1_000);
    expect((await handle(buy())).status).toBe(502);
    expect(await creditsOf(handle(view()))).toBe(11_000);
  });

  test("a refused purchase (cross-origin) reaches nobody and keeps the stored balance", async () => {
    const upstream = bank(1_000);
    const { handle, upstream: server } = await bench({ allowTopup: true, authorize: () => true }, upstream.handler);
    await handle(view());
    const refused = await handle(view("/api/billing", { method: "POST", headers: { origin: "https://evil.example", "content-type": "application/json", "idempotency-key": "evil-1" }, body: '{"credits":10000}' }));
    expect(refused.status).toBe(403);
    await handle(view());
    expect(server.requests.map((r) => r.method)).toEqual(["GET"]);
  });
});

describe("money only under the browser's key", () => {
  const allowed = { allowTopup: true, authorize: () => true };
  const receipt = { success: true, payment_intent_id: "pi_1", credits: 10000 };

  test("a top-up without Idempotency-Key is the draft's 400 problem, saying the header is required, and nothing goes upstream", async () => {
    const { handle, upstream } = await bench(allowed, json(200, receipt));
    const response = await handle(buy(10000, null));
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(response.headers.get("cache-control")).toBe("no-store");
    const problem = (await response.json()) as Record<string, unknown>;
    expect(problem).toMatchObject({ status: 400, error: "idempotency_key_required", title: "Idempotency-Key is missing" });
    expect(problem.type).toMatch(/^https:\/\/.+docs\/browser\.md#top-ups-through-the-route$/);
    expect(problem.detail).toMatch(/Idempotency-Key header/);
    expect(upstream.requests).toHaveLength(0);
  });

  test.each([
    ["empty", ""],
    ["over 255 characters", "k".repeat(256)],
    ["not printable ASCII", "clé-1"],
  ])("an Idempotency-Key that is %s is a 400 problem too, and nothing goes upstream", async (_name, key) => {
    const { handle, upstream, logged } = await bench(allowed, json(200, receipt));
    const response = await handle(view("/api/billing", { method: "POST", headers: { origin: PAGE, "content-type": "application/json", "idempotency-key": key }, body: '{"credits":10000}' }));
    expect([response.status, response.headers.get("content-type")]).toEqual([400, "application/problem+json"]);
    expect(await response.json()).toMatchObject({ status: 400, error: "idempotency_key_invalid", title: "Idempotency-Key is not valid" });
    expect(upstream.requests).toHaveLength(0);
    expect(logged).toEqual([]);
  });

  test("a key of 255 characters is the longest taken, sent upstream as it came", async () => {
    const { handle, upstream } = await bench(allowed, json(200, receipt));
    const key = "k".repeat(255);
    expect((await handle(buy(10000, key))).status).toBe(200);
    expect(upstream.requests.map((r) => r.headers["idempotency-key"])).toEqual([key]);
  });

  test("a double click (the same key twice) reaches upstream under that one key both times, never under one the route made up", async () => {
    const { handle, upstream } = await bench(allowed, json(200, receipt));
    await handle(buy(10000, "double-click"));
    await handle(buy(10000, "double-click"));
    expect(upstream.requests.map((r) => r.headers["idempotency-key"])).toEqual(["double-click", "double-click"]);
  });

  test("through node:http too, at the API's own path: no key, 400 and nothing upstream; a body larger than any purchase, 413", async () => {
    const upstream = await startFaultServer(json(200, receipt));
    const route = toNodeHandler(createBillingHandler({ apiKey: "sk_live_MONEYTEST_0123456789", baseUrl: upstream.url, ...allowed, log: () => undefined }));
    const server = createServer(route);
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const headers = { origin: base, "content-type": "application/json" };
      const keyless = await fetch(`${base}/api/billing/user/purchase-topup`, { method: "POST", headers, body: '{"credits":10000}' });
      expect([keyless.status, ((await keyless.json()) as { error: string }).error]).toEqual([400, "idempotency_key_required"]);
      const keyed = await fetch(`${base}/api/billing/user/purchase-topup`, { method: "POST", headers: { ...headers, "idempotency-key": "node-1" }, body: '{"credits":10000}' });
      expect(keyed.status).toBe(200);
      const huge = await fetch(`${base}/api/billing`, { method: "POST", headers: { ...headers, "idempotency-key": "node-2" }, body: JSON.stringify({ credits: 10000, pad: "x".repeat(20_000) }) });
      expect(huge.status).toBe(413);
      expect(upstream.requests.map((r) => r.headers["idempotency-key"])).toEqual(["node-1"]);
    } finally {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
    }
  });
});
