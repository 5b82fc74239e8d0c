// Every command and option of olostep-billing in one table: parsing, --help and dispatch all read it.
import { CONFIG_DEFAULTS, DEFAULT_BASE_URL, isTopupAmount, MAX_TIMER_MS, TOPUP_CREDITS, WAIT_DEFAULTS, type BillingClient, type TopupCredits } from "../index.js";
import type { OperationName } from "../../generated/operations.js";
import { usageError } from "./exit-codes.js";
// The mock's defaults, as data only: the help text must not load the mock (or Prism) to print them.
import { STATEFUL_DEFAULTS } from "../../mocks/stateful/defaults.js";
import { SCENARIOS as SCENARIO_DATA } from "../../mocks/scenarios.js";
import type { Io } from "./io.js";

export type OptionSpec = { type: "string" | "boolean"; short?: string; value?: string; help: string };
export type Values = Record<string, string | boolean | undefined>;

/** What a command that calls no API gets: where to write, and the global options. */
export type LocalContext = { io: Io; globals: GlobalOptions };
/** What a command's handler gets: a client for the chosen API (or the mock, then also `mock`), and where to write. */
export type CommandContext = LocalContext & { billing: BillingClient; mock?: { url: string } };

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

/** How the mock is set up: the options of `mock`, which `--mock` takes too for the mock it starts for one command. */
export type MockSetup = { scenario?: string; stateless: boolean; settleMs?: number; chargeMs?: number; cooldownMs?: number };

export type GlobalOptions = {
  apiKey?: string;
  baseUrl?: string;
  timeoutMs?: number;
  mock: boolean;
  /** The mock's options as given (with `--mock`): parsed, and as words, so that a printed command can repeat them. */
  mockSetup: MockSetup;
  mockWords: string[];
};

export const GLOBAL_OPTIONS: Record<string, OptionSpec> = {
  "api-key": { type: "string", value: "KEY", help: "default: OLOSTEP_API_KEY (never printed)" },
  "base-url": { type: "string", value: "URL", help: `default: OLOSTEP_BASE_URL, else ${DEFAULT_BASE_URL}` },
  timeout: { type: "string", value: "SECONDS", help: `per request attempt (default ${CONFIG_DEFAULTS.timeoutMs / 1000})` },
  mock: { type: "boolean", help: "run against a local stateful mock of the API (no key needed); takes mock's options: --mock --scenario exhausted" },
  help: { type: "boolean", short: "h", help: "this text" },
  version: { type: "boolean", short: "v", help: "the version" },
};

const { settleMs: MOCK_SETTLE_MS, chargeMs: MOCK_CHARGE_MS } = STATEFUL_DEFAULTS;
export const SCENARIOS = SCENARIO_DATA.map((scenario) => scenario.name);

/** The options that set the mock up: `mock`'s own, and global ones with `--mock`. */
export const MOCK_OPTIONS: Record<string, OptionSpec> = {
  scenario: { type: "string", value: "NAME", help: `every new API key starts from this scenario (${SCENARIOS.join(", ")}, or a named error answer of the spec)` },
  stateless: { type: "boolean", help: "remember nothing: every answer from the spec's examples" },
  "settle-ms": { type: "string", value: "MS", help: `how long a top-up stays Pending (default ${MOCK_SETTLE_MS})` },
  "charge-ms": { type: "string", value: "MS", help: `how long a charge takes (default ${MOCK_CHARGE_MS})` },
  "cooldown-ms": { type: "string", value: "MS", help: "the top-up cooldown (default the spec's 60 s)" },
};

