// core/patience.ts: a child's time limit is the idle one on an idle machine, grows with the load and while the child
// works, and still runs out for a child that does nothing or spins forever. Time, load and CPU are the test's own.
import { spawn } from "node:child_process";
import { cpuTimeMs, MAX_STRETCH, patientTimer, type Machine } from "../../core/patience";

/** A machine whose clock moves only when the test says; due timers run in order as it moves. */
function testMachine() {
  let now = 0;
  const state = { busy: 1, cpu: 0 as number | undefined };
  const timers = new Set<{ at: number; callback: () => void }>();
  const machine: Machine = {
    now: () => now,
    busyFactor: () => state.busy,
    cpuTimeMs: () => state.cpu,
    setTimeout: (callback, ms) => {
      const timer = { at: now + ms, callback };
      timers.add(timer);
      return timer;
    },
    clearTimeout: (timer) => void timers.delete(timer as never),
  };
  /** Moves the clock by `ms` in steps of one second, `during` each step (the child's CPU, the load) first. */
  const advance = (ms: number, during: () => void = () => undefined) => {
    for (const until = now + ms; now < until; ) {
      during();
      const step = Math.min(1_000, until - now);
      const stepEnd = now + step;
      for (let due = [...timers].find((t) => t.at <= stepEnd); due; due = [...timers].find((t) => t.at <= stepEnd)) {
        timers.delete(due);
        now = due.at;
        due.callback();
      }
      now = stepEnd;
    }
  };
  return { machine, state, advance, pending: () => timers.size };
}

function watch(base: number, machine: Machine) {
  const expired: number[] = [];
  const timer = patientTimer(base, (waited) => expired.push(waited), 1, machine);
  return { expired, timer };
}

test("on an idle machine a child that does nothing has exactly the idle limit", () => {
  const { machine, advance } = testMachine();
  const { expired } = watch(30_000, machine);
  advance(29_999);
  expect(expired).toEqual([]);
  advance(1);
  expect(expired).toEqual([30_000]);
});

test("on a machine four times busier than its cores, the limit is four times as long", () => {
  const { machine, state, advance } = testMachine();
  state.busy = 4;
  const { expired } = watch(30_000, machine);
  advance(119_000);
  expect(expired).toEqual([]);
  advance(1_000);
  expect(expired).toEqual([120_000]);
});

test("a child still using CPU is not given up, up to ten times the idle limit; one that stops is, soon after", () => {
  const working = testMachine();
  const spinning = watch(30_000, working.machine);
  working.advance(MAX_STRETCH * 30_000 - 1_000, () => void (working.state.cpu! += 100));
  expect(spinning.expired).toEqual([]);
  working.advance(1_000, () => void (working.state.cpu! += 100));
  expect(spinning.expired).toEqual([MAX_STRETCH * 30_000]);

  const stalling = testMachine();
  const stalled = watch(30_000, stalling.machine);
  stalling.advance(60_000, () => void (stalling.state.cpu! += 100));
  expect(stalled.expired).toEqual([]);
  // The child stops working: it is given up at the next look (every tenth of the limit).
  stalling.advance(3_000);
  expect(stalled.expired).toEqual([63_000]);
});

test("a cancelled timer never expires and leaves no timer behind", () => {
  const { machine, advance, pending } = testMachine();
  const { expired, timer } = watch(1_000, machine);
  timer.cancel();
  advance(60_000);
  expect([expired, pending()]).toEqual([[], 0]);
});

test("cpuTimeMs reads a live child's CPU time where /proc exists, and nothing once it is gone", async () => {
  const child = spawn(process.execPath, ["-e", "const end = process.cpuUsage().user + 200_000; while (process.cpuUsage().user < end); setInterval(() => {}, 1000)"], { stdio: "ignore" });
  try {
    if (cpuTimeMs(process.pid) === undefined) return expect(process.platform).not.toBe("linux");
    // The child has burnt at least 200 ms of CPU once its loop is done: wait on the reading, not on a clock.
    while ((cpuTimeMs(child.pid) ?? 0) < 200) await new Promise((resolve) => setImmediate(resolve));
    expect(cpuTimeMs(child.pid)).toBeGreaterThanOrEqual(200);
  } finally {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;
  }
  expect(cpuTimeMs(child.pid)).toBeUndefined();
});
