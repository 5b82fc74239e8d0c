// Every exit code's message says what --help promises for it (EXIT_MEANINGS): every documented error answer of the spec
// and the faults the spec cannot show are run through the CLI, and each message is held to its exit code's promise. No
// message says a thing twice or shows a JavaScript property name.
import { Readable } from "node:stream";
import { COMMANDS, type CommandName } from "../../src/cli/command-table";
import { EXIT, EXIT_MEANINGS } from "../../src/cli/exit-codes";
import { run } from "../../src/cli/run";
import { TOPUP_CREDITS } from "../../src";
import { namedErrorAnswers } from "../../core/openapi/document";
import { runCli, type CliResult } from "../helpers/cli";
import { json, startFaultServer, type Handler } from "../helpers/fault-server";
import { exampleOf, loadSpec } from "../helpers/spec";

type ExitName = keyof typeof EXIT;
const spec = loadSpec();
const balance = exampleOf(spec, "/user/credits/info", "get", "200") as { credits: number };

/** What --help promises of each exit code's message, as a check of the message's first line (and the whole run). */
const PROMISES: Record<ExitName, (first: string, result: CliResult, seconds?: number) => boolean> = {
  ok: (_first, result) => result.stdout.length > 0,
  // The prompt and its answer share a line on a terminal: "Buy …? [y/N] cancelled: nothing was charged".
  notMet: (first) => /^not enough: [\d,]+ credits, [\d,]+ required$/.test(first) || /cancelled: nothing was charged$/.test(first),
  // A mistake on the command line: the option it is about, and the usage hint.
  usage: (first, result) => /--[a-z][\w-]*/.test(first) && result.stderr.includes("olostep-billing --help"),
  auth: (first) => /API key/.test(first),
  unavailable: (first) => /timed out|refused|connection|status 5\d\d|did not say|unreadable|would not start/.test(first),
  // The seconds to wait when the API gave them; when it gave none, a line that says so.
  cooldown: (first, _result, seconds) => (seconds === undefined ? /gave no time to wait/.test(first) : first.includes(`try again in ${seconds} s`)),
  refused: (first) => /status 4\d\d/.test(first),
  exhausted: (first) => /usage is not allowed|no credits left/.test(first),
  internal: (first) => /^olostep-billing: unexpected \w*Error: .+ \(a bug in olostep-billing; DEBUG=1 shows where\)$/.test(first),
};

/** The command that calls an operation first, with what it needs to run without a prompt. */
function commandFor(operation: string): string[] {
  const name = (Object.keys(COMMANDS) as CommandName[]).find((candidate) => COMMANDS[candidate].calls[0] === operation);
  if (name === undefined) throw new Error(`no command calls ${operation} first`);
  return name === "topup" ? [name, String(TOPUP_CREDITS[0]), "--yes"] : [name];
}

type Case = { name: string; run: () => Promise<CliResult>; seconds?: number };

const against = (handler: Handler, args: string[]) => async () => {
  const server = await startFaultServer(handler);
  // Run before any test, outside the servers' per-test clean-up: closed here.
  return runCli([...args, "--api-key", "k", "--base-url", server.url, "--timeout", "2"]).finally(() => server.close());
};

const cases: Case[] = [
  ...namedErrorAnswers(spec).map((answer) => ({
    name: `the spec's ${answer.status} ${answer.name} to ${answer.operation}`,
    run: against(json(answer.status, answer.body), commandFor(answer.operation)),
    seconds: (answer.body as { retry_after?: number }).retry_after,
  })),
  { name: "the balance", run: against(json(200, balance), ["credits"]) },
  { name: "check --min above the balance", run: against(json(200, balance), ["check", "--min", String(balance.credits + 1)]) },
  { name: "a top-up declined at the prompt", run: async () => runCli(["topup", String(TOPUP_CREDITS[0]), "--api-key", "k"], { tty: true, input: "n\n" }) },
  { name: "an unknown option", run: against(json(200, balance), ["credits", "--bogus"]) },
  { name: "a negative --timeout after a space", run: against(json(200, balance), ["credits", "--timeout", "-1"]) },
  { name: "a 401", run: against(json(401, {}), ["credits"]) },
  { name: "a 503", run: against(json(503, {}), ["credits"]) },
  // A charge whose outcome is unknown: the message and the retry command after it.
  { name: "the spec's 500 to a top-up", run: against(json(500, exampleOf(spec, "/user/purchase-topup", "post", "500")), commandFor("POST /user/purchase-topup")) },
  { name: "an answer that does not say whether usage is allowed, to check", run: against(json(200, { credits: balance.credits }), ["check", "--min", "1"]) },
  { name: "a 429 with Retry-After only", run: against(json(429, {}, { "retry-after": "7" }), commandFor("POST /user/purchase-topup")), seconds: 7 },
  { name: "a 404", run: against(json(404, {}), ["credits"]) },
  { name: "check when usage is not allowed", run: against(json(200, { ...balance, allow_usage: false }), ["check", "--min", "1"]) },
  {
    name: "a fault of ours (the terminal refuses output)",
    run: async () => {
      const server = await startFaultServer(json(200, balance));
      let stderr = "";
      const code = await run(["credits", "--api-key", "k", "--base-url", server.url], {
        stdout: { write: () => { throw new RangeError("the terminal refused"); }, isTTY: false },
        stderr: { write: (text) => void (stderr += text), isTTY: false },
        stdin: Object.assign(Readable.from([]), { isTTY: false }),
        env: {},
      });
      await server.close();
      return { code, stdout: "", stderr };
    },
  },
];

const results = new Map<string, CliResult>();
beforeAll(async () => {
  for (const each of cases) results.set(each.name, await each.run());
});

const nameOf = (code: number | null) => (Object.keys(EXIT) as ExitName[]).find((name) => EXIT[name] === code);

test.each(cases.map((each) => [each.name, each] as const))("%s: its message says what --help promises for its exit code", (_name, each) => {
  const result = results.get(each.name)!;
  const exit = nameOf(result.code);
  expect(exit).toBeDefined();
  const first = (result.code === EXIT.ok ? result.stdout : result.stderr).split("\n")[0]!;
  expect({ exit, meaning: EXIT_MEANINGS[exit!], first, kept: PROMISES[exit!](first, result, each.seconds) }).toMatchObject({ kept: true });
});

test("every exit code of --help is reached by one of these, so every promise is held to a message", () => {
  const reached = new Set([...results.values()].map((result) => nameOf(result.code)));
  expect((Object.keys(EXIT_MEANINGS) as ExitName[]).filter((name) => !reached.has(name))).toEqual([]);
});

test.each(cases.map((each) => [each.name, each] as const))("%s: no message says a thing twice or shows a property name", (_name, each) => {
  const result = results.get(each.name)!;
  // The printed command (indented) is for pasting; the sentences are for reading.
  const prose = (result.stdout + result.stderr).split("\n").filter((line) => !line.startsWith("  ")).join(" ");
  const words = prose.toLowerCase().replace(/[^\w\s-]/g, " ").split(/\s+/).filter(Boolean);
  const fours = words.slice(3).map((_word, index) => words.slice(index, index + 4).join(" "));
  expect(fours.filter((four, index) => fours.indexOf(four) !== index)).toEqual([]);
  expect(words.filter((word, index) => word === words[index + 1])).toEqual([]);
  // `error.idempotencyKey`, `retryAfterSeconds`: names from the code, not words.
  expect(prose.match(/\b\w+\.[a-z]+[A-Z]\w*\b|\b[a-z]+[A-Z][a-zA-Z]*\b/g) ?? []).toEqual([]);
});
