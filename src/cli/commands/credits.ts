// `olostep-billing credits`: the balance as a summary, or the API's JSON unchanged with --json.
import type { CommandContext } from "../context.js";
import { EXIT } from "../exit-codes.js";
import { line } from "../io.js";
import { withProgress } from "../progress.js";
import { renderCredits } from "../render-credits.js";
import { styleFor } from "../style.js";
import { terminalJson } from "../terminal-text.js";

export async function creditsCommand({ billing, io }: CommandContext, { json }: { json: boolean }): Promise<number> {
  const info = await withProgress("Reading the balance…", () => billing.getCreditsInfo(), io.stderr);
  line(io.stdout, json ? terminalJson(info, 2) : renderCredits(info, styleFor(io.stdout, io.env)));
  return EXIT.ok;
}