/** The mock's options from the parsed command line; a usage error for an unknown scenario or a bad number. */
export function parseMockSetup(values: Values): MockSetup {
  const optionalMs = (flag: string) => (typeof values[flag] === "string" ? wholeNumber(`--${flag}`, values[flag] as string) : undefined);
  const scenario = typeof values.scenario === "string" ? values.scenario : undefined;
  if (scenario !== undefined && !SCENARIOS.includes(scenario)) {
    const known = [...SCENARIOS, ...namedErrorAnswerNames()];
    if (!known.includes(scenario)) throw usageError(`--scenario must be one of ${known.join(", ")}, not "${scenario}"`);
  }
  return { scenario, stateless: values.stateless === true, settleMs: optionalMs("settle-ms"), chargeMs: optionalMs("charge-ms"), cooldownMs: optionalMs("cooldown-ms") };
}

/**
 * The spec's named error answers (`credits_exhausted`, …), which the mock also takes as scenarios. Read only when a
 * scenario is not a balance one: the spec as data is not loaded for --help or a plain command.
 */
function namedErrorAnswerNames(): string[] {
  const { loadSpec, namedErrorAnswers } = require("../../mocks/spec.js") as typeof import("../../mocks/spec.js");
  return [...new Set(namedErrorAnswers(loadSpec()).map((answer) => answer.name))];
}

/** The mock's options that were given, as command-line words again (for a printed command that must set the mock up the same way). */
export function mockWords(values: Values): string[] {
  return Object.keys(MOCK_OPTIONS).flatMap((name) => {
    const value = values[name];
    return value === undefined || value === false ? [] : value === true ? [`--${name}`] : [`--${name}`, value];
  });
}

const defineCommand = <Args>(spec: CommandSpec<Args>) => spec;

export type MockArgs = MockSetup & { port: number; quiet: boolean; verbose: boolean };

export type TopupArgs = {
  credits: TopupCredits;
  yes: boolean;
  wait: boolean;
  waitTimeoutMs: number;
  waitIntervalMs: number;
  idempotencyKey?: string;
};

