// Looking at processes from outside: alive or not, a port that answers or refuses, a process's temporary directory.
// Linux's /proc; where there is none, `ps` (macOS); Windows has neither, and tests that need them say so and skip.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import { connect } from "node:net";
import { stretched } from "../../core/patience";

const HAS_PROC = existsSync("/proc/self/stat");

/** Why processes cannot be looked at from outside here; undefined where they can (Linux's /proc, or ps). */
export const processTableMissing = HAS_PROC || process.platform !== "win32" ? undefined : "no /proc and no ps on Windows";

/** Every process as ps sees it: pid, parent, state and command line (where there is no /proc). */
function psTable(): { pid: number; ppid: number; state: string; args: string }[] {
  const out = execFileSync("ps", ["-A", "-ww", "-o", "pid=,ppid=,stat=,args="], { encoding: "utf8" });
  return out.split("\n").flatMap((line) => {
    const match = /^\s*(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/.exec(line);
    return match ? [{ pid: Number(match[1]), ppid: Number(match[2]), state: match[3]!, args: match[4]! }] : [];
  });
}

/**
 * Running, not just present: a process whose parent died first is re-parented, and until that new parent reaps it
 * an exited process stays a zombie (state Z) that still answers kill(pid, 0).
 */
export function isAlive(pid: number): boolean {
  return statFields(pid)?.[0] !== undefined && statFields(pid)?.[0] !== "Z";
}

/** /proc/<pid>/stat from field 3 (state) on: the command name before it may hold spaces ("npm exec node …"). */
function statFields(pid: number): string[] | undefined {
  if (!HAS_PROC) {
    const row = psTable().find((candidate) => candidate.pid === pid);
    return row && [row.state.slice(0, 1), String(row.ppid)];
  }
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    return text.slice(text.lastIndexOf(")") + 2).split(" ");
  } catch {
    return undefined;
  }
}

export function portRefuses(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve(false)));
    socket.once("error", () => resolve(true));
  });
}

/** The mock's temporary spec directory, read off Prism's command line. */
export function workDirOf(pid: number): string {
  const args = HAS_PROC ? readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0") : (psTable().find((row) => row.pid === pid)?.args.split(" ") ?? []);
  return dirname(args.find((arg) => arg.endsWith("billing.mock.json"))!);
}

/**
 * Polls `check` until it holds or `withinMs` runs out; resolves with whether it held. `withinMs` is for an idle machine:
 * a busy one gets it stretched by its load (core/patience.ts), so that only what never happens fails.
 */
export async function within(withinMs: number, check: () => boolean | Promise<boolean>): Promise<boolean> {
  const deadline = Date.now() + stretched(withinMs);
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The parent pid of a process, from /proc; undefined once it is gone. */
export function parentOf(pid: number): number | undefined {
  const fields = statFields(pid);
  return fields ? Number(fields[1]) : undefined;
}

/** The pids of the node processes (not the npm or sh around them) whose command line matches. */
export function nodesMatching(pattern: RegExp): number[] {
  return pidsMatching(pattern).filter((pid) => readFileSync(`/proc/${pid}/comm`, "utf8").trim() === "node");
}

/** The pids of the processes whose command line matches. */
export function pidsMatching(pattern: RegExp): number[] {
  if (!HAS_PROC) return psTable().filter((row) => pattern.test(row.args)).map((row) => row.pid);
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return pattern.test(readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " "));
      } catch {
        return false;
      }
    })
    .map(Number);
}
