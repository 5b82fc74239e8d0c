// olostep-billing as a function: parse, start the mock if asked, call, render; every failure is one line and an exit code.
import { createBillingClient, stripControls, VERSION } from "../index.js";
import { COMMANDS, type CommandContext, type LocalContext } from "./command-table.js";
import { CliError, EXIT, exitCodeFor, usageError } from "./exit-codes.js";
import { line, type Io } from "./io.js";
import { parseCommandLine } from "./parse.js";
import { styleFor } from "./style.js";
import { usage, USAGE_HINT } from "./usage.js";

/** Runs one command line; resolves with the exit code. The bin is `run(process.argv.slice(2), processIo())`. */
export async function run(argv: string[], io: Io): Promise<number> {
  try {
    const parsed = parseCommandLine(argv, io);
    if (parsed.kind !== "command") {
      line(io.stdout, parsed.kind === "help" ? usage() : VERSION);
      return EXIT.ok;
    }
    const { globals } = parsed;
    const command = COMMANDS[parsed.name];
    const handler = (await command.load()) as (context: CommandContext | LocalContext, args: unknown) => Promise<number>;
    // A command that calls no API (the mock itself) needs no key and no client.
    if (command.calls.length === 0) {
      if (globals.mock) throw usageError(`--mock does not apply to "${parsed.name}"`);
      return await handler({ io, globals }, parsed.args);
    }
    const apiKey = globals.apiKey ?? io.env.OLOSTEP_API_KEY;
    if (!globals.mock && !apiKey) throw new CliError(EXIT.auth, "no API key: set OLOSTEP_API_KEY or pass --api-key (or try --mock)");
    const mock = globals.mock ? await import("./mock-server.js").then((m) => m.startCliMock()) : undefined;
    try {
      const billing = createBillingClient({
        // The mock accepts any bearer token; a real key is never needed, nor sent anywhere but loopback.
        apiKey: apiKey ?? "mock-key",
        baseUrl: mock?.url ?? globals.baseUrl ?? io.env.OLOSTEP_BASE_URL,
        timeoutMs: globals.timeoutMs,
      });
      return await handler({ billing, io, globals, mock }, parsed.args);
    } finally {
      await mock?.stop();
    }
  } catch (error) {
    return fail(io, error);
  }
}

function fail(io: Io, error: unknown): number {
  const code = exitCodeFor(error);
  // The client has already stripped what servers said; this also covers text from the command line and Prism.
  const message = (error instanceof Error ? error.message : String(error)).split("\n").map(stripControls).join("\n");
  line(io.stderr, `olostep-billing: ${styleFor(io.stderr, io.env).red(message)}`);
  if (error instanceof CliError && code === EXIT.usage) line(io.stderr, USAGE_HINT);
  if (code === EXIT.internal && error instanceof Error && io.env.DEBUG) line(io.stderr, stripControls(error.stack ?? ""));
  return code;
}
