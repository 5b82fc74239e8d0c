// Starts and stops Prism on 127.0.0.1: the one launcher behind `npm run mock`, the tests, `--mock` and the live check.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { buildMockSpec } from "./mock-spec";

export const DEFAULT_SPEC = resolve(__dirname, "..", "openapi", "billing.json");
const HOST = "127.0.0.1";
const READY_LINE = /Prism is listening on (http:\/\/\S+)/;

export type PrismOptions = {
  /** The spec to serve; default openapi/billing.json. Mock scenarios are added to a temporary copy. */
  spec?: string;
  /** Default: a free port chosen now. */
  port?: number;
  /** Gets Prism's own log lines (one request = several lines); default: kept only for error messages. */
  onLog?: (line: string) => void;
  /** How long Prism may take to start. */
  startTimeoutMs?: number;
  /**
   * Proxy mode: forward every request to this server and check its answers against the spec
   * (`prism proxy --errors`), instead of answering from the spec's examples.
   */
  upstream?: string;
};

export type RunningPrism = {
  url: string;
  port: number;
  pid: number;
  /** Stops exactly the process this call started; resolves once it has exited. Safe to call twice. */
  stop(): Promise<void>;
};

export class PrismStartError extends Error {
  override name = "PrismStartError";
}

export async function startPrism(options: PrismOptions = {}): Promise<RunningPrism> {
  const port = options.port ?? (await freePort());
  const workDir = mkdtempSync(join(tmpdir(), "olostep-billing-mock-"));
  const specFile = join(workDir, "billing.mock.json");
  // A proxy checks the real API against the vendor's spec as it stands: no mock-only scenarios in it.
  const specDoc = options.upstream ? JSON.parse(readFileSync(options.spec ?? DEFAULT_SPEC, "utf8")) : buildMockSpec(options.spec ?? DEFAULT_SPEC);
  writeFileSync(specFile, JSON.stringify(specDoc));
  const mode = options.upstream ? ["proxy", specFile, options.upstream] : ["mock", specFile];
  const child = spawn(
    process.execPath,
    [prismCli(), ...mode, "--host", HOST, "--port", String(port), "--errors"],
    // Prism's package sends analytics through Scarf unless told not to.
    { env: { ...process.env, SCARF_ANALYTICS: "false", FORCE_COLOR: "0" }, stdio: ["ignore", "pipe", "pipe"] },
  );
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  // If whoever started Prism exits without stopping it (a crash, process.exit), Prism goes with it.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  // Cleaning up belongs to the process's end, however it ends.
  void exited.then(() => {
    process.removeListener("exit", killOnExit);
    rmSync(workDir, { recursive: true, force: true });
  });
  const stop = stopper(child, exited);
  try {
    const url = await waitUntilListening(child, port, options);
    return { url, port, pid: child.pid!, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function prismCli(): string {
  return require.resolve("@stoplight/prism-cli/dist/index.js");
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

function waitUntilListening(child: ChildProcess, port: number, options: PrismOptions): Promise<string> {
  const recent: string[] = [];
  return new Promise((resolveUrl, reject) => {
    let ready = false;
    const fail = (why: string) => {
      clearTimeout(timer);
      const said = recent.filter((line) => /error|EADDRINUSE|fatal/i.test(line)).pop() ?? recent.at(-1) ?? "";
      reject(new PrismStartError(`Prism could not start on ${HOST}:${port}: ${why}${said ? ` (${said.trim()})` : ""}`));
    };
    const timer = setTimeout(() => fail(`not listening after ${options.startTimeoutMs ?? 30_000} ms`), options.startTimeoutMs ?? 30_000);
    const onLine = (line: string) => {
      if (ready) return options.onLog?.(line);
      recent.push(line);
      if (recent.length > 20) recent.shift();
      const match = READY_LINE.exec(line);
      if (match?.[1]) {
        ready = true;
        clearTimeout(timer);
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
