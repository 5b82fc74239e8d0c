// Attempt time limits: each attempt is aborted once its own limit has passed, never before, never after it settled,
// on a timer set as it starts, so that a runtime which drops the timers of a request once it has answered (workerd,
// with or without nodejs_compat) still times out later requests. Time is driven by a test clock.
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { createDeadlines, type Clock } from "../../src/internal/deadlines";
import { stretched } from "../../core/patience";
import { REPO_ROOT } from "../../scripts/tooling/paths";

type TestTimer = { id: number; at: number; ms: number; callback: () => void; request: number; refresh?(): TestTimer };

/**
 * A clock whose time moves only when the test says; due timers run in order as it moves. `nodeStyle`: timers are
 * objects with refresh() (Node, Bun, workerd with nodejs_compat); else plain handles (Deno, workerd, browsers).
 * `answer()` ends the current request as workerd does: every timer set during it is dropped, never to fire, whether
 * or not it is later refreshed.
 */
function testClock(nodeStyle: boolean) {
  let now = 0;
  let request = 1;
  const timers = new Set<TestTimer>();
  const counts = { set: 0, cleared: 0 };
  const clock: Clock = {
    setTimeout: (callback, ms) => {
      counts.set++;
      const timer: TestTimer = { id: counts.set, at: now + ms, ms, callback, request };
      if (nodeStyle) {
        timer.refresh = () => {
          timer.at = now + timer.ms;
          if (timer.request === request) timers.add(timer);
          return timer;
        };
      }
      timers.add(timer);
      return nodeStyle ? timer : timer.id;
    },
    clearTimeout: (handle) => {
      counts.cleared++;
      for (const timer of timers) if (timer === handle || timer.id === handle) timers.delete(timer);
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
  const answer = () => {
    for (const timer of timers) if (timer.request === request) timers.delete(timer);
    request++;
  };
  return { clock, advance, answer, counts, pending: () => timers.size };
}

const reason = () => new DOMException("no answer within 100 ms", "TimeoutError");

describe.each([
  ["Node-style timers (Node, Bun, workerd with nodejs_compat)", true],
  ["plain timer handles (Deno, workerd, browsers)", false],
])("with %s", (_name, nodeStyle) => {
  test("each attempt is aborted when its own limit passes, not before, whatever the others do", () => {
    const { clock, advance } = testClock(nodeStyle);
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
    const { clock, advance } = testClock(nodeStyle);
    const deadlines = createDeadlines(100, reason, clock);
    const early = new AbortController();
    const earlyDeadline = deadlines.start(early);
    deadlines.settle(earlyDeadline);
    advance(60);
    const late = new AbortController();
    const lateDeadline = deadlines.start(late);
    // Settling the early attempt again (a late finally) must not touch the late one's timer.
    deadlines.settle(earlyDeadline);
    advance(99);
    expect([early.signal.aborted, late.signal.aborted]).toEqual([false, false]);
    advance(1);
    expect([late.signal.aborted, lateDeadline.expired]).toEqual([true, true]);
    // Settled after it expired (the attempt's finally runs after the abort): harmless.
    deadlines.settle(lateDeadline);
    expect([early.signal.aborted, earlyDeadline.expired]).toEqual([false, false]);
  });

  test("a client kept at module scope: requests that answer drop their timers, and later requests still time out after a pause", () => {
    const { clock, advance, answer } = testClock(nodeStyle);
    const deadlines = createDeadlines(100, reason, clock);
    for (const request of [1, 2, 3]) {
      deadlines.settle(deadlines.start(new AbortController()));
      const stalled = new AbortController();
      deadlines.start(stalled);
      advance(100);
      expect({ request, aborted: stalled.signal.aborted }).toEqual({ request, aborted: true });
      // The request has answered (with its timeout): workerd drops what it set; then a pause past the limit.
      answer();
      advance(1_500);
      // An attempt answered within its request, then a pause shorter than the limit: the same.
      deadlines.settle(deadlines.start(new AbortController()));
      answer();
      advance(50);
    }
  });

  test("every attempt sets one timer and clears it as it settles: none is left behind", () => {
    const { clock, advance, counts, pending } = testClock(nodeStyle);
    const deadlines = createDeadlines(30_000, reason, clock);
    const burst = Array.from({ length: 1_000 }, () => deadlines.start(new AbortController()));
    for (const deadline of burst) deadlines.settle(deadline);
    for (let i = 0; i < 100; i++) {
      deadlines.settle(deadlines.start(new AbortController()));
      advance(1);
    }
    expect(counts).toEqual({ set: 1_100, cleared: 1_100 });
    expect(pending()).toBe(0);
  });
});

test("a finished call leaves no timer holding the process: a 60 s timeout does not keep node alive", () => {
  // A child process makes one call against its own server and then has nothing left to do: the attempt's timer went
  // with the attempt and must not hold it.
  const script = `
    const { createServer } = require("node:http");
    const { createBillingClient } = require(${JSON.stringify(resolve(REPO_ROOT, "dist/cjs/src/index.js"))});
    const server = createServer((req, res) => { res.setHeader("content-type", "application/json"); res.end('{"credits":1}'); });
    server.listen(0, "127.0.0.1", async () => {
      const billing = createBillingClient({ apiKey: "k", baseUrl: "http://127.0.0.1:" + server.address().port, timeoutMs: 60000 });
      console.log(JSON.stringify(await billing.getCreditsInfo()));
      server.closeAllConnections();
      // Once the server has closed, what still holds the process: nothing, and no Timeout above all.
      server.close(() => console.log(JSON.stringify(process.getActiveResourcesInfo().filter((kind) => kind === "Timeout"))));
    });`;
  // The verdict is the count of timers left, read inside the child, not how long it took to end: a timer the call
  // left behind shows there, however fast or slow the machine. The kill limit only keeps a hang from blocking jest.
  const result = spawnSync(process.execPath, ["-e", script], { encoding: "utf8", timeout: stretched(60_000) });
  expect(result.stdout.trim().split("\n")).toEqual(['{"credits":1}', "[]"]);
  expect(result.status).toBe(0);
});
