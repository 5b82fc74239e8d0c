// The route's answers as a browser's cache reads them (RFC 9111 §4.2 computed by ./browser-cache, never compared as
// strings), and how long a stored answer serves: fresh, stale while one refresh runs, stale while upstream fails.
// Time moves by the test's clock.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createBillingHandler, toNodeHandler } from "../../src/server";
import { hang, json, startFaultServer } from "../helpers/fault-server";
import { within } from "../helpers/processes";
import { currentAge, directives, freshnessLeft, freshnessLifetime, isFresh, staleWindowsLeft } from "./browser-cache";
import { bench, CANARY, example, PAGE, received, view } from "./helpers";

test("GET answers the balance as JSON with a strong ETag and private caching with the route's windows; nothing of the browser's request goes upstream", async () => {
  const { handle, upstream } = await bench();
  const response = await handle(view("/api/billing?team=other&debug=1", { headers: { cookie: "session=abc", "x-forwarded-for": "1.2.3.4", authorization: "Bearer browser" } }));
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual(example);
  expect(Object.fromEntries(directives(response.headers))).toEqual({ private: true, "max-age": "5", "stale-while-revalidate": "25", "stale-if-error": "300" });
  expect(response.headers.get("etag")).toMatch(/^"[\w-]{24}"$/);
  const seen = upstream.requests[0]!;
  expect(seen.url).toBe("/user/credits/info");
  expect(seen.headers.authorization).toBe(`Bearer ${CANARY}`);
  expect(seen.headers.cookie).toBeUndefined();
  expect(seen.headers["x-forwarded-for"]).toBeUndefined();
});

