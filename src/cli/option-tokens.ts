// What is wrong with one option as parseArgs read it (unknown, missing its value, given one it does not take), in one
// line that names the option and the value. parse.ts refuses the command line with it.
import type { OptionSpec } from "./context.js";

/** One option as parseArgs' tokens give it. */
export type OptionToken = { name: string; rawName: string; value?: string | undefined; inlineValue?: boolean | undefined };

/** A value that starts with "-" and is a number (`-1`, `-0.5`): meant as the option's value, which its own check judges. */
const NEGATIVE_NUMBER = /^-(\d|\.\d)/;

export function optionTokenProblem(token: OptionToken, options: Record<string, OptionSpec>): string | undefined {
  const spec = Object.hasOwn(options, token.name) ? options[token.name] : undefined;
  // Lenient parsing keeps a stray `-x` of a group (`-yx`) under its own letter: rawName is what the user typed.
  if (!spec) return `unknown option "${token.rawName}"`;
  const flag = `--${token.name}`;
  if (spec.type === "boolean") return token.value === undefined ? undefined : `${flag} takes no value, not "${token.value}"`;
  if (token.value === undefined) return `${flag} needs a value (${spec.value ?? "a value"})`;
  // `--api-key --json`: the next word is an option, not this one's value (write --api-key=--json if it is).
  if (!token.inlineValue && token.value.startsWith("-") && !NEGATIVE_NUMBER.test(token.value)) {
    return `${flag} needs a value (${spec.value ?? "a value"}), not the option "${token.value}"; if that is the value, write ${flag}=${token.value}`;
  }
  return undefined;
}
