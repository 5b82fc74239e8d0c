#!/usr/bin/env node
// olostep-billing: parse, call, render; every failure becomes one line on stderr and an exit code.
import { createBillingClient, VERSION } from "../index.js";
import { parseCommandLine, type Command, type GlobalOptions } from "./args.js";
import { checkCommand } from "./commands/check.js";
import { creditsCommand } from "./commands/credits.js";
import { topupCommand } from "./commands/topup.js";
import { EXIT, exitCodeFor, UsageError } from "./exit-codes.js";
import { processIo, type Io } from "./io.js";
import { USAGE, USAGE_HINT } from "./usage.js";

async function main(argv: string[], io: Io): Promise<number> {
  let parsed: { command: Command; options: GlobalOptions };
  try {
    parsed = parseCommandLine(argv);
  } catch (error) {
    return fail(io, error);
  }
  const { command, options } = parsed;
  if (command.name === "help" || command.name === "version") {
    io.out(command.name === "help" ? USAGE : VERSION);
    return EXIT.ok;
  }
  if (!options.mock && !options.apiKey && !process.env.OLOSTEP_API_KEY) {
    return fail(io, new UsageError("no API key: set OLOSTEP_API_KEY or pass --api-key (or try --mock)"));
  }
  // Nobody can answer a prompt in a pipeline: charging a card needs an explicit --yes there.
  if (command.name === "topup" && !command.yes && !process.stdin.isTTY) {
    return fail(io, new UsageError("topup charges the team's saved card: pass --yes when stdin is not a terminal"));
  }

  const mock = options.mock ? await import("./mock-server.js").then((m) => m.startMockForCommand()).catch((e: unknown) => e as Error) : undefined;
  if (mock instanceof Error) return fail(io, mock);
  try {
    const billing = createBillingClient({
      // The mock accepts any bearer token; a real key is never needed, nor sent anywhere but loopback.
      apiKey: options.apiKey ?? (mock ? "mock-key" : undefined),
      baseUrl: mock ? mock.url : options.baseUrl,
      timeoutMs: options.timeoutMs,
    });
    if (command.name === "credits") return await creditsCommand(billing, io, command.json);
    if (command.name === "check") return await checkCommand(billing, io, command.min);
    return await topupCommand(billing, io, command);
  } catch (error) {
    return fail(io, error);
  } finally {
    await mock?.stop();
  }
}

function fail(io: Io, error: unknown): number {
  const code = exitCodeFor(error);
  const message = error instanceof Error ? error.message : String(error);
  io.err(`olostep-billing: ${io.errStyle.red(message)}`);
  if (error instanceof UsageError) io.err(USAGE_HINT);
  if (code === EXIT.internal && error instanceof Error && process.env.DEBUG) io.err(error.stack ?? "");
  return code;
}

void main(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