describe("read as a browser's cache reads it, the freshness is the route's own, ±1 s, at any point of the window", () => {
  // maxAge 10 s with a jitter of 3.7 % (random 0.37): the route holds the answer fresh for 9.63 s, then serves it while
  // one refresh runs for 20 s more. The refresh is held upstream, so that one stored answer is read across the window.
  const lifetime = 10 * (1 - 0.037);
  const swr = 20;
  const points = [0, 0.4, 1, 2.5, 4.99, 7, 9, 9.5, 9.62, 9.64, 10, 12.3, 20, 28.9, 29.6];

  test.each(points)("%s s after upstream answered", async (t) => {
    const { handle, clock, upstream } = await bench({ maxAgeSeconds: 10, staleWhileRevalidateSeconds: swr, random: () => 0.37, timeoutMs: 60_000 }, json(200, example), hang);
    const first = await received(handle, clock);
    clock.at(t * 1000);
    const now = clock.now();
    const later = await received(handle, clock);
    const truth = lifetime - t;
    for (const answer of [first, later]) {
      // The first answer kept in the cache until now, and a new request's answer, read at the same instant.
      expect(Math.abs(freshnessLeft(answer, now) - truth)).toBeLessThanOrEqual(1);
      expect(Math.abs(staleWindowsLeft(answer, now).whileRevalidate - (truth + swr))).toBeLessThanOrEqual(1);
      // Never fresher than the route holds it: a browser that thinks it fresh asks nobody.
      if (truth <= 0) expect(isFresh(answer, now)).toBe(false);
    }
    expect(later.response.status).toBe(200);
    // The route's own view, from the outside: upstream is asked again only once its answer is stale.
    if (truth > 0) expect(upstream.requests).toHaveLength(1);
    else expect(await within(5_000, () => upstream.requests.length === 2)).toBe(true);
  });

  test("an answer served stale while upstream fails says so; stale-if-error counts from its staleness, to the second the route serves it", async () => {
    const { handle, clock } = await bench({ maxAgeSeconds: 10, staleWhileRevalidateSeconds: 0, staleIfErrorSeconds: 60, maxRetries: 0 }, json(200, example), json(500, { error: "boom" }));
    await handle(view());
    for (const t of [12, 40, 69.9, 70]) {
      clock.at(t * 1000);
      const answer = await received(handle, clock);
      expect({ t, status: answer.response.status }).toEqual({ t, status: 200 });
      expect(isFresh(answer, clock.now())).toBe(false);
      expect(Math.abs(currentAge(answer, clock.now()) - t)).toBeLessThanOrEqual(1);
      expect(Math.abs(staleWindowsLeft(answer, clock.now()).ifError - (70 - t))).toBeLessThanOrEqual(1);
    }
    clock.at(70_001);
    expect((await handle(view())).status).toBe(502);
  });

  test("a 304 carries the same freshness as the 200 it revalidates", async () => {
    const { handle, clock } = await bench({ maxAgeSeconds: 10 });
    const first = await received(handle, clock);
    clock.at(4_000);
    const revalidated = await received(handle, clock, view("/api/billing", { headers: { "if-none-match": first.headers.get("etag")! } }));
    expect(revalidated.response.status).toBe(304);
    expect(freshnessLifetime(revalidated.headers)).toBe(freshnessLifetime(first.headers));
    expect(Math.abs(freshnessLeft(revalidated, clock.now()) - 6)).toBeLessThanOrEqual(1);
    expect(Math.abs(freshnessLeft(first, clock.now()) - 6)).toBeLessThanOrEqual(1);
  });

  test("through node:http, with the Date header and the exchange's own time, on the wall clock", async () => {
    let offset = 0;
    const upstream = await startFaultServer(json(200, example));
    const node = toNodeHandler(createBillingHandler({ apiKey: CANARY, baseUrl: upstream.url, maxAgeSeconds: 30, random: () => 0, now: () => Date.now() + offset, log: () => undefined }));
    const server = createServer(node);
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/billing`;
    try {
      await fetch(url).then((r) => r.arrayBuffer());
      offset = 12_000;
      const requestTime = Date.now();
      const response = await fetch(url);
      const answer = { headers: response.headers, requestTime, responseTime: Date.now() };
      expect(response.headers.get("date")).not.toBeNull();
      expect(Math.abs(freshnessLeft(answer, Date.now()) - 18)).toBeLessThanOrEqual(1);
    } finally {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
    }
  });
});

test("a repeat request with the ETag in If-None-Match gets 304 with no body; a list, a weak tag and * match too; another tag does not", async () => {
  const { handle } = await bench();
  const etag = (await handle(view())).headers.get("etag")!;
  for (const ifNoneMatch of [etag, `"other", ${etag}`, `W/${etag}`, "*"]) {
    const again = await handle(view("/api/billing", { headers: { "if-none-match": ifNoneMatch } }));
    expect({ ifNoneMatch, status: again.status, body: await again.text(), etag: again.headers.get("etag") }).toEqual({ ifNoneMatch, status: 304, body: "", etag });
    expect(freshnessLifetime(again.headers)).toBe(5);
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
  for (const name of ["content-type", "etag", "cache-control", "age"]) expect(head.headers.get(name)).toBe(get.headers.get(name));
});

test("zero windows are no permission: without stale-while-revalidate and stale-if-error the directives are left out", async () => {
  const { handle } = await bench({ staleWhileRevalidateSeconds: 0, staleIfErrorSeconds: 0 });
  expect([...directives((await handle(view())).headers).keys()]).toEqual(["private", "max-age"]);
});

test("a fresh answer is served to everyone for maxAgeSeconds with one upstream read", async () => {
  const { handle, upstream, clock } = await bench({ maxAgeSeconds: 10 });
  await handle(view());
  clock.advance(9_999);
  await handle(view());
  expect(upstream.requests).toHaveLength(1);
  clock.advance(1);
  await handle(view());
  expect(await within(5_000, () => upstream.requests.length === 2)).toBe(true);
});

test("once stale, the next viewer gets the stored answer at once while one refresh runs; the one after gets the new answer", async () => {
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  const newer = { ...example, credits: 99 };
  const { handle, upstream, clock } = await bench({}, json(200, example), (req, res, index, seen) => void held.then(() => json(200, newer)(req, res, index, seen)));
  await handle(view());
  clock.advance(6_000);
  const stale = await received(handle, clock);
  // Served while the refresh is still held upstream.
  expect(await stale.response.json()).toEqual(example);
  expect(isFresh(stale, clock.now())).toBe(false);
  expect(currentAge(stale, clock.now())).toBe(6);
  const alsoStale = await handle(view());
  expect(await alsoStale.json()).toEqual(example);
  // One refresh for both viewers; it reaches upstream after the stale answers went out.
  expect(await within(5_000, () => upstream.requests.length === 2)).toBe(true);
  release();
  expect(await within(5_000, async () => ((await (await handle(view())).json()) as { credits: number }).credits === 99)).toBe(true);
  expect(upstream.requests).toHaveLength(2);
});

test("past the stale-while-revalidate window, a viewer waits for the new answer instead of getting the old one", async () => {
  const { handle, upstream, clock } = await bench({ maxAgeSeconds: 5, staleWhileRevalidateSeconds: 10 }, json(200, example), json(200, { ...example, credits: 7 }));
  await handle(view());
  clock.at(15_000);
  expect(await (await handle(view())).json()).toEqual(example);
  clock.at(15_001);
  // The refresh begun at 15 s answered already: that is the new stored answer, fresh.
  await within(5_000, () => upstream.requests.length === 2);
  const fresh = await received(handle, clock);
  expect(await fresh.response.json()).toMatchObject({ credits: 7 });
  expect(isFresh(fresh, clock.now())).toBe(true);
});

test("when upstream fails, viewers get the last good answer for staleIfErrorSeconds, then the error with the backoff as Retry-After", async () => {
  const { handle, upstream, clock } = await bench({ staleWhileRevalidateSeconds: 0, staleIfErrorSeconds: 60 }, json(200, example), json(500, { error: "boom" }));
  await handle(view());
  clock.advance(30_000);
  const stale = await received(handle, clock);
  expect(stale.response.status).toBe(200);
  expect(await stale.response.json()).toEqual(example);
  expect(currentAge(stale, clock.now())).toBe(30);
  expect(isFresh(stale, clock.now())).toBe(false);
  expect(upstream.requests).toHaveLength(3);
  // Upstream is left alone after the fault (10 s, doubling): the answer stays the stored one, with no upstream call.
  clock.advance(5_000);
  expect((await handle(view())).status).toBe(200);
  expect(upstream.requests).toHaveLength(3);
  clock.advance(60_000);
  const expired = await handle(view());
  expect(expired.status).toBe(502);
  // A second failure in a row: upstream is left alone for 20 s, and the browser is told so.
  expect(await expired.json()).toEqual({ error: "upstream_unavailable", status: 502, retryAfterSeconds: 20 });
  expect(expired.headers.get("retry-after")).toBe("20");
  expect(freshnessLifetime(expired.headers)).toBe(0);
  expect(directives(expired.headers).has("no-store")).toBe(true);
});

test("a short key (a test's) is kept in bodies; PAGE is the page's origin", () => {
  expect(new URL(PAGE).origin).toBe(PAGE);
});
