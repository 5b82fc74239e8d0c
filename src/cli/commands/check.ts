// `olostep-billing check --min N`: a pre-flight gate for CI before a large job. Exit 1: fewer credits than the job
// needs (a top-up helps); exit 7: usage is not allowed at all (the same code as a 402 credits_exhausted).
import { readCredits } from "../../index.js";
import type { CommandContext } from "../context.js";
import { EXIT } from "../exit-codes.js";
import { line } from "../io.js";
import { withProgress } from "../progress.js";
import { formatNumber } from "../terminal-text.js";

export async function checkCommand({ billing, io }: CommandContext, { min }: { min: number }): Promise<number> {
  const { credits, allow_usage } = readCredits(await withProgress("Checking the balance…", () => billing.getCreditsInfo(), io.stderr));
  const balance = `${formatNumber(credits)} credits, ${formatNumber(min)} required`;
  if (!allow_usage) {
    line(io.stderr, `exhausted: usage is not allowed for this team (${balance})`);
    return EXIT.exhausted;
  }
  if (credits < min) {
    line(io.stderr, `not enough: ${balance}`);
    return EXIT.notMet;
  }
  line(io.stdout, `ok: ${balance}`);
  return EXIT.ok;
}
