// The CLI's one error class, and which exit code each failure ends the process with.
import {
  ApiError,
  AuthenticationError,
  BillingError,
  ConfigurationError,
  InsufficientCreditsError,
  RateLimitError,
  ValidationError,
} from "../index.js";
import { EXIT } from "./exit-codes.js";

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

/**
 * What a failure says in the terminal: its message, and what --help promises for its exit code where the message alone
 * does not say it. Exit 5 promises the seconds to wait when the API gave them (the client's message then says "try
 * again in N s"); when it gave none, the line says so rather than leave the reader looking for a number.
 */
export function failureText(error: Error): string {
  if (error instanceof RateLimitError && error.retryAfterSeconds === undefined) {
    return `${error.message}; the API gave no time to wait: try again in a minute or more`;
  }
  return error.message;
}

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
