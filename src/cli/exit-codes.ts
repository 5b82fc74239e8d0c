// The CLI's exit codes with their meanings: --help prints them, docs/cli.md shows them, and the scripts' own table
// (scripts/tooling/exit-codes.ts) takes its numbers from here, so that one number means one thing everywhere.

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
  unavailable: "network, timeout, server error, an unreadable answer (check: one that does not say what it needs), or a mock that would not start",
  cooldown: "rate limited or in the top-up cooldown: the message gives the seconds to wait when the API gave them",
  refused: "refused by the API for another reason (another 4xx, an Idempotency-Key conflict)",
  exhausted: "the team's credits are exhausted: usage not allowed (check), or 402 credits_exhausted",
  internal: "an unexpected error (a bug in olostep-billing): its name and message; DEBUG=1 adds the stack",
};
