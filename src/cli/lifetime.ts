// How long a long-running command (mock, dashboard) lives: until a signal asks it to stop, or until the process that
// started it, or the one above that, is gone. npx and npm run a bin as npm → sh → node, and when npm is killed outright
// the shell lives on as this process's parent: only the grandparent's end says so. Who they are is read once, as the bin
// starts (main.ts imports this module first): read later, a parent killed in between would already be replaced, and
// nothing would be watched. Linux has /proc; macOS has `ps`; Windows has neither, and never re-parents a process, so
// there the parent is watched by its pid alone.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

/** A process watched: its pid and, where the system says it, its start time (a reused pid is not mistaken for it). */
export type Ancestor = { pid: number; started?: string };

/** How processes are looked up: by /proc, or portably (`ps` where there is one, and the pid's existence). */
export type ProcessLookup = {
  name: "proc" | "portable";
  /** A running process's parent and start time, as far as they can be said; undefined when it is not running. */
  describe(pid: number): { ppid?: number; started?: string } | undefined;
  /**
   * Whether the ancestor is still running: by /proc, still the same process (its start time); portably, a process with
   * its pid (asking `ps` every tick would start a process every 100 ms).
   */
  running(ancestor: Ancestor): boolean;
};

/** What untilStopped() watches: `gone()` says whether what started this process has ended. */
export type ParentWatch = { ancestors: Ancestor[]; gone(): boolean };

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
const WATCH_EVERY_MS = 100;
/** How long a graceful stop may take before the process exits anyway. */
const STOP_GRACE_MS = 3_000;

/** Linux's /proc (`root` is for tests: a root that is not there hides it); undefined where it cannot be read. */
export function procLookup(root = "/proc"): ProcessLookup | undefined {
  const stat = (pid: number | "self") => {
    try {
      const text = readFileSync(`${root}/${pid}/stat`, "utf8");
      // The command name (field 2) may hold spaces and parentheses: the fields after it start past the last ")".
      const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
      return { state: fields[0]!, ppid: Number(fields[1]), started: fields[19]! };
    } catch {
      return undefined;
    }
  };
  if (!stat("self")) return undefined;
  const describe = (pid: number) => {
    const info = stat(pid);
    return info && info.state !== "Z" ? { ppid: info.ppid, started: info.started } : undefined;
  };
  return { name: "proc", describe, running: ({ pid, started }) => describe(pid)?.started === started };
}

/** Where there is no /proc: `ps` (macOS, BSDs) for a parent and start time, asked once; the pid's existence after. */
export function portableLookup(ps: (pid: number) => string | undefined = runPs): ProcessLookup {
  return {
    name: "portable",
    describe(pid) {
      if (!exists(pid)) return undefined;
      const match = /^\s*(\d+)\s+(\S.*?)\s*$/.exec(ps(pid) ?? "");
      return match ? { ppid: Number(match[1]), started: match[2] } : {};
    },
    running: ({ pid }) => exists(pid),
  };
}

/** /proc where it can be read, the portable lookup elsewhere. */
export function defaultLookup(procRoot?: string): ProcessLookup {
  return procLookup(procRoot) ?? portableLookup();
}

/** The parent (`startedBy`) and, where the lookup can say who it is, the grandparent; watched from now on. */
export function watchParent(lookup: ProcessLookup, startedBy: number, currentParent: () => number = () => process.ppid): ParentWatch {
  const ancestors: Ancestor[] = [];
  for (let pid: number | undefined = startedBy, depth = 0; depth < 2 && pid !== undefined && pid > 1; depth++) {
    const info = lookup.describe(pid);
    if (!info) break;
    ancestors.push({ pid, started: info.started });
    pid = info.ppid;
  }
  // A changed ppid is the parent's end where processes are re-parented (Linux, macOS); the pid's end everywhere.
  return { ancestors, gone: () => currentParent() !== startedBy || !ancestors.every((ancestor) => lookup.running(ancestor)) };
}

const atStart = watchParent(defaultLookup(), process.ppid);

export type StopOptions = {
  /** What is watched; default: this process's parent and grandparent, read as the bin started. */
  watch?: ParentWatch;
  everyMs?: number;
  /** How long a graceful stop may take. */
  graceMs?: number;
  /** How the process ends when a graceful stop takes too long. */
  exit?: (code: number) => void;
};

/** Resolves with why the command should stop: the signal's name, or "its parent exited". */
export function untilStopped({ watch = atStart, everyMs = WATCH_EVERY_MS, graceMs = STOP_GRACE_MS, exit = (code) => process.exit(code) }: StopOptions = {}): Promise<string> {
  return new Promise((resolve) => {
    const handlers = SIGNALS.map((signal) => [signal, () => stop(signal)] as const);
    const timer = setInterval(() => {
      if (watch.gone()) stop("its parent exited");
    }, everyMs);
    function stop(why: string): void {
      clearInterval(timer);
      for (const [signal, handler] of handlers) process.removeListener(signal, handler);
      // Whatever happens to the graceful stop that follows, the process ends.
      setTimeout(() => exit(Number(process.exitCode ?? 0)), graceMs).unref();
      resolve(why);
    }
    for (const [signal, handler] of handlers) process.once(signal, handler);
  });
}

function exists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: there is such a process, owned by someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** `ps -o ppid=,lstart= -p PID`: "  123 Sun Dec  6 08:23:12 2026"; undefined where there is no ps (Windows). */
function runPs(pid: number): string | undefined {
  if (process.platform === "win32") return undefined;
  try {
    return execFileSync("ps", ["-o", "ppid=,lstart=", "-p", String(pid)], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], timeout: 2_000 });
  } catch {
    return undefined;
  }
}
