// The route's answers as a browser's cache sees them, and how long a stored answer serves: fresh, stale while one
// refresh runs, stale while upstream fails. Time moves by the test's clock.
import { createBillingHandler } from "../../src/server";
import { json, startFaultServer } from "../helpers/fault-server";
import { within } from "../helpers/processes";
import { bench, CANARY, example, PAGE, view } from "./helpers";

test("GET answers the balance as JSON with a strong ETag, private Cache-Control with max-age, and Age; nothing of the browser's request goes upstream", async () => {
  const { handle, upstream } = await bench();
  const response = await handle(view("/api/billing?team=other&debug=1", { headers: { cookie: "session=abc", "x-forwarded-for": "1.2.3.4", authorization: "Bearer browser" } }));
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual(example);
  expect(response.headers.get("cache-control")).toBe("private, max-age=5");
  expect(response.headers.get("etag")).toMatch(/^"[\w-]{24}"$/);
  expect(response.headers.get("age")).toBe("0");
  const seen = upstream.requests[0]!;
  expect(seen.url).toBe("/user/credits/info");
  expect(seen.headers.authorization).toBe(`Bearer ${CANARY}`);
  expect(seen.headers.cookie).toBeUndefined();
  expect(seen.headers["x-forwarded-for"]).toBeUndefined();
});

test("a repeat request with the ETag in If-None-Match gets 304 with no body; a list, a weak tag and * match too; another tag does not", async () => {
  const { handle } = await bench();
  const etag = (await handle(view())).headers.get("etag")!;
  for (const ifNoneMatch of [etag, `"other", ${etag}`, `W/${etag}`, "*"]) {
    const again = await handle(view("/api/billing", { headers: { "if-none-match": ifNoneMatch } }));
    expect({ ifNoneMatch, status: again.status, body: await again.text(), etag: again.headers.get("etag") }).toEqual({ ifNoneMatch, status: 304, body: "", etag });
    expect(again.headers.get("cache-control")).toMatch(/^private, max-age=\d+$/);
  }
  expect((await handle(view("/api/billing", { headers: { "if-none-match": '"something-else"' } }))).status).toBe(200);
});

test("HEAD has the GET's status and headers, Content-Length included, and no body", async () => {
  const { handle } = await bench();
  const get = await handle(view());
  const body = await get.text();
  const head = await handle(view("/api/billing", { method: "HEAD" }));
  expect(head.status).toBe(200);
  expect(await head.text()).toBe("");
  expect(head.headers.get("content-length")).toBe(String(Buffer.byteLength(body)));
  for (const name of ["content-type", "etag", "cache-control"]) expect(head.headers.get(name)).toBe(get.headers.get(name));
});

test("a fresh answer is served to everyone for maxAgeSeconds with one upstream read; max-age counts down and Age up", async () => {
  const { handle, upstream, clock } = await bench({ maxAgeSeconds: 10 });
  await handle(view());
  clock.advance(4_000);
  const later = await handle(view());
  expect(later.headers.get("cache-control")).toBe("private, max-age=6");
  expect(later.headers.get("age")).toBe("4");
  clock.advance(5_999);
  await handle(view());
  expect(upstream.requests).toHaveLength(1);
});

test("once stale, the next viewer gets the stored answer at once while one refresh runs; the one after gets the new answer", async () => {
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  const newer = { ...example, credits: 99 };
  const { handle, upstream, clock } = await bench({}, json(200, example), (req, res, index, seen) => void held.then(() => json(200, newer)(req, res, index, seen)));
  await handle(view());
  clock.advance(6_000);
  const stale = await handle(view());
  // Served while the refresh is still held upstream.
  expect(await stale.json()).toEqual(example);
  expect(stale.headers.get("cache-control")).toBe("private, max-age=0");
  expect(stale.headers.get("age")).toBe("6");
  const alsoStale = await handle(view());
  expect(await alsoStale.json()).toEqual(example);
  // One refresh for both viewers; it reaches upstream after the stale answers went out.
  expect(await within(5_000, () => upstream.requests.length === 2)).toBe(true);
  release();
  expect(await within(5_000, async () => ((await (await handle(view())).json()) as { credits: number }).credits === 99)).toBe(true);
  expect(upstream.requests).toHaveLength(2);
});

test("when upstream fails, viewers get the last good answer with its Age for staleIfErrorSeconds, then the error", async () => {
  const { handle, upstream, clock } = await bench({ staleWhileRevalidateSeconds: 0, staleIfErrorSeconds: 60 }, json(200, example), json(500, { error: "boom" }));
  await handle(view());
  clock.advance(30_000);
  const stale = await handle(view());
  expect(stale.status).toBe(200);
  expect(await stale.json()).toEqual(example);
  expect(stale.headers.get("age")).toBe("30");
  expect(stale.headers.get("cache-control")).toBe("private, max-age=0");
  expect(upstream.requests).toHaveLength(3);
  // Upstream is left alone after the fault (10 s, doubling): the answer stays the stored one, with no upstream call.
  clock.advance(5_000);
  expect((await handle(view())).status).toBe(200);
  expect(upstream.requests).toHaveLength(3);
  clock.advance(60_000);
  const expired = await handle(view());
  expect(expired.status).toBe(502);
  // A third fault in a row: upstream is left alone for 20 s, and the browser is told so.
  expect(await expired.json()).toEqual({ error: "upstream_unavailable", status: 502, retryAfterSeconds: 20 });
  expect(expired.headers.get("retry-after")).toBe("20");
  expect(expired.headers.get("cache-control")).toBe("no-store");
});

test("a top-up through the route invalidates the stored answer: the next viewer reads upstream", async () => {
  const receipt = { success: true, payment_intent_id: "pi_1", credits: 10000 };
  const upstream = await startFaultServer((req, res, index, seen) => json(200, req.method === "POST" ? receipt : { ...example, credits: 12_500 + index })(req, res, index, seen));
  const handle = createBillingHandler({ apiKey: CANARY, baseUrl: upstream.url, allowTopup: true, authorize: () => true, now: () => 0 });
  expect(await (await handle(view())).json()).toMatchObject({ credits: 12_500 });
  expect(await (await handle(view())).json()).toMatchObject({ credits: 12_500 });
  const bought = await handle(view("/api/billing", { method: "POST", headers: { origin: PAGE, "content-type": "application/json" }, body: '{"credits":10000}' }));
  expect(bought.status).toBe(200);
  expect(await (await handle(view())).json()).toMatchObject({ credits: 12_502 });
  expect(upstream.requests.map((r) => r.method)).toEqual(["GET", "POST", "GET"]);
});
