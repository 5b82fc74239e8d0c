// Starts and stops Prism on 127.0.0.1: the one launcher behind the mock, the contract tests, `--mock` and the live check.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { buildMockSpec } from "./mock-spec.js";
import { loadSpec } from "../core/openapi/bundled.js";
import { prismCliPath, PrismStartError } from "./start-errors.js";
import { terminalText } from "../core/untrusted-text.js";
import { patientTimer } from "../core/patience.js";

export { PrismStartError } from "./start-errors.js";

const HOST = "127.0.0.1";
const READY_LINE = /Prism is listening on (http:\/\/\S+)/;
const EXIT_WITH_PARENT = resolve(__dirname, "exit-with-parent.cjs");

/** What `startPrism()` takes. */
export type PrismOptions = {
  /** Default: a free port chosen now. */
  port?: number;
  /** Gets Prism's own log lines (one request = several lines); default: kept only for error messages. */
  onLog?: (line: string) => void;
  /**
   * How long Prism may take to start on an idle machine (default 30 000). A busy machine stretches it by its load, and
   * it does not run out while Prism is still using CPU to start (up to ten times as long): see core/patience.ts.
   */
  startTimeoutMs?: number;
  /**
   * Proxy mode: forward every request to this server and check its answers against the spec (`prism proxy
   * --errors`); an answer of 501 makes Prism mock that request from the spec instead.
   */
  upstream?: string;
  /** Serve the mock-only scenarios (Prefer: example=<name>). Default: yes, unless proxying the real API. */
  scenarios?: boolean;
};

/** A Prism that `startPrism()` started. */
export type RunningPrism = {
  /** Where it listens (`http://127.0.0.1:<port>`). */
  url: string;
  /** Its port. */
  port: number;
  /** Its process id. */
  pid: number;
  /** Stops exactly the process this call started; resolves once it has exited. Safe to call twice. */
  stop(): Promise<void>;
};

/**
 * Prism alone, serving the spec's examples on 127.0.0.1 (or, with `upstream`, checking another server's answers
 * against the spec), with no state: what the contract tests run against. It ends with the process that started it.
 *
 * @throws MockStartError when Prism is not installed; PrismStartError when it would not start (nothing is left).
 */
export async function startPrism(options: PrismOptions = {}): Promise<RunningPrism> {
  // Before anything is created: a missing peer names its install command and leaves nothing behind.
  const cli = prismCliPath();
  // A port asked for and taken fails here, in milliseconds, rather than after Prism's seconds of start-up.
  if (options.port !== undefined) await ensurePortFree(options.port);
  const port = options.port ?? (await freePort());
  const workDir = mkdtempSync(join(tmpdir(), "olostep-billing-mock-"));
  const specFile = join(workDir, "billing.mock.json");
  writeFileSync(specFile, JSON.stringify(options.scenarios ?? true ? buildMockSpec(loadSpec()) : loadSpec()));
  const mode = options.upstream ? ["proxy", specFile, options.upstream] : ["mock", specFile];
  // No CORS: the API documents none and no OPTIONS, and a key belongs on a server, never in a browser (a preflight
  // gets the spec's 405, as from the MSW handlers).
  const cors = "--cors=false";
  const child = spawn(
    process.execPath,
    ["--require", EXIT_WITH_PARENT, cli, ...mode, "--host", HOST, "--port", String(port), "--errors", cors, "--multiprocess", "false"],
    {
      // Prism's package sends analytics through Scarf unless told not to. The IPC channel is the watchdog's tripwire.
      env: { ...process.env, SCARF_ANALYTICS: "false", FORCE_COLOR: "0", OLOSTEP_MOCK_WORK_DIR: workDir },
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    },
  );
  // The channel is not for messages: it must not keep this process alive.
  child.channel?.unref();
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  // Cleaning up belongs to the process's end, however it ends (the watchdog does it too when this process dies first).
  void exited.then(() => removeWorkDir(workDir));
  const stop = stopper(child, exited);
  try {
    const url = await waitUntilListening(child, port, options);
    return { url, port, pid: child.pid!, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Removes Prism's temporary directory. On Windows a file another process still holds (an antivirus scan, a slow exit)
 * makes rmSync throw EBUSY or EPERM: Node retries a few times, and what is still left then is left to the system's temp
 * cleaning rather than crashing the process that hosts the mock.
 */
export function removeWorkDir(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  } catch {
    // Left for the OS's temp cleaning: a temp file is no reason to end the user's process.
  }
}

/** Asks the OS for a port nobody uses now (Prism itself cannot report the port it picked from 0). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, HOST, () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

/** Rejects with a PrismStartError naming the port when something listens there already. */
function ensurePortFree(port: number): Promise<void> {
  return new Promise((resolveFree, reject) => {
    const probe = createServer();
    probe.once("error", (error: NodeJS.ErrnoException) =>
      reject(new PrismStartError(`Prism could not start on ${HOST}:${port}: ${error.code === "EADDRINUSE" ? "the port is in use (EADDRINUSE)" : error.message}`)),
    );
    probe.listen(port, HOST, () => probe.close(() => resolveFree()));
  });
}

function waitUntilListening(child: ChildProcess, port: number, options: PrismOptions): Promise<string> {
  const recent: string[] = [];
  const limit = options.startTimeoutMs ?? 30_000;
  return new Promise((resolveUrl, reject) => {
    let ready = false;
    const fail = (why: string) => {
      timer.cancel();
      const said = recent.filter((line) => /error|EADDRINUSE|fatal/i.test(line)).pop() ?? recent.at(-1) ?? "";
      reject(new PrismStartError(`Prism could not start on ${HOST}:${port}: ${why}${said ? ` (${terminalText(said.trim())})` : ""}`));
    };
    // A fixed 30 s is missed by a machine whose cores are all busy (Prism's start is seconds of CPU): the limit grows
    // with the load, and while Prism keeps working.
    const timer = patientTimer(limit, (waited) => fail(`not listening after ${waited} ms`), child.pid);
    const onLine = (line: string) => {
      if (ready) return options.onLog?.(line);
      recent.push(line);
      if (recent.length > 20) recent.shift();
      const match = READY_LINE.exec(line);
      if (match?.[1]) {
        ready = true;
        timer.cancel();
        resolveUrl(match[1]);
      }
    };
    forEachLine(child.stdout!, onLine);
    forEachLine(child.stderr!, onLine);
    child.once("exit", (code, signal) => {
      if (!ready) fail(`Prism exited (${signal ?? `code ${code}`})`);
    });
  });
}

/** Keeps reading the pipe whatever happens: a full pipe would stall Prism. */
function forEachLine(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let buffered = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split("\n");
    buffered = lines.pop() ?? "";
    for (const line of lines) onLine(line);
  });
}

function stopper(child: ChildProcess, exited: Promise<void>): () => Promise<void> {
  let stopping: Promise<void> | undefined;
  return () => {
    if (child.exitCode !== null || child.signalCode !== null) return exited;
    stopping ??= (async () => {
      child.kill("SIGTERM");
      const killTimer = setTimeout(() => child.kill("SIGKILL"), 3_000);
      await exited;
      clearTimeout(killTimer);
    })();
    return stopping;
  };
}
