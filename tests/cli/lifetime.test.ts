// The long-running commands' lifetime (src/cli/lifetime.ts) with /proc hidden from it, as on macOS and Windows: the
// portable lookup finds the parent and grandparent and notices each one's end, on real processes.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { defaultLookup, portableLookup, procLookup, untilStopped, watchParent } from "../../src/cli/lifetime";
import { within } from "../helpers/processes";

/** A root with no /proc under it: what the lookup sees on macOS and Windows. */
const HIDDEN = "/nonexistent-proc-for-lifetime-tests";
const started: ChildProcess[] = [];
const orphans: number[] = [];
afterEach(() => {
  for (const child of started.splice(0)) child.kill("SIGKILL");
  for (const pid of orphans.splice(0)) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
});

/** A parent process that starts a child of its own: resolves with both, the child's pid as the parent printed it. */
async function parentAndChild(): Promise<{ parent: ChildProcess; child: number }> {
  const script = `const c = require("node:child_process").spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
console.log(c.pid); setInterval(() => {}, 1000);`;
  const parent = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  started.push(parent);
  const [chunk] = (await once(parent.stdout!, "data")) as [Buffer];
  const child = Number(chunk.toString().trim());
  orphans.push(child);
  return { parent, child };
}

async function killAndReap(child: ChildProcess): Promise<void> {
  const exited = once(child, "exit");
  child.kill("SIGKILL");
  await exited;
}

test("with /proc hidden, the portable lookup is the one used", () => {
  expect(procLookup(HIDDEN)).toBeUndefined();
  expect(defaultLookup(HIDDEN).name).toBe("portable");
});

test("without /proc, a parent that ends is noticed by its pid, even where pids are never re-parented (Windows)", async () => {
  const { parent } = await parentAndChild();
  // The watched process's ppid never changes here, as on Windows: only the pid's end can say the parent is gone.
  const watch = watchParent(portableLookup(), parent.pid!, () => parent.pid!);
  expect(watch.ancestors[0]!.pid).toBe(parent.pid);
  expect(watch.gone()).toBe(false);
  await killAndReap(parent);
  expect(await within(5_000, () => watch.gone())).toBe(true);
});

/** Where there is no ps to ask (Windows, a Linux without procps), there is no grandparent to find. */
const psMissing = spawnSync("ps", ["-o", "pid=", "-p", String(process.pid)]).status === 0 ? undefined : "no ps here";
(psMissing ? test.skip : test)(`without /proc, npm → sh → node with npm killed: ps names the grandparent, and its end is noticed while the parent lives on${psMissing ? ` (skipped: ${psMissing})` : ""}`, async () => {
  const { parent, child } = await parentAndChild();
  // The process being watched is a child of `child`: its parent is `child` (the shell), its grandparent `parent` (npm).
  const watch = watchParent(defaultLookup(HIDDEN), child, () => child);
  expect(watch.ancestors.map((ancestor) => ancestor.pid)).toEqual([child, parent.pid]);
  expect(watch.ancestors[1]!.started).toMatch(/\d{4}$/);
  expect(watch.gone()).toBe(false);
  await killAndReap(parent);
  expect(await within(5_000, () => watch.gone())).toBe(true);
  expect(portableLookup().running({ pid: child })).toBe(true);
});

test("a changed ppid (re-parented to init or a subreaper, as on Linux and macOS) is the parent's end", () => {
  let ppid = process.pid;
  const watch = watchParent(portableLookup(() => undefined), process.pid, () => ppid);
  expect(watch.gone()).toBe(false);
  ppid = 1;
  expect(watch.gone()).toBe(true);
});

const linux = process.platform === "linux" ? test : test.skip;
linux("with /proc, a pid taken by another process since is not mistaken for the parent (start times differ)", () => {
  const lookup = procLookup()!;
  expect(lookup.running({ pid: process.pid, started: lookup.describe(process.pid)!.started })).toBe(true);
  expect(lookup.running({ pid: process.pid, started: "0" })).toBe(false);
});

test("untilStopped resolves with why once the watch says the parent is gone, and ends the process when graceMs has passed, not before", async () => {
  jest.useFakeTimers();
  try {
    let gone = false;
    const exits: number[] = [];
    const stopped = untilStopped({ watch: { ancestors: [], gone: () => gone }, everyMs: 10, graceMs: 50, exit: (code) => exits.push(code) });
    gone = true;
    jest.advanceTimersByTime(10);
    await expect(stopped).resolves.toBe("its parent exited");
    // Nothing stops here: the grace runs out and the process would end, at graceMs and no sooner.
    jest.advanceTimersByTime(49);
    expect(exits).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(exits).toEqual([0]);
  } finally {
    jest.useRealTimers();
  }
});
