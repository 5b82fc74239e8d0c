// The --help text, rendered from the command table and the exit codes.
import { COMMANDS } from "./command-table.js";
import type { OptionSpec } from "./context.js";
import { GLOBAL_OPTIONS } from "./options.js";
import { EXIT, EXIT_MEANINGS } from "./exit-codes.js";
// Operation names are the spec's paths: printed through the one place that makes spec text safe for a terminal.
import { terminalText } from "../../core/untrusted-text.js";

const COLUMN = 26;

function row(left: string, right: string): string {
  return left.length < COLUMN - 2 || left === ""
    ? `  ${left.padEnd(COLUMN - 2)}${right}`
    : left.length < COLUMN - 2 ? `  ${left.padEnd(COLUMN - 2)}${right}` : `  ${left}\n${" ".repeat(COLUMN)}${right}`;
}

function optionRows(options: Record<string, OptionSpec>, indent = ""): string[] {
  return Object.entries(options).map(([name, option]) => {
    const flag = `${option.short ? `-${option.short}, ` : ""}--${name}${option.value ? ` ${option.value}` : ""}`;
    return row(`${indent}${flag}`, option.help);
  });
}

export function usage(): string {
  const commands = Object.entries(COMMANDS).flatMap(([name, command]) => [
    row(`${name}${command.synopsis ? ` ${command.synopsis}` : ""}`, command.summary),
    ...(command.calls.length ? [row("", `calls ${command.calls.map(terminalText).join(", ")}`)] : []),
    ...optionRows(Object.fromEntries(Object.entries(command.options).filter(([option]) => !command.synopsis.includes(`--${option}`))), "  "),
  ]);
  const exits = (Object.keys(EXIT) as (keyof typeof EXIT)[]).map((name) => `  ${String(EXIT[name]).padStart(2)}  ${EXIT_MEANINGS[name]}`);
  return ["Usage: olostep-billing <command> [options]", "", "Commands:", ...commands, "", "Options:", ...optionRows(GLOBAL_OPTIONS), "", "Exit codes:", ...exits].join("\n");
}

/** Ends a usage refusal, on its one line: where the usage is. */
export const USAGE_HINT = "(olostep-billing --help shows the usage)";
