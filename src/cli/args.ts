// Parses the command line with node:util parseArgs and refuses anything malformed before a request is sent.
import { parseArgs } from "node:util";
import { purchaseTopupRequestCreditsValues } from "../../generated/billing.js";
import type { TopupCredits } from "../index.js";
import { UsageError } from "./exit-codes.js";

export type Command =
  | { name: "credits"; json: boolean }
  | { name: "check"; min: number }
  | { name: "topup"; credits: TopupCredits; yes: boolean; wait: boolean; waitTimeoutMs: number; waitIntervalMs: number }
  | { name: "help" }
  | { name: "version" };

export type GlobalOptions = { apiKey?: string; baseUrl?: string; timeoutMs?: number; mock: boolean };

const OPTIONS = {
  "api-key": { type: "string" },
  "base-url": { type: "string" },
  timeout: { type: "string" },
  mock: { type: "boolean" },
  json: { type: "boolean" },
  min: { type: "string" },
  yes: { type: "boolean", short: "y" },
  wait: { type: "boolean" },
  "wait-timeout": { type: "string" },
  "wait-interval": { type: "string" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
} as const;

/** Which command-specific options each command accepts; anything else is a usage error. */
const COMMAND_OPTIONS: Record<string, readonly string[]> = {
  credits: ["json"],
  check: ["min"],
  topup: ["yes", "wait", "wait-timeout", "wait-interval"],
};
const GLOBAL = new Set(["api-key", "base-url", "timeout", "mock", "help", "version"]);

export function parseCommandLine(argv: string[]): { command: Command; options: GlobalOptions } {
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; options: typeof OPTIONS; allowPositionals: true; strict: true }>>;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.split("\n")[0]!);
  }
  const { values, positionals } = parsed;
  const options: GlobalOptions = {
    apiKey: values["api-key"],
    baseUrl: values["base-url"],
    timeoutMs: values.timeout === undefined ? undefined : seconds("--timeout", values.timeout) * 1000,
    mock: values.mock ?? false,
  };
  if (values.help) return { command: { name: "help" }, options };
  if (values.version) return { command: { name: "version" }, options };

  const [name, ...rest] = positionals;
  if (name === undefined) throw new UsageError("no command given");
  const allowed = COMMAND_OPTIONS[name];
  if (!allowed) throw new UsageError(`unknown command "${name}"`);
  for (const given of Object.keys(values)) {
    if (!GLOBAL.has(given) && !allowed.includes(given)) throw new UsageError(`--${given} does not apply to "${name}"`);
  }
  if (name !== "topup" && rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);

  if (name === "credits") return { command: { name, json: values.json ?? false }, options };
  if (name === "check") {
    if (values.min === undefined) throw new UsageError("check needs --min N");
    return { command: { name, min: wholeNumber("--min", values.min) }, options };
  }
  if (rest.length !== 1) throw new UsageError(`topup needs one amount: ${purchaseTopupRequestCreditsValues.join(", ")}`);
  return {
    command: {
      name: "topup",
      credits: topupAmount(rest[0]!),
      yes: values.yes ?? false,
      wait: values.wait ?? false,
      waitTimeoutMs: seconds("--wait-timeout", values["wait-timeout"] ?? "120") * 1000,
      waitIntervalMs: seconds("--wait-interval", values["wait-interval"] ?? "3") * 1000,
    },
    options,
  };
}

function wholeNumber(flag: string, value: string): number {
  const cleaned = value.replace(/[,_]/g, "");
  if (!/^\d+$/.test(cleaned)) throw new UsageError(`${flag} must be a non-negative whole number, not "${value}"`);
  return Number(cleaned);
}

function seconds(flag: string, value: string): number {
  const number = Number(value);
  if (value.trim() === "" || !Number.isFinite(number) || number <= 0) {
    throw new UsageError(`${flag} must be a positive number of seconds, not "${value}"`);
  }
  return number;
}

function topupAmount(value: string): TopupCredits {
  const amount = Number(value.replace(/[,_]/g, ""));
  const allowed = purchaseTopupRequestCreditsValues as readonly number[];
  if (!allowed.includes(amount)) {
    throw new UsageError(`topup amount must be one of ${allowed.join(", ")}, not "${value}"`);
  }
  return amount as TopupCredits;
}
