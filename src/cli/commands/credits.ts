// `olostep-billing credits`: the balance as a summary, or the API's JSON unchanged with --json.
import type { BillingClient } from "../../index.js";
import type { Io } from "../io.js";
import { EXIT } from "../exit-codes.js";
import { withProgress } from "../progress.js";
import { renderCredits } from "../render-credits.js";

export async function creditsCommand(billing: BillingClient, io: Io, json: boolean): Promise<number> {
  const info = await withProgress("Reading the balance…", () => billing.getCreditsInfo());
  io.out(json ? JSON.stringify(info, null, 2) : renderCredits(info, io.style));
  return EXIT.ok;
}
