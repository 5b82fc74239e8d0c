// Parses the command line with node:util parseArgs against the command table; refuses anything malformed, in the CLI's
// own words: one line naming the option and the value.
import { parseArgs } from "node:util";
import { milliseconds } from "./arguments.js";
import { COMMANDS, type CommandName } from "./command-table.js";
import type { GlobalOptions, OptionSpec } from "./context.js";
import { GLOBAL_OPTIONS, MOCK_OPTIONS, mockWords, parseMockSetup } from "./options.js";
import { usageError } from "./cli-error.js";
import { optionTokenProblem } from "./option-tokens.js";
import type { Io } from "./io.js";

export type Parsed =
  | { kind: "help" | "version"; globals: GlobalOptions }
  | { kind: "command"; name: CommandName; args: unknown; globals: GlobalOptions };

// parseArgs needs every option up front; which ones a command accepts is checked after.
const ALL_OPTIONS: Record<string, OptionSpec> = Object.assign({}, GLOBAL_OPTIONS, MOCK_OPTIONS, ...Object.values(COMMANDS).map((command) => command.options));

export function parseCommandLine(argv: string[], io: Io): Parsed {
  const { values, positionals } = readCommandLine(argv);
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

/**
 * parseArgs in its lenient mode, then the CLI's own checks of each option it saw: strict mode would refuse in Node's
 * words (an unknown option's advice about `--`; "argument is ambiguous" for `--timeout -1`, where `--timeout=-1`
 * reaches the option's own check). Lenient, `--timeout -1` is the value "-1", refused like `--timeout=-1`.
 */
function readCommandLine(argv: string[]): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    const parsed = parseArgs({ args: argv, options: parseArgsOptions(ALL_OPTIONS), allowPositionals: true, strict: false, tokens: true });
    for (const token of parsed.tokens) {
      if (token.kind !== "option") continue;
      const problem = optionTokenProblem(token, ALL_OPTIONS);
      if (problem) throw usageError(problem);
    }
    return parsed;
  } catch (error) {
    // Lenient parseArgs refuses almost nothing; whatever it does refuse is still said in one line of ours.
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code === "string" && code.startsWith("ERR_PARSE_ARGS_")) throw usageError("the command line could not be read: check its options and their values");
    throw error;
  }
}

function parseArgsOptions(options: Record<string, OptionSpec>) {
  return Object.fromEntries(Object.entries(options).map(([name, { type, short }]) => [name, short ? { type, short } : { type }]));
}
