// Command-line mistakes: exit 2, one line of reason and the usage hint, and nothing sent.
import { runCli } from "../helpers/cli";
import { json, startFaultServer, type FaultServer } from "../helpers/fault-server";
import { exampleOf, loadSpec } from "../helpers/spec";

const example = exampleOf(loadSpec(), "/user/credits/info", "get", "200");
let server: FaultServer | undefined;

test.each([
  ["an unknown command", ["balance"], /unknown command "balance"/],
  ["an unknown option", ["credits", "--colour"], /^olostep-billing: unknown option "--colour" \(/],
  ["an unknown short option", ["credits", "-x"], /^olostep-billing: unknown option "-x" \(/],
  ["a string option followed by another option", ["credits", "--timeout", "--json"], /^olostep-billing: --timeout needs a value \(SECONDS\), not the option "--json"/],
  ["a boolean option given a value", ["credits", "--json=yes"], /^olostep-billing: --json takes no value, not "yes" \(/],
  ["an option of the mock for a command that calls the API", ["credits", "--verbose"], /--verbose does not apply to "credits"/],
  ["--min that is not a number", ["check", "--min", "lots"], /--min must be a non-negative whole number, not "lots"/],
  ["a negative --min", ["check", "--min=-5"], /--min must be a non-negative whole number, not "-5"/],
  ["check without --min", ["check"], /check needs --min N/],
  ["--timeout that is not positive", ["credits", "--timeout", "0"], /--timeout must be a positive number of seconds, not "0"/],
  ["--timeout that is not a number", ["credits", "--timeout", "soon"], /--timeout must be a positive number of seconds/],
  ["an option of another command", ["credits", "--min", "5"], /--min does not apply to "credits"/],
  ["a top-up amount outside the enum", ["topup", "12345", "--yes"], /one of 10000, 20000, 80000, 100000, not "12345"/],
  ["no command", [], /no command given/],
  ["a mock option without --mock", ["check", "--min", "1", "--scenario", "exhausted"], /--scenario applies to "mock", or with --mock, not to "check" alone/],
  ["an unknown scenario with --mock (before any mock starts)", ["--mock", "--scenario", "broke", "credits"], /--scenario must be one of [\w, -]+, not "broke"/],
  ["--wait against the stateless mock (before it starts)", ["--mock", "--stateless", "topup", "10000", "--yes", "--wait"], /^olostep-billing: --wait cannot see credits land on the stateless mock/],
  ["an option of the stateful mock with --stateless", ["--mock", "--stateless", "--scenario", "exhausted", "credits"], /^olostep-billing: --scenario does nothing with --stateless/],
  ["a mock option that is not a number with --mock", ["--mock", "--settle-ms", "soon", "credits"], /--settle-ms must be a non-negative whole number, not "soon"/],
])("%s exits 2 with one line: the reason and where the usage is, sending nothing", async (_name, args, reason) => {
  server = await startFaultServer(json(200, example));
  const result = await runCli([...args, "--api-key", "k", "--base-url", server.url]);
  expect(result.code).toBe(2);
  expect(result.stdout).toBe("");
  const [line, ...rest] = result.stderr.trimEnd().split("\n");
  expect(line).toMatch(reason);
  expect(line).toMatch(/ \(olostep-billing --help shows the usage\)$/);
  expect(rest).toEqual([]);
  expect(server.requests).toHaveLength(0);
});

// `--opt -1` is the value "-1", refused by the option's own check exactly as `--opt=-1` is (not "argument is ambiguous").
test.each([
  ["--timeout", ["credits"], "-1"],
  ["--min", ["check"], "-5"],
  ["--wait-timeout", ["topup", "10000", "--yes"], "-1"],
  ["--settle-ms", ["--mock", "credits"], "-1"],
])("%s with a negative value after a space: the same one line as with =, naming the option and the value, exit 2", async (flag, command, value) => {
  server = await startFaultServer(json(200, example));
  const spaced = await runCli([...command, flag, value, "--api-key", "k", "--base-url", server.url]);
  const joined = await runCli([...command, `${flag}=${value}`, "--api-key", "k", "--base-url", server.url]);
  expect(spaced).toEqual(joined);
  expect(spaced.code).toBe(2);
  const [reason, ...rest] = spaced.stderr.trimEnd().split("\n");
  expect(reason).toContain(flag);
  expect(reason).toContain(`"${value}"`);
  expect(reason).toMatch(/ \(olostep-billing --help shows the usage\)$/);
  expect(rest).toEqual([]);
  expect(server.requests).toHaveLength(0);
});

test("docs/cli.md shows the --help text, exit codes included, exactly as the CLI prints it", () => {
  const { usage } = require("../../src/cli/usage") as typeof import("../../src/cli/usage");
  const page = require("node:fs").readFileSync(require("node:path").resolve(__dirname, "..", "..", "docs", "cli.md"), "utf8") as string;
  expect(page).toContain(`\`\`\`text output=help\n${usage()}\n\`\`\``);
});
