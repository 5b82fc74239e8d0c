// How long a long-running command (mock, dashboard) lives: until a signal asks it to stop, or until the process that
// started it, or the one above that, is gone. npx runs a bin as npm → sh → node, and when npm is killed outright the
// shell lives on as this process's parent: only the grandparent's end says so. Who they are is read once, as the bin
// starts (main.ts imports this module first): read later, a parent killed in between would already be replaced by
// init, and nothing would be watched.
import { readFileSync } from "node:fs";

type Ancestor = { pid: number; started: string };

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
const WATCH_EVERY_MS = 100;
/** How long a graceful stop may take before the process exits anyway. */
const STOP_GRACE_MS = 3_000;

const startedBy = process.ppid;
const ancestors = ancestry();

/** A process's state, parent and start time (Linux's /proc; elsewhere undefined, and only the parent is watched). */
function stat(pid: number): { state: string; ppid: number; started: string } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces and parentheses: the fields after it start past the last ")".
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return { state: fields[0]!, ppid: Number(fields[1]), started: fields[19]! };
  } catch {
    return undefined;
  }
}

/** The parent and the grandparent, each with its start time, so that a reused pid is not mistaken for it. */
function ancestry(): Ancestor[] {
  const found: Ancestor[] = [];
  for (let pid = startedBy, depth = 0; depth < 2 && pid > 1; depth++) {
    const info = stat(pid);
    if (!info) break;
    found.push({ pid, started: info.started });
    pid = info.ppid;
  }
  return found;
}

function stillThere({ pid, started }: Ancestor): boolean {
  const info = stat(pid);
  return info !== undefined && info.state !== "Z" && info.started === started;
}

/** Resolves with why the command should stop: the signal's name, or "its parent exited". */
export function untilStopped(): Promise<string> {
  return new Promise((resolve) => {
    const handlers = SIGNALS.map((signal) => [signal, () => stop(signal)] as const);
    const watch = setInterval(() => {
      if (process.ppid !== startedBy || !ancestors.every(stillThere)) stop("its parent exited");
    }, WATCH_EVERY_MS);
    function stop(why: string): void {
      clearInterval(watch);
      for (const [signal, handler] of handlers) process.removeListener(signal, handler);
      // Whatever happens to the graceful stop that follows, the process ends.
      setTimeout(() => process.exit(process.exitCode ?? 0), STOP_GRACE_MS).unref();
      resolve(why);
    }
    for (const [signal, handler] of handlers) process.once(signal, handler);
  });
}
