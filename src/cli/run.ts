// olostep-billing as a function: parse, start the mock if asked, call, render; every failure is one line and an exit code.
import { cutKeys, terminalText } from "../../core/untrusted-text.js";
import { createBillingClient, VERSION } from "../index.js";
import { COMMANDS } from "./command-table.js";
import type { CommandContext, LocalContext } from "./context.js";
import { CliError, exitCodeFor, failureText, usageError } from "./cli-error.js";
import { EXIT } from "./exit-codes.js";
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
    const mock = globals.mock ? await import("./mock-server.js").then((m) => m.startCliMock(globals.mockSetup)) : undefined;
    try {
      const billing = createBillingClient({
        // The mock accepts any bearer token: the environment's key (a real one, likely) is not sent even to loopback;
        // a key given on this command line is (a key ending in `:exhausted` picks a scenario).
        apiKey: mock ? (globals.apiKey ?? "mock-key") : apiKey,
        baseUrl: mock?.url ?? globals.baseUrl ?? io.env.OLOSTEP_BASE_URL,
        timeoutMs: globals.timeoutMs,
      });
      return await handler({ billing, io, globals, mock }, parsed.args);
    } finally {
      await mock?.stop();
    }
  } catch (error) {
    return fail(io, error, secretsOf(argv, io));
  }
}

function fail(io: Io, error: unknown, secrets: string[]): number {
  const code = exitCodeFor(error);
  // The client has already stripped what servers said; this also covers text from the command line and Prism. An
  // error that is none of ours (a bug) is named, so that a report says what it was; its stack only with DEBUG.
  const text = code === EXIT.internal ? unexpected(error) : error instanceof Error ? failureText(error) : String(error);
  const message = cutKeys(text, secrets).split("\n").map(terminalText).join("\n");
  // A refusal of the command line is one line: the reason, then where the usage is.
  const hint = error instanceof CliError && code === EXIT.usage ? ` ${USAGE_HINT}` : "";
  line(io.stderr, `olostep-billing: ${styleFor(io.stderr, io.env).red(message)}${hint}`);
  if (code === EXIT.internal && error instanceof Error && io.env.DEBUG) line(io.stderr, cutKeys(error.stack ?? "", secrets).split("\n").map(terminalText).join("\n"));
  return code;
}

/** One line for a fault the CLI did not expect: the error's name and message (its first line), never more. */
function unexpected(error: unknown): string {
  const name = error instanceof Error ? error.name || "Error" : typeof error;
  const message = (error instanceof Error ? error.message : String(error)).split("\n")[0]!.slice(0, 500);
  return `unexpected ${name}: ${message} (a bug in olostep-billing; DEBUG=1 shows where)`;
}

/** The keys this run was given: an error we did not write could hold one, and nothing printed ever does. */
function secretsOf(argv: string[], io: Io): string[] {
  const given = argv.flatMap((word, index) => (word === "--api-key" ? [argv[index + 1]] : word.startsWith("--api-key=") ? [word.slice(10)] : []));
  return [...given, io.env.OLOSTEP_API_KEY].filter((key): key is string => typeof key === "string");
}
