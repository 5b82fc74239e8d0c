// Attempt time limits on one shared timer: each attempt is aborted once its own limit has passed, never before,
// never after it settled, and an idle timer holds no process open. Time is driven by a test clock, not waited for.
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { createDeadlines, type Clock } from "../src/internal/deadlines";
import { REPO_ROOT } from "../scripts/tooling/paths";

/** A clock whose time moves only when the test says; due timers run in order as it moves. */
function testClock() {
  let now = 0;
  const timers: { at: number; callback: () => void }[] = [];
  const clock: Clock = {
    now: () => now,
    setTimeout: (callback, ms) => {
      const timer = { at: now + ms, callback, unref: () => timer, ref: () => timer };
      timers.push(timer);
      return timer;
    },
  };
  const advance = (ms: number) => {
    const until = now + ms;
    for (let due = nextDue(until); due; due = nextDue(until)) {
      timers.splice(timers.indexOf(due), 1);
      now = due.at;
      due.callback();
    }
    now = until;
  };
  const nextDue = (until: number) => timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
  return { clock, advance, pending: () => timers.length };
}

const reason = () => new DOMException("no answer within 100 ms", "TimeoutError");

test("each attempt is aborted when its own limit passes, not before, whatever the others do", () => {
  const { clock, advance } = testClock();
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
  const { clock, advance } = testClock();
  const deadlines = createDeadlines(100, reason, clock);
  const early = new AbortController();
  deadlines.settle(deadlines.start(early));
  advance(60);
  const late = new AbortController();
  const lateDeadline = deadlines.start(late);
  advance(99);
  expect([early.signal.aborted, late.signal.aborted]).toEqual([false, false]);
  advance(1);
  expect(late.signal.aborted).toBe(true);
  deadlines.settle(lateDeadline);
  expect(early.signal.aborted).toBe(false);
});

test("10,000 calls one after another arm one timer, not 10,000", () => {
  const { clock, advance, pending } = testClock();
  let armed = 0;
  const counting: Clock = { now: clock.now, setTimeout: (callback, ms) => (armed++, clock.setTimeout(callback, ms)) };
  const deadlines = createDeadlines(30_000, reason, counting);
  for (let i = 0; i < 10_000; i++) {
    deadlines.settle(deadlines.start(new AbortController()));
    advance(1);
  }
  expect(armed).toBe(1);
  expect(pending()).toBe(1);
});

test("a finished call leaves no timer holding the process: a 60 s timeout does not keep node alive", () => {
  // A child process makes one call against its own server and then has nothing left to do; a timer per attempt
  // cleared on settle never held it, and the shared timer must not either.
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
