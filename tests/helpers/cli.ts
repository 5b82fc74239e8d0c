// Runs the compiled olostep-billing bin as a child process, as a user's shell or CI job would.
import { spawn } from "node:child_process";
import { CLI_BIN as BIN } from "../../scripts/lib/paths";

export { BIN };

export type CliResult = { code: number | null; stdout: string; stderr: string };

export type CliOptions = {
  env?: Record<string, string | undefined>;
  input?: string;
  /** Run under a pseudo-terminal (util-linux `script`), so stdin and stdout are TTYs. */
  tty?: boolean;
};

/** Async on purpose: a fault server in this same process must keep answering while the CLI runs. */
export function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  const env: Record<string, string | undefined> = { ...process.env, OLOSTEP_API_KEY: undefined, OLOSTEP_BASE_URL: undefined, NO_COLOR: undefined, ...options.env };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const quoted = [process.execPath, BIN, ...args].map((part) => `'${part.replace(/'/g, "'\\''")}'`).join(" ");
  const child = options.tty
    ? spawn("script", ["-qec", quoted, "/dev/null"], { env, stdio: ["pipe", "pipe", "pipe"] })
    : spawn(process.execPath, [BIN, ...args], { env, stdio: ["pipe", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  if (options.input !== undefined) {
    // Under a pseudo-terminal the answer must come after the prompt, as a person would type it.
    setTimeout(() => child.stdin.end(options.input), options.tty ? 600 : 0);
  } else if (!options.tty) {
    child.stdin.end();
  }
  const killer = setTimeout(() => child.kill("SIGKILL"), 30_000);
  return new Promise((resolveResult) =>
    child.once("close", (code) => {
      clearTimeout(killer);
      resolveResult({ code, stdout, stderr });
    }),
  );
}
