// The CLI's exit codes, and the one mapping from an error to its code.
import {
  ApiError,
  AuthenticationError,
  BillingError,
  ConfigurationError,
  RateLimitError,
  ValidationError,
} from "../index.js";

export const EXIT = {
  ok: 0,
  /** `check`: the balance or usage is not enough; `topup`: declined at the prompt. */
  notMet: 1,
  usage: 2,
  auth: 3,
  /** Network, timeout, server error, unreadable response, or a mock that would not start. */
  unavailable: 4,
  /** The top-up cooldown: the message gives the seconds to wait. */
  cooldown: 5,
  /** The API refused the request for another reason (another 4xx). */
  refused: 6,
  internal: 70,
} as const;

/** A mistake in the command line: exit 2 with the reason and the usage hint, nothing sent. */
export class UsageError extends Error {
  override name = "UsageError";
}

export function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError || error instanceof ConfigurationError || error instanceof ValidationError) return EXIT.usage;
  if (error instanceof AuthenticationError) return EXIT.auth;
  if (error instanceof RateLimitError) return EXIT.cooldown;
  if (error instanceof ApiError) return EXIT.refused;
  if (error instanceof BillingError) return EXIT.unavailable;
  // Matched by name: importing the class would load the mock launcher on every command's start-up.
  if ((error as { name?: string } | null)?.name === "PrismStartError") return EXIT.unavailable;
  return EXIT.internal;
}
