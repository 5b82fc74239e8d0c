// What many viewers cost upstream: one read at a time, a struggling upstream left alone, a viewer's wait bounded, and a
// read cancelled only when nobody needs it. Viewers are Fetch requests to the handler; upstream is a real local server.
// Verdicts count requests and answers: none depends on how fast the machine is.
import { createBillingHandler } from "../../src/server";
import { hang, json } from "../helpers/fault-server";
import { bench, example, slowly, view } from "./helpers";
import { stretched } from "../../core/patience";

const statuses = async (responses: Response[]) => {
  const counts: Record<number, number> = {};
  for (const response of responses) counts[response.status] = (counts[response.status] ?? 0) + 1;
  return counts;
};

test("1,000 viewers at once, upstream answering in 50 ms: one upstream read, 1,000 answers, no error", async () => {
  const { handle, upstream } = await bench({}, slowly(50));
  const responses = await Promise.all(Array.from({ length: 1_000 }, () => handle(view())));
  expect(await statuses(responses)).toEqual({ 200: 1_000 });
  expect(new Set(await Promise.all(responses.map((r) => r.text())))).toEqual(new Set([JSON.stringify(example)]));
  expect(upstream.requests.length).toBeLessThanOrEqual(2);
});

test("200 viewers refreshing every second for 10 s: two upstream reads", async () => {
  const { handle, upstream, clock, settled } = await bench();
  for (let second = 0; second < 10; second++) {
    expect(await statuses(await Promise.all(Array.from({ length: 200 }, () => handle(view()))))).toEqual({ 200: 200 });
    clock.advance(1_000);
  }
  await settled();
  // The first read, and one refresh once the answer went stale after 5 s, fresh for the rest.
  expect(upstream.requests).toHaveLength(2);
});

describe("upstream answers 429 with Retry-After: 30", () => {
  const rateLimited = json(429, { error: "rate_limit_exceeded" }, { "retry-after": "30" });

  test("with no stored answer: every viewer gets 429 and a Retry-After at once; 50 pollers for 5 s and the minute after cost 1 upstream read", async () => {
    const { handle, upstream, clock } = await bench({}, rateLimited);
    const first = await handle(view());
    expect(first.status).toBe(429);
    expect(first.headers.get("retry-after")).toBe("30");
    expect(await first.json()).toEqual({ error: "rate_limited", status: 429, retryAfterSeconds: 30 });
    // 50 widget-like pollers every 250 ms for 5 s, then a minute with no viewer.
    for (let tick = 0; tick < 20; tick++) {
      const answers = await Promise.all(Array.from({ length: 50 }, () => handle(view())));
      expect(await statuses(answers)).toEqual({ 429: 50 });
      expect(Number(answers[0]!.headers.get("retry-after"))).toBe(30 - Math.floor((tick * 250) / 1000));
      clock.advance(250);
    }
    clock.advance(60_000);
    expect(upstream.requests).toHaveLength(1);
  });

  test("with a stored answer: viewers get it, with its Age, without a wait; upstream is not asked again before Retry-After has passed", async () => {
    const { handle, upstream, clock } = await bench({}, json(200, example), rateLimited, json(200, example));
    await handle(view());
    clock.advance(40_000);
    const answer = await handle(view());
    expect(answer.status).toBe(200);
    expect(answer.headers.get("age")).toBe("40");
    for (let tick = 0; tick < 20; tick++) {
      expect(await statuses(await Promise.all(Array.from({ length: 50 }, () => handle(view()))))).toEqual({ 200: 50 });
      clock.advance(250);
    }
    expect(upstream.requests).toHaveLength(2);
    // Past Retry-After (and its spread), the next viewer's read goes upstream again.
    clock.advance(30_000);
    await handle(view());
    expect(upstream.requests).toHaveLength(3);
  });

  test("a 503 with Retry-After opens the same cooldown", async () => {
    const { handle, upstream, clock } = await bench({}, json(503, { error: "maintenance" }, { "retry-after": "120" }));
    const first = await handle(view());
    expect([first.status, first.headers.get("retry-after")]).toEqual([502, "120"]);
    clock.advance(60_000);
    expect((await handle(view())).headers.get("retry-after")).toBe("60");
    expect(upstream.requests).toHaveLength(1);
  });
});

