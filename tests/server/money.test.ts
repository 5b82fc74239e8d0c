// Money first: once a top-up through the route has answered, no viewer is served a balance read before it. Upstream is
// a real local server that keeps a balance: a read takes the balance when it arrives and may be held before answering.
import { createBillingHandler } from "../../src/server";
import { json, startFaultServer, type Handler } from "../helpers/fault-server";
import { within } from "../helpers/processes";
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

const buy = (credits = 10000) => view("/api/billing", { method: "POST", headers: { origin: PAGE, "content-type": "application/json" }, body: JSON.stringify({ credits }) });
const creditsOf = async (response: Response | Promise<Response>) => ((await (await response).json()) as { credits: number }).credits;

describe("a top-up through the route", () => {
  test("a read in flight when the top-up answers, answering after it, is not the balance: the next viewer gets the one read since", async () => {
    const upstream = bank(1_000);
    const { handle, upstream: server } = await bench({ allowTopup: true, authorize: () => true, timeoutMs: 60_000 }, upstream.handler);
    upstream.holdNextRead();
    const before = handle(view());
    expect(await within(5_000, () => server.requests.length === 1)).toBe(true);
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
    const { handle, upstream: server } = await bench({ allowTopup: true, authorize: () => true, timeoutMs: 60_000 }, upstream.handler);
    upstream.holdNextRead();
    const before = handle(view());
    expect(await within(5_000, () => server.requests.length === 1)).toBe(true);
    expect((await handle(buy())).status).toBe(200);
    const after = handle(view());
    expect(await creditsOf(after)).toBe(11_000);
    upstream.release();
    expect(await creditsOf(before)).toBe(1_000);
    // The late answer of before did not replace the stored balance.
    expect(await creditsOf(handle(view()))).toBe(11_000);
    expect(server.requests.map((r) => r.method)).toEqual(["GET", "POST", "GET"]);
  });

  test("a fresh stored balance is forgotten by a top-up, and a stale-while-revalidate refresh begun before it is not stored", async () => {
    const upstream = bank(500);
    const { handle, upstream: server, clock } = await bench({ allowTopup: true, authorize: () => true, timeoutMs: 60_000 }, upstream.handler);
    expect(await creditsOf(handle(view()))).toBe(500);
    clock.advance(6_000);
    upstream.holdNextRead();
    // Stale: served at once, while a refresh is held upstream.
    expect(await creditsOf(handle(view()))).toBe(500);
    expect(await within(5_000, () => server.requests.length === 2)).toBe(true);
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
    const refused = await handle(view("/api/billing", { method: "POST", headers: { origin: "https://evil.example", "content-type": "application/json" }, body: '{"credits":10000}' }));
    expect(refused.status).toBe(403);
    await handle(view());
    expect(server.requests.map((r) => r.method)).toEqual(["GET"]);
  });
});
