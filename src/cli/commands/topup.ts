// `olostep-billing topup <amount>`: confirm, charge once under an Idempotency-Key, optionally wait for the credits.
import { createInterface } from "node:readline";
import { BillingError, ConnectionError, ERROR_CODES, IdempotencyError, ServerError, TimeoutError } from "../../index.js";
import type { CommandContext, TopupArgs } from "../command-table.js";
import { CliError, EXIT, exitCodeFor } from "../exit-codes.js";
import { line, type Io } from "../io.js";
import { withProgress } from "../progress.js";
import { formatNumber, shown } from "../terminal-text.js";

export async function topupCommand({ billing, io, globals }: CommandContext, args: TopupArgs): Promise<number> {
  const amount = `${formatNumber(args.credits)} credits`;
  // parse() has refused a missing --yes when stdin is not a terminal, so a prompt can be answered here.
  if (!args.yes && !(await confirm(io, `Buy ${amount} with the team's saved card? [y/N] `))) {
    line(io.stderr, "cancelled: nothing was charged");
    return EXIT.notMet;
  }
  // Read before buying, so that --wait knows which balance means "the credits have landed".
  const before = args.wait ? (await billing.getCreditsInfo()).credits ?? 0 : 0;
  const receipt = await withProgress(`Buying ${amount}…`, () => billing.purchaseTopup(args.credits, { idempotencyKey: args.idempotencyKey }), io.stderr).catch(
    (error: unknown) => {
      throw uncertain(error) ? withRetryHint(error, args, globals.baseUrl) : error;
    },
  );
  line(io.stdout, `Payment succeeded: ${formatNumber(receipt.credits ?? args.credits)} credits (payment ${shown(receipt.payment_intent_id)}).`);
  if (!args.wait) {
    line(io.stdout, "The credits are added once Stripe confirms the payment: check with `olostep-billing credits`, or use --wait.");
    return EXIT.ok;
  }
  const target = before + args.credits;
  const info = await withProgress(`Waiting for the balance to reach ${formatNumber(target)}…`, () =>
    billing.waitForCredits({ atLeast: target, timeoutMs: args.waitTimeoutMs, intervalMs: args.waitIntervalMs }),
  io.stderr);
  line(io.stdout, `The credits have landed: the balance is ${formatNumber(info.credits ?? 0)} credits.`);
  return EXIT.ok;
}

/** Whether the purchase may have gone through: a retry is only safe with the same key. */
function uncertain(error: unknown): error is BillingError & { idempotencyKey: string } {
  if (!(error instanceof BillingError) || !error.idempotencyKey) return false;
  if (error instanceof ConnectionError) return error.code !== "ECONNREFUSED";
  if (error instanceof IdempotencyError) return error.code === ERROR_CODES.idempotencyInProgress;
  return error instanceof TimeoutError || error instanceof ServerError;
}

function withRetryHint(error: BillingError & { idempotencyKey: string }, args: TopupArgs, baseUrl: string | undefined): CliError {
  const command = ["olostep-billing", "topup", String(args.credits), "--yes", "--idempotency-key", error.idempotencyKey];
  if (baseUrl) command.push("--base-url", baseUrl);
  return new CliError(
    exitCodeFor(error),
    `${error.message}\nTo retry without paying twice, use the same idempotency key:\n  ${command.map(shellQuote).join(" ")}`,
  );
}

const shellQuote = (word: string) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`);

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
