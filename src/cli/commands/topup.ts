// `olostep-billing topup <amount>`: confirm, charge once, and optionally wait for the credits to land.
import { createInterface } from "node:readline/promises";
import type { BillingClient, TopupCredits } from "../../index.js";
import type { Io } from "../io.js";
import { EXIT } from "../exit-codes.js";
import { withProgress } from "../progress.js";
import { formatNumber } from "../style.js";

export type TopupRequest = { credits: TopupCredits; yes: boolean; wait: boolean; waitTimeoutMs: number; waitIntervalMs: number };

export async function topupCommand(billing: BillingClient, io: Io, request: TopupRequest): Promise<number> {
  const amount = `${formatNumber(request.credits)} credits`;
  // main() has refused a missing --yes when stdin is not a terminal, so a prompt can be answered here.
  if (!request.yes) {
    if (!(await confirm(`Buy ${amount} with the team's saved card? [y/N] `))) {
      io.err("cancelled: nothing was charged");
      return EXIT.notMet;
    }
  }
  // Read before buying, so that --wait knows which balance means "the credits have landed".
  const before = request.wait ? (await billing.getCreditsInfo()).credits ?? 0 : 0;
  const receipt = await withProgress(`Buying ${amount}…`, () => billing.purchaseTopup(request.credits));
  io.out(`Payment succeeded: ${formatNumber(receipt.credits ?? request.credits)} credits (payment ${receipt.payment_intent_id ?? "?"}).`);
  if (!request.wait) {
    io.out("The credits are added once Stripe confirms the payment: check with `olostep-billing credits`, or use --wait.");
    return EXIT.ok;
  }
  const target = before + request.credits;
  const info = await withProgress(`Waiting for the balance to reach ${formatNumber(target)}…`, () =>
    billing.waitForCredits({ atLeast: target, timeoutMs: request.waitTimeoutMs, intervalMs: request.waitIntervalMs }),
  );
  io.out(`The credits have landed: the balance is ${formatNumber(info.credits ?? 0)} credits.`);
  return EXIT.ok;
}

async function confirm(question: string): Promise<boolean> {
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await prompt.question(question)).trim());
  } finally {
    prompt.close();
  }
}
