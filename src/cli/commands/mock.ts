// `olostep-billing mock`: the stateful mock of the API on 127.0.0.1 until Ctrl-C, or until whatever started it ends.
import { STATEFUL_DEFAULTS as MOCK_DEFAULTS } from "../../../core/mock-defaults.js";
import { scenarioNames } from "../../../generated/named-answers.js";
import type { LocalContext, MockArgs } from "../context.js";
import { EXIT } from "../exit-codes.js";
import { line } from "../io.js";
import { untilStopped } from "../lifetime.js";
import { startCliMock } from "../mock-server.js";
import { commandLine, curlLine, quoteWord, shellOf, type Shell } from "../shell.js";
import { shown } from "../terminal-text.js";
import { terminalText } from "../../../core/untrusted-text.js";

export async function mockCommand({ io }: LocalContext, args: MockArgs): Promise<number> {
  const mock = await startCliMock({
    port: args.port,
    stateless: args.stateless,
    scenario: args.scenario,
    settleMs: args.settleMs,
    chargeMs: args.chargeMs,
    cooldownMs: args.cooldownMs,
    onRequest: args.quiet ? undefined : (seen) => line(io.stdout, `${seen.method} ${shown(seen.path)} → ${seen.status} (${Math.round(seen.ms)} ms)`),
    // Prism's lines quote the spec (its routes): escape sequences go whole, not just their ESC.
    onLog: args.verbose ? (text) => line(io.stdout, terminalText(text)) : undefined,
  });
  const state = args.stateless
    ? "stateless: every answer from the spec's examples"
    : `stateful: a balance per API key${args.scenario ? `, from scenario ${args.scenario}` : ""}; top-ups settle after ${(args.settleMs ?? MOCK_DEFAULTS.settleMs) / 1000} s`;
  line(io.stdout, `mock: the Olostep Balance & Billing API at ${mock.url} (${state})`);
  const shell = shellOf(io);
  line(io.stdout, `try:  ${curlLine(shell, "Authorization: Bearer any-key", `${mock.url}/user/credits/info`)}`);
  line(io.stdout, `      ${cliAgainst(shell, mock.url, !args.stateless, io.env)}`);
  // A key's scenario is the stateful mock's; the stateless one serves the same answers by name (Prefer: example=…).
  const named = args.stateless
    ? `a named answer: -H ${quoteWord(shell, "Prefer: code=<status>, example=<name>")} (${scenarioNames.join(", ")})`
    : `a scenario: an API key ending in ${scenarioNames.map((name) => `:${name}`).join(" or ")}`;
  line(io.stdout, `      a forced status: -H ${quoteWord(shell, "Prefer: code=500")}; ${named}`);
  line(io.stdout, "stop: Ctrl-C");
  const why = await untilStopped();
  await mock.stop();
  line(io.stderr, `mock: stopped (${why})`);
  return EXIT.ok;
}

/**
 * The CLI pointed at this mock. A POSIX shell sets variables for one command; cmd.exe and PowerShell would keep them
 * for the session (a real OLOSTEP_API_KEY overwritten, later commands sent to a mock that has stopped), so there the
 * same is said with options. The stateless mock's hint has no --wait: its balance never changes.
 */
function cliAgainst(shell: Shell, url: string, stateful: boolean, env: Record<string, string | undefined>): string {
  // --wait watches the credits land, which only a mock that keeps balances can show.
  const command = [...binCommand(env), "topup", "10000", "--yes", ...(stateful ? ["--wait"] : [])];
  if (shell === "posix") return `OLOSTEP_BASE_URL=${quoteWord(shell, url)} OLOSTEP_API_KEY=any-key ${commandLine(shell, command)}`;
  return commandLine(shell, [...command, "--base-url", url, "--api-key", "any-key"]);
}

/**
 * How to run the CLI where the mock was started: `npx olostep-billing` wherever the package is installed; in a clone of
 * this package itself (`npm run mock` there, which npm runs with npm_package_name set to ours), where npx finds no
 * installed bin, its `cli` script.
 */
function binCommand(env: Record<string, string | undefined>): string[] {
  return env.npm_package_name === "olostep-billing" ? ["npm", "run", "-s", "cli", "--"] : ["npx", "olostep-billing"];
}
