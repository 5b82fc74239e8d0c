// The options every command takes, and those that set up the mock (`mock`'s own, and any command's with --mock).
import { STATEFUL_DEFAULTS } from "../../core/mock-defaults.js";
import { scenarioNames, type ScenarioName } from "../../generated/named-answers.js";
import { CONFIG_DEFAULTS, DEFAULT_BASE_URL } from "../index.js";
import { wholeNumber } from "./arguments.js";
import type { MockSetup, OptionSpec, Values } from "./context.js";
import { usageError } from "./cli-error.js";

export const GLOBAL_OPTIONS: Record<string, OptionSpec> = {
  "api-key": { type: "string", value: "KEY", help: "default: OLOSTEP_API_KEY (never printed)" },
  "base-url": { type: "string", value: "URL", help: `default: OLOSTEP_BASE_URL, else ${DEFAULT_BASE_URL}` },
  timeout: { type: "string", value: "SECONDS", help: `per request attempt (default ${CONFIG_DEFAULTS.timeoutMs / 1000})` },
  mock: { type: "boolean", help: "run against a local mock of the API, stateful unless --stateless (no key needed); takes mock's options: --mock --scenario exhausted" },
  help: { type: "boolean", short: "h", help: "this text" },
  version: { type: "boolean", short: "v", help: "the version" },
};

/** The options that set the mock up: `mock`'s own, and global ones with `--mock`. */
export const MOCK_OPTIONS: Record<string, OptionSpec> = {
  scenario: { type: "string", value: "NAME", help: `every new API key starts from this scenario: ${scenarioNames.join(", ")}` },
  stateless: { type: "boolean", help: "remember nothing: every answer from the spec's examples" },
  "settle-ms": { type: "string", value: "MS", help: `how long a top-up stays Pending (default ${STATEFUL_DEFAULTS.settleMs})` },
  "charge-ms": { type: "string", value: "MS", help: `how long a charge takes (default ${STATEFUL_DEFAULTS.chargeMs})` },
  "cooldown-ms": { type: "string", value: "MS", help: "the top-up cooldown (default the spec's 60 s)" },
};

/** The mock's options from the parsed command line; a usage error for an unknown scenario or a bad number. */
export function parseMockSetup(values: Values): MockSetup {
  const optionalMs = (flag: string) => (typeof values[flag] === "string" ? wholeNumber(`--${flag}`, values[flag] as string) : undefined);
  const scenario = typeof values.scenario === "string" ? values.scenario : undefined;
  if (scenario !== undefined && !(scenarioNames as readonly string[]).includes(scenario)) {
    throw usageError(`--scenario must be one of ${scenarioNames.join(", ")}, not "${scenario}"`);
  }
  // The stateless mock is Prism alone, answering from the spec's examples: no balance, no clock, no scenario to start from.
  const stateful = Object.keys(MOCK_OPTIONS).filter((name) => name !== "stateless" && values[name] !== undefined);
  if (values.stateless === true && stateful.length > 0) {
    throw usageError(`--${stateful[0]} does nothing with --stateless (the stateless mock keeps no balance and answers from the spec's examples); drop one of them`);
  }
  return { scenario: scenario as ScenarioName | undefined, stateless: values.stateless === true, settleMs: optionalMs("settle-ms"), chargeMs: optionalMs("charge-ms"), cooldownMs: optionalMs("cooldown-ms") };
}

/** The mock's options that were given, as command-line words again (for a printed command that must set the mock up the same way). */
export function mockWords(values: Values): string[] {
  return Object.keys(MOCK_OPTIONS).flatMap((name) => {
    const value = values[name];
    return value === undefined || value === false ? [] : value === true ? [`--${name}`] : [`--${name}`, value];
  });
}
