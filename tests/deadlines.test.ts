// Attempt time limits: each attempt is aborted once its own limit has passed, never before, never after it settled;
// timers are reused where they can be refreshed (Node), and each attempt has its own where they cannot (workerd,
// which drops a timer set during a request once that request has answered). Time is driven by a test clock.
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { createDeadlines, type Clock } from "../src/internal/deadlines";
import { REPO_ROOT } from "../scripts/tooling/paths";

type TestTimer = { at: number; ms: number; callback: () => void; live: boolean; refresh?(): void; ref(): void; unref(): void };

/**
 * A clock whose time moves only when the test says; due timers run in order as it moves. `refreshable`: timers are
 * objects with refresh() (Node, Bun); else they are plain handles (Deno, workerd, browsers).
 */
function testClock(refreshable: boolean) {
  let now = 0;
  const timers = new Set<TestTimer>();
  const counts = { created: 0, cleared: 0, refreshed: 0 };
  const clock: Clock = {
    now: () => now,
    setTimeout: (callback, ms) => {
      counts.created++;
      const timer: TestTimer = { at: now + ms, ms, callback, live: true, ref: () => undefined, unref: () => undefined };
      if (refreshable) {
        timer.refresh = () => {
          counts.refreshed++;
          timer.at = now + timer.ms;
          timer.live = true;
          timers.add(timer);
        };
      }
      timers.add(timer);
      return timer;
    },
    clearTimeout: (timer) => {
      counts.cleared++;
      timers.delete(timer as TestTimer);
    },
  };
  const nextDue = (until: number) => [...timers].filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
  const advance = (ms: number) => {
    const until = now + ms;
    for (let due = nextDue(until); due; due = nextDue(until)) {
      timers.delete(due);
      now = due.at;
      due.callback();
    }
    now = until;
  };
  /** What workerd does when a request has answered: every timer set meanwhile is dropped, never to fire. */
  const dropAll = () => timers.clear();
  return { clock, advance, dropAll, counts, pending: () => timers.size };
}

const reason = () => new DOMException("no answer within 100 ms", "TimeoutError");

describe.each([
  ["refreshable timers (Node, Bun)", true],
  ["plain timer handles (Deno, workerd, browsers)", false],
])("with %s", (_name, refreshable) => {
  test("each attempt is aborted when its own limit passes, not before, whatever the others do", () => {
    const { clock, advance } = testClock(refreshable);
    const deadlines = createDeadlines(100, reason, clock);
    const first = new AbortController();
    const second = new AbortController();
    const a = deadlines.start(first);
    advance(40);
    const b = deadlines.start(second);
    advance(59);
    expect([first.signal.aborted, second.signal.aborted]).toEqual([false, false]);
    advance(1);
    expect(first.signal.aborted).toBe(true);
    expect(first.signal.reason).toMatchObject({ name: "TimeoutError" });
    expect(a.expired).toBe(true);
    advance(39);
    expect(second.signal.aborted).toBe(false);
    advance(1);
    expect([second.signal.aborted, b.expired]).toEqual([true, true]);
  });

  test("an attempt that settled in time is never aborted, and a later one still gets its whole limit", () => {
    const { clock, advance } = testClock(refreshable);
    const deadlines = createDeadlines(100, reason, clock);
    const early = new AbortController();
    const earlyDeadline = deadlines.start(early);
    deadlines.settle(earlyDeadline);
    advance(60);
    const late = new AbortController();
    const lateDeadline = deadlines.start(late);
    // Settling the early attempt again (a late finally) must not touch the timer the late one now uses.
    deadlines.settle(earlyDeadline);
    advance(99);
    expect([early.signal.aborted, late.signal.aborted]).toEqual([false, false]);
    advance(1);
    expect(late.signal.aborted).toBe(true);
    deadlines.settle(lateDeadline);
    expect(early.signal.aborted).toBe(false);
  });
});

