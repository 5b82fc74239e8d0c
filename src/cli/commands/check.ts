// `olostep-billing check --min N`: a pre-flight gate for CI before a large job.
import type { BillingClient } from "../../index.js";
import type { Io } from "../io.js";
import { EXIT } from "../exit-codes.js";
import { withProgress } from "../progress.js";
import { formatNumber } from "../style.js";

export async function checkCommand(billing: BillingClient, io: Io, min: number): Promise<number> {
  const info = await withProgress("Checking the balance…", () => billing.getCreditsInfo());
  const credits = info.credits ?? 0;
  const balance = `${formatNumber(credits)} credits, ${formatNumber(min)} required`;
  if (info.allow_usage === false) {
    io.err(`not enough: usage is not allowed for this team (${balance})`);
    return EXIT.notMet;
  }
  if (credits < min) {
    io.err(`not enough: ${balance}`);
    return EXIT.notMet;
  }
  io.out(`ok: ${balance}`);
  return EXIT.ok;
}
