// How a value on the command line is read: whole numbers, seconds, ports, top-up amounts. Each refusal is a usage error
// (exit 2) in one line that names the option and the value.
import { isTopupAmount, MAX_TIMER_MS, TOPUP_CREDITS, type TopupCredits } from "../index.js";
import { usageError } from "./cli-error.js";

export function noPositionals(positionals: string[]): void {
  if (positionals.length > 0) throw usageError(`unexpected argument "${positionals[0]}"`);
}

export function wholeNumber(flag: string, value: string): number {
  const cleaned = value.replace(/[,_]/g, "");
  if (!/^\d+$/.test(cleaned)) throw usageError(`${flag} must be a non-negative whole number, not "${value}"`);
  return Number(cleaned);
}

/** A port to listen on: 0 (a free one) to 65535; `fallback` when the option is absent. */
export function port(flag: string, value: string | boolean | undefined, fallback: number): number {
  if (typeof value !== "string") return fallback;
  const number = wholeNumber(flag, value);
  if (number > 65_535) throw usageError(`${flag} must be from 0 to 65535, not "${value}"`);
  return number;
}

/** SECONDS on the command line, milliseconds inside; `fallback` (ms) when the option is absent. */
export function milliseconds(flag: string, value: string | boolean | undefined, fallback?: number): number {
  if (typeof value !== "string") return fallback!;
  const ms = Number(value) * 1000;
  if (value.trim() === "" || !Number.isFinite(ms) || ms <= 0) throw usageError(`${flag} must be a positive number of seconds, not "${value}"`);
  if (ms > MAX_TIMER_MS) throw usageError(`${flag} must be at most ${Math.floor(MAX_TIMER_MS / 1000)} seconds (the longest timer Node keeps), not "${value}"`);
  return ms;
}

export function topupAmount(value: string): TopupCredits {
  const amount = Number(value.replace(/[,_]/g, ""));
  if (!isTopupAmount(amount)) throw usageError(`topup amount must be one of ${TOPUP_CREDITS.join(", ")}, not "${value}"`);
  return amount;
}