test("upstream hangs: every viewer is answered once the read's two attempts have timed out, one read shared by all, and its sockets go", async () => {
  // The runtime's fetch does the work; the wrapper keeps each attempt's signal, to count the attempts given up.
  const signals: AbortSignal[] = [];
  const watching = (url: string, init: RequestInit) => (signals.push(init.signal!), fetch(url, init));
  const { handle, upstream, clock } = await bench({ timeoutMs: 300, fetch: watching }, hang);
  const answers = await Promise.all(Array.from({ length: 50 }, () => handle(view())));
  expect(await statuses(answers)).toEqual({ 504: 50 });
  expect(await answers[0]!.json()).toEqual({ error: "upstream_timeout", status: 504, retryAfterSeconds: 10 });
  // Two attempts (the read and its one retry), each given up by its own deadline, whatever the machine's speed. They
  // are counted where the route's client makes them: on a starved machine an attempt's deadline may pass before the
  // upstream (in this same process) has read its request.
  expect(signals.map((signal) => signal.aborted)).toEqual([true, true]);
  expect(upstream.requests.length).toBeLessThanOrEqual(2);
  // Each timed-out attempt's socket is let go: the upstream ends up holding none. The test waits on the sockets' close
  // events, not on a clock (jest's timeout is the only bound).
  await upstream.socketsDownTo(0);
  expect(upstream.openSockets()).toBe(0);
  // While upstream is left alone (10 s, then 20 s), viewers are answered at once, and nothing goes upstream.
  for (let second = 0; second < 9; second++) {
    expect(await statuses(await Promise.all(Array.from({ length: 50 }, () => handle(view()))))).toEqual({ 504: 50 });
    clock.advance(1_000);
  }
  expect(signals).toHaveLength(2);
  clock.advance(1_000);
  await Promise.all(Array.from({ length: 50 }, () => handle(view())));
  expect(signals).toHaveLength(4);
  clock.advance(15_000);
  await handle(view());
  expect(signals).toHaveLength(4);
}, stretched(60_000));

test("a viewer who leaves stops waiting; the shared read is cancelled only when the last viewer has left", async () => {
  // The runtime's fetch does the work; the wrapper only keeps the signal the route's client hands it, to watch it.
  const signals: AbortSignal[] = [];
  const watching = (url: string, init: RequestInit) => (signals.push(init.signal!), fetch(url, init));
  const { handle, upstream, reached } = await bench({ timeoutMs: 60_000, fetch: watching }, hang);
  const viewers = [new AbortController(), new AbortController()];
  const answers = viewers.map((viewer) => handle(view("/api/billing", { signal: viewer.signal })));
  await reached(1);
  viewers[0]!.abort();
  expect((await answers[0]!).status).toBe(499);
  // The other viewer still waits on the same read.
  expect(signals.map((signal) => signal.aborted)).toEqual([false]);
  viewers[1]!.abort();
  expect((await answers[1]!).status).toBe(499);
  expect(signals[0]!.aborted).toBe(true);
  expect(upstream.requests).toHaveLength(1);
});

test("a viewer arriving after everyone left the read starts a read of its own, and gets the answer", async () => {
  const { handle, upstream, reached } = await bench({ timeoutMs: 60_000 }, hang, json(200, example));
  const leaving = new AbortController();
  const first = handle(view("/api/billing", { signal: leaving.signal }));
  await reached(1);
  leaving.abort();
  await first;
  const second = await handle(view());
  expect(second.status).toBe(200);
  expect(upstream.requests).toHaveLength(2);
});

test("defaults fit a route: 2 s per attempt, one retry, no sleeping on Retry-After, and a second's wait for a refresh", () => {
  const { HANDLER_DEFAULTS } = require("../../src/server") as typeof import("../../src/server");
  expect(HANDLER_DEFAULTS).toMatchObject({ timeoutMs: 2_000, maxRetries: 1, maxAgeSeconds: 5, refreshWaitMs: 1_000, basePath: "/api/billing" });
  expect(typeof createBillingHandler).toBe("function");
});
