// `olostep-billing check --min N`: a pre-flight gate for CI before a large job. Exit 1: fewer credits than the job
// needs (a top-up helps); exit 7: usage is not allowed at all (the same code as a 402 credits_exhausted); exit 4: the
// answer did not say what the gate needs (whether usage is allowed, or the balance), so the gate does not open.
import { readCredits } from "../../index.js";
import type { CommandContext } from "../context.js";
import { EXIT } from "../exit-codes.js";
import { line } from "../io.js";
import { withProgress } from "../progress.js";
import { formatNumber } from "../terminal-text.js";

export async function checkCommand({ billing, io }: CommandContext, { min }: { min: number }): Promise<number> {
  const info = await withProgress("Checking the balance…", () => billing.getCreditsInfo(), io.stderr);
  const { credits, allow_usage } = readCredits(info);
  // readCredits counts a missing balance as 0; the gate says that the API did not give one rather than "0 credits".
  const said = typeof info.credits === "number" && Number.isFinite(info.credits);
  const balance = `${said ? `${formatNumber(credits)} credits` : "no balance given"}, ${formatNumber(min)} required`;
  if (allow_usage === false) {
    line(io.stderr, `exhausted: usage is not allowed for this team (${balance})`);
    return EXIT.exhausted;
  }
  // Exit 4, an answer the gate cannot read: not 1 (a top-up would not help) and not 7 (the API did not say exhausted).
  if (allow_usage === undefined) {
    line(io.stderr, `unknown: the API did not say whether usage is allowed for this team; check passes only when it says so (${balance})`);
    return EXIT.unavailable;
  }
  if (!said) {
    line(io.stderr, `unknown: the API did not say how many credits this team has; check passes only when it says so (${balance})`);
    return EXIT.unavailable;
  }
  if (credits < min) {
    line(io.stderr, `not enough: ${balance}`);
    return EXIT.notMet;
  }
  line(io.stdout, `ok: ${balance}`);
  return EXIT.ok;
}