test("workerd, which drops every timer set during a request once it has answered: the second and third requests still time out", () => {
// workerd's timers are plain handles: a timer per attempt, set in the attempt's own request.
const { clock, advance, dropAll } = testClock(false);
  const deadlines = createDeadlines(100, reason, clock);
  for (const request of [1, 2, 3]) {
    const settled = deadlines.start(new AbortController());
    advance(10);
    deadlines.settle(settled);
    const stalled = new AbortController();
    deadlines.start(stalled);
    advance(100);
    expect({ request, aborted: stalled.signal.aborted }).toEqual({ request, aborted: true });
    // The request has answered (with its timeout): workerd drops what it set; then a pause.
    dropAll();
    advance(5_000);
  }
});

test("10,000 calls one after another over 100 s use one timer, refreshed once it has fired, where timers can be refreshed", () => {
  const { clock, advance, counts, pending } = testClock(true);
  const deadlines = createDeadlines(30_000, reason, clock);
  for (let i = 0; i < 10_000; i++) {
    deadlines.settle(deadlines.start(new AbortController()));
    advance(10);
  }
  // Armed at 0 s; it fires at 30, 60 and 90 s with nothing to guard, and the next call refreshes it each time.
  expect(counts).toEqual({ created: 1, cleared: 0, refreshed: 3 });
  expect(pending()).toBe(1);
});

test("an attempt that takes over a timer set for an earlier one still gets its whole limit", () => {
  const { clock, advance } = testClock(true);
  const deadlines = createDeadlines(100, reason, clock);
  deadlines.settle(deadlines.start(new AbortController()));
  advance(70);
  const late = new AbortController();
  deadlines.start(late);
  // The pooled timer comes due at 100 (the first attempt's limit); the late attempt's limit is 170.
  advance(99);
  expect(late.signal.aborted).toBe(false);
  advance(1);
  expect(late.signal.aborted).toBe(true);
});

test("where timers cannot be refreshed, each attempt sets its own and clears it as it settles", () => {
  const { clock, advance, counts, pending } = testClock(false);
  const deadlines = createDeadlines(30_000, reason, clock);
  for (let i = 0; i < 100; i++) {
    deadlines.settle(deadlines.start(new AbortController()));
    advance(1);
  }
  expect(counts).toEqual({ created: 100, cleared: 100, refreshed: 0 });
  expect(pending()).toBe(0);
});

test("a burst of 1,000 concurrent attempts keeps at most 16 timers once they have settled", () => {
  const { clock, counts, pending } = testClock(true);
  const deadlines = createDeadlines(30_000, reason, clock);
  const started = Array.from({ length: 1_000 }, () => deadlines.start(new AbortController()));
  for (const deadline of started) deadlines.settle(deadline);
  expect(counts.created).toBe(1_000);
  expect(pending()).toBe(16);
});

test("a finished call leaves no timer holding the process: a 60 s timeout does not keep node alive", () => {
  // A child process makes one call against its own server and then has nothing left to do; the timer kept for the
  // next attempt is unref'd and must not hold it.
  const script = `
    const { createServer } = require("node:http");
    const { createBillingClient } = require(${JSON.stringify(resolve(REPO_ROOT, "dist/cjs/src/index.js"))});
    const server = createServer((req, res) => { res.setHeader("content-type", "application/json"); res.end('{"credits":1}'); });
    server.listen(0, "127.0.0.1", async () => {
      const billing = createBillingClient({ apiKey: "k", baseUrl: "http://127.0.0.1:" + server.address().port, timeoutMs: 60000 });
      console.log(JSON.stringify(await billing.getCreditsInfo()));
      server.close();
      server.closeAllConnections();
    });`;
  const started = Date.now();
  const result = spawnSync(process.execPath, ["-e", script], { encoding: "utf8", timeout: 30_000 });
  expect(result.stdout.trim()).toBe('{"credits":1}');
  expect(result.status).toBe(0);
  expect(Date.now() - started).toBeLessThan(30_000);
});
