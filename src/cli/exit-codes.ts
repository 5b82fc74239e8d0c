// The CLI's exit codes with their meanings (the help text prints them), its one error class, and the mapping.
import {
  ApiError,
  AuthenticationError,
  BillingError,
  ConfigurationError,
  InsufficientCreditsError,
  RateLimitError,
  ValidationError,
} from "../index.js";

export const EXIT = {
  ok: 0,
  notMet: 1,
  usage: 2,
  auth: 3,
  unavailable: 4,
  cooldown: 5,
  refused: 6,
  exhausted: 7,
  internal: 70,
} as const;

/** The one table of exit codes: --help prints it, the README shows it, and a test checks that both match. */
export const EXIT_MEANINGS: Record<keyof typeof EXIT, string> = {
  ok: "done",
  notMet: "check: fewer credits than --min; topup: declined at the prompt",
  usage: "a mistake on the command line or in the options; nothing was sent",
  auth: "the API key is missing, or the API refused it (401, 402)",
  unavailable: "network, timeout, server error, unreadable answer, or a mock that would not start",
  cooldown: "top-up cooldown: the message gives the seconds to wait",
  refused: "refused by the API for another reason (another 4xx, an Idempotency-Key conflict)",
  exhausted: "the team's credits are exhausted: usage not allowed (check), or 402 credits_exhausted",
  internal: "an unexpected error (a bug in olostep-billing): its name and message; DEBUG=1 adds the stack",
};

/** A failure the CLI reports as one line and an exit code; `usage` adds the hint to --help. */
export class CliError extends Error {
  override name = "CliError";
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
  }
}

export const usageError = (message: string) => new CliError(EXIT.usage, message);

export function exitCodeFor(error: unknown): number {
  if (error instanceof CliError) return error.exitCode;
  // A mock that would not start (Prism missing, its port taken): its own error class, from olostep-billing/mock.
  if ((error as Error | null)?.name === "MockStartError" || (error as Error | null)?.name === "PrismStartError") return EXIT.unavailable;
  if (error instanceof ConfigurationError || error instanceof ValidationError) return EXIT.usage;
  if (error instanceof AuthenticationError) return EXIT.auth;
  if (error instanceof InsufficientCreditsError) return EXIT.exhausted;
  if (error instanceof RateLimitError) return EXIT.cooldown;
  if (error instanceof ApiError) return EXIT.refused;
  if (error instanceof BillingError) return EXIT.unavailable;
  return EXIT.internal;
}
