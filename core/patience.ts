// How long to wait for a child process (Prism starting, a script under test): a limit meant for an idle machine,
// stretched by how busy the machine is and for as long as the child keeps using CPU. A loaded CI runner or laptop is
// then slower, not red; a child that neither progresses nor ends still fails, in time, naming how long it was given.
import { readFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";

/** At most this many times the idle limit, however busy the machine or the child: a child spinning forever fails too. */
export const MAX_STRETCH = 10;

/**
 * How many times more runnable work the machine has than cores, over the last minute: 1 when idle, or where the system
 * keeps no load average (Windows reports 0).
 */
export function busyFactor(): number {
  return Math.max(1, loadavg()[0]! / availableParallelism());
}

/** `baseMs` stretched by how busy the machine is now (at most MAX_STRETCH times): for a limit fixed when it is set. */
export function stretched(baseMs: number): number {
  return Math.round(baseMs * Math.min(MAX_STRETCH, busyFactor()));
}

/**
 * The CPU time (user and system, in ms) process `pid` has used, from Linux's /proc; undefined elsewhere or once it is
 * gone. utime and stime are in clock ticks, which Linux reports at 100 a second to user space (USER_HZ).
 */
export function cpuTimeMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The fields after the command name (which may hold spaces and parentheses): state is the first, utime the 12th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks * 10 : undefined;
  } catch {
    return undefined;
  }
}

/** CPU a child must have used since the last look to count as progressing: more than a sleeping process's crumbs. */
const PROGRESS_CPU_MS = 50;

export type PatientTimer = { cancel(): void };

/** What the timer looks at: the machine's own by default; tests pass their own clock, load and CPU readings. */
export type Machine = {
  now(): number;
  busyFactor(): number;
  cpuTimeMs(pid: number | undefined): number | undefined;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(timer: unknown): void;
};

const THIS_MACHINE: Machine = {
  now: () => Date.now(),
  busyFactor,
  cpuTimeMs,
  setTimeout: (callback, ms) => {
    const timer = setTimeout(callback, ms);
    // The wait keeps no process alive by itself (the child's pipes do, while it runs).
    timer.unref?.();
    return timer;
  },
  clearTimeout: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
};

/**
 * Calls `expire(waitedMs)` once the child has had its time: `baseMs` on an idle machine; on a busy one `baseMs` times
 * how busy it is (read when the limit comes, by when the load average has seen the load); and never while the child
 * `pid` is still using CPU (it is working, only slowly), up to MAX_STRETCH times `baseMs`.
 */
export function patientTimer(baseMs: number, expire: (waitedMs: number) => void, pid?: number, machine: Machine = THIS_MACHINE): PatientTimer {
  const started = machine.now();
  const lookEvery = Math.max(1_000, Math.round(baseMs / 10));
  let lastCpu = machine.cpuTimeMs(pid);
  let timer: unknown;
  const look = () => {
    const waited = machine.now() - started;
    const cpu = machine.cpuTimeMs(pid);
    const progressing = cpu !== undefined && lastCpu !== undefined && cpu - lastCpu >= PROGRESS_CPU_MS;
    lastCpu = cpu;
    const allowed = baseMs * Math.min(MAX_STRETCH, machine.busyFactor());
    if (waited >= baseMs * MAX_STRETCH || (waited >= allowed && !progressing)) return expire(waited);
    // Looked at again soon: the load and the child's CPU are read afresh each time.
    timer = machine.setTimeout(look, waited < allowed ? Math.min(lookEvery, Math.ceil(allowed - waited)) : lookEvery);
  };
  timer = machine.setTimeout(look, baseMs);
  return { cancel: () => machine.clearTimeout(timer) };
}
