// Runs olostep-billing: in-process through run(argv, io) by default, or as the compiled bin (a terminal, signals, pipes).
import { spawn } from "node:child_process";
import { Readable } from "node:stream";
import { patientTimer, stretched } from "../../core/patience";
import { CLI_BIN as BIN } from "../../scripts/tooling/paths";
import { run } from "../../src/cli/run";

export { BIN };

/** Why the bin cannot be run on a terminal here: Windows has no script(1) to make a pseudo-terminal with. */
export const ptyMissing = process.platform === "win32" ? "no pseudo-terminal on Windows (script(1) is POSIX)" : undefined;
/** A test that needs the bin on a pseudo-terminal: skipped, and said so in its name, where there is none. */
export const ttyTest: jest.It = ptyMissing ? (((name: string, ...rest: unknown[]) => test.skip(`${name} (skipped: ${ptyMissing})`, ...(rest as []))) as jest.It) : test;

export type CliResult = { code: number | null; stdout: string; stderr: string };

export type CliOptions = {
  env?: Record<string, string | undefined>;
  input?: string;
  /** stdin, stdout and stderr are terminals: in-process as flags, with `bin` under a real pseudo-terminal. */
  tty?: boolean;
  /** Run the compiled bin as a child process, as a user's shell or CI job would. */
  bin?: boolean;
  /** In-process only: the platform the CLI believes it runs on (which shell its printed commands are for). */
  platform?: string;
};

function environment(options: CliOptions): Record<string, string> {
  const env: Record<string, string | undefined> = { ...process.env, OLOSTEP_API_KEY: undefined, OLOSTEP_BASE_URL: undefined, NO_COLOR: undefined, ...options.env };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  return env as Record<string, string>;
}

export function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  return options.bin ? runBin(args, options) : runInProcess(args, options);
}

async function runInProcess(args: string[], options: CliOptions): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const tty = options.tty ?? false;
  const stdin = Object.assign(Readable.from(options.input === undefined ? [] : [options.input]), { isTTY: tty });
  const code = await run(args, {
    stdout: { write: (text) => void (stdout += text), isTTY: tty },
    stderr: { write: (text) => void (stderr += text), isTTY: tty },
    stdin,
    env: environment(options),
    platform: options.platform,
  });
  return { code, stdout, stderr };
}

/** Async on purpose: a fault server in this same process must keep answering while the CLI runs. */
function runBin(args: string[], options: CliOptions): Promise<CliResult> {
  const env = environment(options);
  const quoted = [process.execPath, BIN, ...args].map((part) => `'${part.replace(/'/g, "'\\''")}'`).join(" ");
  const child = options.tty
    ? // util-linux's script takes the command as one string; BSD's (macOS) takes it as arguments after the file.
      spawn("script", process.platform === "darwin" ? ["-q", "/dev/null", process.execPath, BIN, ...args] : ["-qec", quoted, "/dev/null"], { env, stdio: ["pipe", "pipe", "pipe"] })
    : spawn(process.execPath, [BIN, ...args], { env, stdio: ["pipe", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  if (options.input !== undefined && options.tty) {
    // Under a pseudo-terminal the answer must come after the prompt, as a person would type it: once the bin has
    // written (the prompt is what it writes first), however long a busy machine takes to start it; a bin that writes
    // nothing gets the answer after a while (stretched by the load) rather than never.
    let typed = false;
    const type = () => void (typed || ((typed = true), child.stdin.end(options.input)));
    child.stdout.once("data", type);
    setTimeout(type, stretched(5_000)).unref();
  } else if (options.input !== undefined) {
    child.stdin.end(options.input);
  } else if (!options.tty) {
    child.stdin.end();
  }
  // A hung bin is killed once it has had 30 s on an idle machine, longer on a busy one or while it still works.
  const killer = patientTimer(30_000, () => child.kill("SIGKILL"), child.pid);
  return new Promise((resolveResult) =>
    child.once("close", (code) => {
      killer.cancel();
      resolveResult({ code, stdout, stderr });
    }),
  );
}
