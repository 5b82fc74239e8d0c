// Parses the command line with node:util parseArgs against the command table; refuses anything malformed.
import { parseArgs } from "node:util";
import { milliseconds } from "./arguments.js";
import { COMMANDS, type CommandName } from "./command-table.js";
import type { GlobalOptions, OptionSpec } from "./context.js";
import { GLOBAL_OPTIONS, MOCK_OPTIONS, mockWords, parseMockSetup } from "./options.js";
import { usageError } from "./cli-error.js";
import type { Io } from "./io.js";

export type Parsed =
  | { kind: "help" | "version"; globals: GlobalOptions }
  | { kind: "command"; name: CommandName; args: unknown; globals: GlobalOptions };

// parseArgs needs every option up front; which ones a command accepts is checked after.
const ALL_OPTIONS: Record<string, OptionSpec> = Object.assign({}, GLOBAL_OPTIONS, MOCK_OPTIONS, ...Object.values(COMMANDS).map((command) => command.options));

export function parseCommandLine(argv: string[], io: Io): Parsed {
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({ args: argv, options: parseArgsOptions(ALL_OPTIONS), allowPositionals: true, strict: true });
  } catch (error) {
    throw usageError((error as Error).message.split("\n")[0]!);
  }
  const { values, positionals } = parsed;
  const globals: GlobalOptions = {
    apiKey: values["api-key"] as string | undefined,
    baseUrl: values["base-url"] as string | undefined,
    timeoutMs: values.timeout === undefined ? undefined : milliseconds("--timeout", values.timeout),
    mock: values.mock === true,
    mockSetup: { stateless: false },
    mockWords: [],
  };
  if (values.help) return { kind: "help", globals };
  if (values.version) return { kind: "version", globals };

  const [name, ...rest] = positionals;
  if (name === undefined) throw usageError("no command given");
  if (!Object.hasOwn(COMMANDS, name)) throw usageError(`unknown command "${name}"`);
  const command = COMMANDS[name as CommandName];
  for (const given of Object.keys(values)) {
    if (given in GLOBAL_OPTIONS || given in command.options) continue;
    // The mock's options set up the mock that --mock starts for this one command.
    if (given in MOCK_OPTIONS) {
      if (globals.mock) continue;
      throw usageError(`--${given} applies to "mock", or with --mock, not to "${name}" alone`);
    }
    throw usageError(`--${given} does not apply to "${name}"`);
  }
  if (globals.mock) Object.assign(globals, { mockSetup: parseMockSetup(values), mockWords: mockWords(values) });
  return { kind: "command", name: name as CommandName, args: command.parse(values, rest, io), globals };
}

function parseArgsOptions(options: Record<string, OptionSpec>) {
  return Object.fromEntries(Object.entries(options).map(([name, { type, short }]) => [name, short ? { type, short } : { type }]));
}