export const COMMANDS = {
  credits: defineCommand<{ json: boolean }>({
    synopsis: "",
    summary: "the balance: total, plan, and a table of credit lots",
    calls: ["GET /user/credits/info"],
    options: { json: { type: "boolean", help: "print the API's JSON unchanged" } },
    parse: (values, positionals) => (noPositionals(positionals), { json: values.json === true }),
    load: () => import("./commands/credits.js").then((m) => m.creditsCommand),
  }),
  check: defineCommand<{ min: number }>({
    synopsis: "--min N",
    summary: "exit 0 when usage is allowed and the balance is at least N; 1 when it is less, 7 when usage is not allowed",
    calls: ["GET /user/credits/info"],
    options: { min: { type: "string", value: "N", help: "the credits the job needs" } },
    parse: (values, positionals) => {
      noPositionals(positionals);
      if (typeof values.min !== "string") throw usageError("check needs --min N");
      return { min: wholeNumber("--min", values.min) };
    },
    load: () => import("./commands/check.js").then((m) => m.checkCommand),
  }),
  topup: defineCommand<TopupArgs>({
    synopsis: `<${TOPUP_CREDITS.join("|")}>`,
    summary: "buy credits with the team's saved card, once, under an Idempotency-Key",
    calls: ["POST /user/purchase-topup", "GET /user/credits/info"],
    options: {
      yes: { type: "boolean", short: "y", help: "do not ask first (required when stdin is not a terminal)" },
      wait: { type: "boolean", help: "then poll the balance until the credits land" },
      "wait-timeout": { type: "string", value: "SECONDS", help: `how long --wait waits (default ${WAIT_DEFAULTS.timeoutMs / 1000})` },
      "wait-interval": { type: "string", value: "SECONDS", help: `the pause between balance reads (default ${WAIT_DEFAULTS.intervalMs / 1000})` },
      "idempotency-key": { type: "string", value: "KEY", help: "retry an earlier top-up safely: the same key cannot buy twice" },
    },
    parse: (values, positionals, io) => {
      if (positionals.length !== 1) throw usageError(`topup needs one amount: ${TOPUP_CREDITS.join(", ")}`);
      // Nobody can answer a prompt in a pipeline: charging a card needs an explicit --yes there.
      if (values.yes !== true && !io.stdin.isTTY) throw usageError("topup charges the team's saved card: pass --yes when stdin is not a terminal");
      return {
        credits: topupAmount(positionals[0]!),
        yes: values.yes === true,
        wait: values.wait === true,
        waitTimeoutMs: milliseconds("--wait-timeout", values["wait-timeout"], WAIT_DEFAULTS.timeoutMs),
        waitIntervalMs: milliseconds("--wait-interval", values["wait-interval"], WAIT_DEFAULTS.intervalMs),
        idempotencyKey: typeof values["idempotency-key"] === "string" ? values["idempotency-key"] : undefined,
      };
    },
    load: () => import("./commands/topup.js").then((m) => m.topupCommand),
  }),
  dashboard: defineCommand<{ port: number; allowTopup: boolean }>({
    synopsis: "",
    summary: "a local page (127.0.0.1 or localhost) with the balance as bars per lot; the key stays in this process",
    calls: ["GET /user/credits/info", "POST /user/purchase-topup"],
    options: {
      port: { type: "string", value: "N", help: "the page's port (default 4020; 0 picks a free one)" },
      "allow-topup": { type: "boolean", help: "show a Buy credits button (always on with --mock)" },
    },
    parse: (values, positionals) => {
      noPositionals(positionals);
      const port = typeof values.port === "string" ? wholeNumber("--port", values.port) : 4020;
      if (port > 65_535) throw usageError(`--port must be from 0 to 65535, not "${values.port}"`);
      return { port, allowTopup: values["allow-topup"] === true };
    },
    load: () => import("./commands/dashboard.js").then((m) => m.dashboardCommand),
  }),
  mock: defineCommand<MockArgs>({
    synopsis: "",
    summary: "a stateful mock of the API on 127.0.0.1 until Ctrl-C; no key (needs @stoplight/prism-cli)",
    calls: [],
    options: {
      port: { type: "string", value: "N", help: "the mock's port (default 4010; 0 picks a free one)" },
      ...MOCK_OPTIONS,
      quiet: { type: "boolean", help: "no line per request" },
      verbose: { type: "boolean", help: "Prism's own log lines too" },
    },
    parse: (values, positionals) => {
      noPositionals(positionals);
      const port = typeof values.port === "string" ? wholeNumber("--port", values.port) : 4010;
      if (port > 65_535) throw usageError(`--port must be from 0 to 65535, not "${values.port}"`);
      return { port, ...parseMockSetup(values), quiet: values.quiet === true, verbose: values.verbose === true };
    },
    load: () => import("./commands/mock.js").then((m) => m.mockCommand),
  }),
};

export type CommandName = keyof typeof COMMANDS;

function noPositionals(positionals: string[]): void {
  if (positionals.length > 0) throw usageError(`unexpected argument "${positionals[0]}"`);
}

function wholeNumber(flag: string, value: string): number {
  const cleaned = value.replace(/[,_]/g, "");
  if (!/^\d+$/.test(cleaned)) throw usageError(`${flag} must be a non-negative whole number, not "${value}"`);
  return Number(cleaned);
}

/** SECONDS on the command line, milliseconds inside; `fallback` (ms) when the option is absent. */
export function milliseconds(flag: string, value: string | boolean | undefined, fallback?: number): number {
  if (typeof value !== "string") return fallback!;
  const ms = Number(value) * 1000;
  if (value.trim() === "" || !Number.isFinite(ms) || ms <= 0) throw usageError(`${flag} must be a positive number of seconds, not "${value}"`);
  if (ms > MAX_TIMER_MS) throw usageError(`${flag} must be at most ${Math.floor(MAX_TIMER_MS / 1000)} seconds (the longest timer Node keeps), not "${value}"`);
  return ms;
}

function topupAmount(value: string): TopupCredits {
  const amount = Number(value.replace(/[,_]/g, ""));
  if (!isTopupAmount(amount)) throw usageError(`topup amount must be one of ${TOPUP_CREDITS.join(", ")}, not "${value}"`);
  return amount;
}
