// What the CLI's parts share: how an option and a command are described, what the global options hold once parsed, and
// what a command's handler is given. Types only: commands import this, never the table that loads them.
import type { ScenarioName } from "../../generated/named-answers.js";
import type { OperationName } from "../../generated/operations.js";
import type { BillingClient, TopupCredits } from "../index.js";
import type { Io } from "./io.js";

export type OptionSpec = { type: "string" | "boolean"; short?: string; value?: string; help: string };
export type Values = Record<string, string | boolean | undefined>;

/** How the mock is set up: the options of `mock`, which `--mock` takes too for the mock it starts for one command. */
export type MockSetup = { scenario?: ScenarioName; stateless: boolean; settleMs?: number; chargeMs?: number; cooldownMs?: number };

export type GlobalOptions = {
  apiKey?: string;
  baseUrl?: string;
  timeoutMs?: number;
  mock: boolean;
  /** The mock's options as given (with `--mock`): parsed, and as words, so that a printed command can repeat them. */
  mockSetup: MockSetup;
  mockWords: string[];
};

/** What a command that calls no API gets: where to write, and the global options. */
export type LocalContext = { io: Io; globals: GlobalOptions };
/** What a command's handler gets: a client for the chosen API (or the mock, then also `mock`), and where to write. */
export type CommandContext = LocalContext & { billing: BillingClient; mock?: { url: string; stateful: boolean } };

export type CommandSpec<Args> = {
  /** What follows the name in the help text. */
  synopsis: string;
  summary: string;
  /** The API operations the command calls (generated names), for the help text; none: it needs no key. */
  calls: readonly OperationName[];
  options: Record<string, OptionSpec>;
  /** Checks the command line before anything is started or sent; throws a usage error. */
  parse(values: Values, positionals: string[], io: Io): Args;
  /** Loaded only when the command runs, so --help and --version stay quick. */
  load(): Promise<(context: CommandContext, args: Args) => Promise<number>>;
};

export type MockArgs = MockSetup & { port: number; quiet: boolean; verbose: boolean };

export type TopupArgs = {
  credits: TopupCredits;
  yes: boolean;
  wait: boolean;
  waitTimeoutMs: number;
  waitIntervalMs: number;
  idempotencyKey?: string;
};
