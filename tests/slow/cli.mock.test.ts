// `--mock`: the mock's options as global options, hints that stay with the mock (never a command that reaches the
// real API, whatever the environment holds), and a fault of ours reported as one (exit 70), not as a mock that would
// not start. Each run starts a Prism of its own, as a user's does.
import { Readable } from "node:stream";
import { runCli } from "../helpers/cli";
import { json, startFaultServer, type FaultServer } from "../helpers/fault-server";
import { run } from "../../src/cli/run";
import { stretched } from "../../core/patience";
import { exampleOf, loadSpec } from "../helpers/spec";

// Each test starts Prism and waits on it, not on a clock: on a busy machine that takes many times longer.
jest.setTimeout(stretched(60_000));

const REAL_KEY = "sk_live_MOCKCANARY_5e4d3c";
let realApi: FaultServer;

/** A user's shell with a real key and base URL set: --mock must reach neither. */
async function realEnvironment(): Promise<Record<string, string>> {
  realApi = await startFaultServer(json(500, { error: "the real API was reached" }));
  return { OLOSTEP_API_KEY: REAL_KEY, OLOSTEP_BASE_URL: realApi.url };
}

/** The commands a hint tells the user to run: the `olostep-billing …` in backquotes or on a line of its own. */
function printedCommands(output: string): string[] {
  const quoted = [...output.matchAll(/`(olostep-billing[^`]*)`/g)].map((match) => match[1]!);
  const alone = output.split("\n").map((line) => line.trim()).filter((line) => line.startsWith("olostep-billing "));
  return [...quoted, ...alone];
}

test("--mock --scenario exhausted check --min 1 exits 7: the mock's options are global options with --mock", async () => {
  const env = await realEnvironment();
  const result = await runCli(["--mock", "--scenario", "exhausted", "check", "--min", "1"], { env });
  expect(result).toMatchObject({ code: 7, stdout: "" });
  expect(result.stderr).toMatch(/^exhausted: usage is not allowed for this team \(0 credits, 1 required\)\n$/);
  expect(realApi.requests).toHaveLength(0);
});

test("--mock --scenario credits_exhausted (a named error answer of the spec) check --min 1: the mock's 402, as the API's credits_exhausted", async () => {
  const env = await realEnvironment();
  const result = await runCli(["--mock", "--scenario", "credits_exhausted", "check", "--min", "1"], { env });
  expect(result).toMatchObject({ code: 7, stdout: "" });
  expect(result.stderr).toMatch(/credits/i);
  expect(realApi.requests).toHaveLength(0);
});

test("--mock does not send the environment's key, even to the mock (a key ending in :exhausted would pick that scenario)", async () => {
  const env = { ...(await realEnvironment()), OLOSTEP_API_KEY: `${REAL_KEY}:exhausted` };
  const result = await runCli(["--mock", "check", "--min", "1"], { env });
  expect(result).toMatchObject({ code: 0, stdout: expect.stringMatching(/^ok: [\d,]+ credits, 1 required\n$/) });
});

test("an uncertain --mock top-up: the retry command names --mock and the mock's options, and pasted it buys on a mock, never for real", async () => {
  const env = await realEnvironment();
  // A charge slower than the attempt's timeout: the outcome is unknown to the CLI.
  const first = await runCli(["--mock", "--charge-ms", "1500", "topup", "10000", "--yes", "--timeout", "0.3"], { env, platform: "linux" });
  expect(first.code).toBe(4);
  const lines = first.stderr.trimEnd().split("\n");
  expect(lines.at(-2)).toBe("This ran against a mock that stopped with the command: nothing real was charged, and a new mock knows nothing of this key. To try again:");
  expect(lines.at(-1)).toBe("  olostep-billing --mock --charge-ms 1500 topup 10000 --yes");
  expect(printedCommands(first.stderr).every((command) => command.includes(" --mock"))).toBe(true);

  // Pasted as printed, in the same shell (the real key and base URL still set): a purchase on a new mock.
  const retry = await runCli(lines.at(-1)!.trim().split(" ").slice(1), { env });
  expect(retry.code).toBe(0);
  expect(retry.stdout).toContain("Payment succeeded: 10,000 credits");
  expect(realApi.requests).toHaveLength(0);
});

test("a --mock top-up's next step is true of the mock: no fresh-mock `credits`, no command without --mock", async () => {
  const env = await realEnvironment();
  const result = await runCli(["--mock", "topup", "10000", "--yes"], { env });
  expect(result.code).toBe(0);
  expect(result.stdout).toContain("The mock stopped with this command, and this purchase with it: add --wait to watch the credits land");
  expect(result.stdout).not.toContain("check with `olostep-billing credits`");
  // `olostep-billing mock` starts a mock; every other command printed carries --mock.
  expect(printedCommands(result.stdout).filter((command) => command !== "olostep-billing mock" && !command.includes("--mock"))).toEqual([]);
  expect(realApi.requests).toHaveLength(0);
});

test("--mock --stateless is the stateless mock end to end: the spec's example receipt, and no hint of --wait, which cannot work there", async () => {
  const env = await realEnvironment();
  const receipt = exampleOf(loadSpec(), "/user/purchase-topup", "post", "200") as { payment_intent_id: string };
  const result = await runCli(["--mock", "--stateless", "topup", "10000", "--yes"], { env });
  expect(result.code).toBe(0);
  expect(result.stdout).toContain(`(payment ${receipt.payment_intent_id}).`);
  expect(result.stdout).not.toContain("--wait");
  expect(printedCommands(result.stdout)).toEqual([]);
  expect(realApi.requests).toHaveLength(0);
});

test("--mock --stateless credits is the spec's example as written (a stateful mock moves its dates to today)", async () => {
  const env = await realEnvironment();
  const result = await runCli(["--mock", "--stateless", "credits", "--json"], { env });
  expect(result.code).toBe(0);
  expect(JSON.parse(result.stdout)).toEqual(exampleOf(loadSpec(), "/user/credits/info", "get", "200"));
  expect(realApi.requests).toHaveLength(0);
});

test("a fault of ours under --mock exits 70 with the error's name and message: not 4, not a stack, never the key", async () => {
  let stderr = "";
  const code = await run(["--mock", "credits"], {
    // Output that fails as no stream should: an error the CLI did not expect, carrying the key in its message.
    stdout: { write: () => { throw new TypeError(`cannot write for ${REAL_KEY}`); }, isTTY: false },
    stderr: { write: (text) => void (stderr += text), isTTY: false },
    stdin: Object.assign(Readable.from([]), { isTTY: false }),
    env: { ...process.env, OLOSTEP_API_KEY: REAL_KEY, OLOSTEP_BASE_URL: undefined },
  });
  expect(code).toBe(70);
  expect(stderr).toBe("olostep-billing: unexpected TypeError: cannot write for [redacted] (a bug in olostep-billing; DEBUG=1 shows where)\n");
});
