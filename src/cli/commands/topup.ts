// `olostep-billing topup <amount>`: confirm, charge once under an Idempotency-Key, optionally wait for the credits.
import { createInterface } from "node:readline";
import { BillingError, ConnectionError, ERROR_CODES, IdempotencyError, readCredits, ServerError, TimeoutError } from "../../index.js";
import type { CommandContext, GlobalOptions, TopupArgs } from "../context.js";
import { CliError, exitCodeFor } from "../cli-error.js";
import { EXIT } from "../exit-codes.js";
import { line, type Io } from "../io.js";
import { withProgress } from "../progress.js";
import { commandLine, shellOf, type Shell } from "../shell.js";
import { formatNumber, shown } from "../terminal-text.js";

export async function topupCommand({ billing, io, globals, mock }: CommandContext, args: TopupArgs): Promise<number> {
  const amount = `${formatNumber(args.credits)} credits`;
  // parse() has refused a missing --yes when stdin is not a terminal, so a prompt can be answered here.
  if (!args.yes && !(await confirm(io, `Buy ${amount} with the team's saved card? [y/N] `))) {
    line(io.stderr, "cancelled: nothing was charged");
    return EXIT.notMet;
  }
  // Read before buying, so that --wait knows which balance means "the credits have landed".
  const before = args.wait ? readCredits(await billing.getCreditsInfo()).credits : 0;
  const receipt = await withProgress(`Buying ${amount}…`, () => billing.purchaseTopup(args.credits, { idempotencyKey: args.idempotencyKey }), io.stderr).catch(
    (error: unknown) => {
      throw uncertain(error) ? withRetryHint(error, args, globals, shellOf(io)) : error;
    },
  );
  line(io.stdout, `Payment succeeded: ${formatNumber(receipt.credits ?? args.credits)} credits (payment ${shown(receipt.payment_intent_id)}).`);
  if (!args.wait) {
    line(io.stdout, nextStep(globals, shellOf(io), mock?.stateful !== false));
    return EXIT.ok;
  }
  const target = before + args.credits;
  const info = await withProgress(`Waiting for the balance to reach ${formatNumber(target)}…`, () =>
    billing.waitForCredits({ atLeast: target, timeoutMs: args.waitTimeoutMs, intervalMs: args.waitIntervalMs }),
  io.stderr);
  line(io.stdout, `The credits have landed: the balance is ${formatNumber(readCredits(info).credits)} credits.`);
  return EXIT.ok;
}

/** Whether the purchase may have gone through: a retry is only safe with the same key. */
function uncertain(error: unknown): error is BillingError & { idempotencyKey: string } {
  if (!(error instanceof BillingError) || !error.idempotencyKey) return false;
  if (error instanceof ConnectionError) return error.code !== "ECONNREFUSED";
  if (error instanceof IdempotencyError) return error.code === ERROR_CODES.idempotencyInProgress;
  return error instanceof TimeoutError || error instanceof ServerError;
}

/**
 * The error, and what to run next. Against the API: the same purchase under the same key, which cannot charge twice.
 * Against --mock: that mock has stopped and nothing real was charged; the command to try again names --mock (and
 * the mock's options) so that pasting it can never reach the real API, whatever the environment holds.
 */
function withRetryHint(error: BillingError & { idempotencyKey: string }, args: TopupArgs, globals: GlobalOptions, shell: Shell): CliError {
  const retry = globals.mock
    ? ["olostep-billing", "--mock", ...globals.mockWords, "topup", String(args.credits), "--yes"]
    : ["olostep-billing", "topup", String(args.credits), "--yes", "--idempotency-key", error.idempotencyKey, ...(globals.baseUrl ? ["--base-url", globals.baseUrl] : [])];
  // The error's line has said what to do (retry under the same key, or wait and retry): this one gives the command for
  // it and what else it needs, without saying that again.
  const why = globals.mock
    ? "This ran against a mock that stopped with the command: nothing real was charged, and a new mock knows nothing of this key. To try again:"
    : globals.apiKey !== undefined
      ? "The same purchase under the same key cannot be charged twice; run it with the same --api-key as this command (not printed here; another team's key would be another purchase):"
      : "The same purchase under the same key cannot be charged twice; run it with the same OLOSTEP_API_KEY:";
  return new CliError(exitCodeFor(error), `${error.message}\n${why}\n  ${commandLine(shell, retry)}`);
}

/** After a purchase without --wait: how to see the credits land, true for where the purchase was made. */
function nextStep(globals: GlobalOptions, shell: Shell, stateful: boolean): string {
  // Nothing to follow there: the receipt was the spec's example, and no balance will show it.
  if (globals.mock && !stateful) return "This was the stateless mock: the receipt is the spec's example, and nothing was bought or kept.";
  if (!globals.mock) return `The credits are added once Stripe confirms the payment: check with \`${commandLine(shell, ["olostep-billing", "credits"])}\`, or use --wait.`;
  // Each --mock run has a mock of its own, so a later `--mock credits` would show a fresh balance, not this one.
  return `The mock stopped with this command, and this purchase with it: add --wait to watch the credits land, or keep one mock running with \`${commandLine(shell, ["olostep-billing", "mock"])}\` and point --base-url at it.`;
}

async function confirm(io: Io, question: string): Promise<boolean> {
  io.stderr.write(question);
  const reader = createInterface({ input: io.stdin, terminal: false });
  try {
    const answer = await new Promise<string>((resolve) => {
      reader.once("line", resolve);
      reader.once("close", () => resolve(""));
    });
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    reader.close();
  }
}
