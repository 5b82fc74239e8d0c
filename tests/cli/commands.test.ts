// The compiled olostep-billing bin, run as a child process against Prism and against a local fault server.
import { readFileSync } from "node:fs";
import { stretched } from "../../core/patience";
import { runCli } from "../helpers/cli";
import { json, startFaultServer, type FaultServer } from "../helpers/fault-server";
import { exampleOf, loadSpec } from "../helpers/spec";

const spec = loadSpec();
const example = exampleOf(spec, "/user/credits/info", "get", "200");
const prism = () => ["--api-key", "cli-test-key", "--base-url", process.env.PRISM_URL!];
let server: FaultServer | undefined;

test("--version prints the package version (the compiled bin)", async () => {
  const result = await runCli(["--version"], { bin: true });
  expect(result).toEqual({ code: 0, stdout: `${JSON.parse(readFileSync("package.json", "utf8")).version}\n`, stderr: "" });
});

test("--help prints the usage with the commands and exit codes", async () => {
  const result = await runCli(["--help"]);
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/^Usage: olostep-billing <command>/);
  expect(result.stdout).toContain("check --min N");
  expect(result.stdout).toContain("Exit codes:");
});

test("credits prints the summary and the lot table, without colour when stdout is not a TTY", async () => {
  const result = await runCli(["credits", ...prism()]);
  expect(result.code).toBe(0);
  expect(result.stderr).toBe("");
  const lines = result.stdout.split("\n");
  expect(lines[0]).toBe("Credits  12,500 (usage allowed)");
  expect(lines[1]).toBe("Plan     Pro (SUB_PRO): 10,000 credits included, since 2024-01-01");
  expect(lines[3]).toMatch(/^Kind\s+Allocated\s+Remaining\s+Used\s+Expires$/);
  expect(lines[4]).toMatch(/^Subscription\s+10,000\s+8,500\s+15%\s+2025-01-01 \(EXPIRED [\d,]+ days ago\)$/);
  expect(lines[5]).toMatch(/^Top-up\s+5,000\s+4,000\s+20%\s+2025-04-01 \(EXPIRED [\d,]+ days ago\)$/);
  expect(result.stdout).not.toContain("\u001b[");
});

test("credits marks a lot that has not expired with the days left", async () => {
  // Noon (UTC) of the tenth day from today: ten calendar days away whatever the hour now.
  const inTenDays = (Math.floor(Date.now() / 86_400_000) + 10) * 86_400 + 12 * 3_600;
  server = await startFaultServer(json(200, { credits: 5, breakdown: [{ purchase_kind: "Manual", allocated_units: 10, remaining_units: 5, expiry_date: inTenDays }] }));
  const result = await runCli(["credits", "--api-key", "k", "--base-url", server.url]);
  expect(result.stdout).toMatch(/Manual\s+10\s+5\s+50%\s+\d{4}-\d{2}-\d{2} \(in 10 days\)/);
});

test("credits --json prints the API's JSON unchanged", async () => {
  const result = await runCli(["credits", "--json", ...prism()]);
  expect(result.code).toBe(0);
  expect(JSON.parse(result.stdout)).toEqual(example);
});

test("check --min exits 0 when the balance is enough", async () => {
  const result = await runCli(["check", "--min", "10000", ...prism()]);
  expect(result).toMatchObject({ code: 0, stdout: "ok: 12,500 credits, 10,000 required\n" });
});

test("check --min exits 1 with one line saying why when it is not", async () => {
  const result = await runCli(["check", "--min", "20,000", ...prism()]);
  expect(result).toEqual({ code: 1, stdout: "", stderr: "not enough: 12,500 credits, 20,000 required\n" });
});

test("check exits 7 (exhausted) when usage is not allowed, whatever the balance", async () => {
  server = await startFaultServer(json(200, { credits: 50_000, allow_usage: false }));
  const result = await runCli(["check", "--min", "1", "--api-key", "k", "--base-url", server.url]);
  expect(result).toEqual({ code: 7, stdout: "", stderr: "exhausted: usage is not allowed for this team (50,000 credits, 1 required)\n" });
});

test("a missing key without --mock exits 3 naming OLOSTEP_API_KEY", async () => {
  const result = await runCli(["credits"]);
  expect(result.code).toBe(3);
  expect(result.stderr).toContain("OLOSTEP_API_KEY");
});

test.each([
  [402, 3],
  [401, 3],
  [500, 4],
  [503, 4],
  [404, 6],
])("a %i exits %i", async (status, code) => {
  server = await startFaultServer(json(status, { error: "nope" }));
  const result = await runCli(["credits", "--api-key", "k", "--base-url", server.url, "--timeout", "5"]);
  expect(result.code).toBe(code);
  expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
});

test("a 402 with an empty body (as Prism sends it) exits 3 at once, with no timer left holding the process", async () => {
  server = await startFaultServer((_req, res) => {
    res.writeHead(402, { "content-length": "0" });
    res.end();
  });
  const started = Date.now();
  // An attempt timeout of an hour: a timer left armed would hold the process that long, far past any machine's slowness
  // (the bound stretches with the load, to ten minutes at the most), so the verdict cannot depend on the machine's speed.
  const result = await runCli(["credits", "--api-key", "k", "--base-url", server.url, "--timeout", "3600"], { bin: true });
  expect(result.code).toBe(3);
  expect(Date.now() - started).toBeLessThan(stretched(60_000));
});

test("an unreachable server exits 4", async () => {
  server = await startFaultServer(json(200, {}));
  const url = server.url;
  await server.close();
  server = undefined;
  const result = await runCli(["credits", "--api-key", "k", "--base-url", url]);
  expect(result.code).toBe(4);
  expect(result.stderr).toContain("refused");
});

test("a key given with --api-key is never echoed, even when the request fails", async () => {
  const key = "sk_live_CLICANARY_93ab71";
  server = await startFaultServer(json(402, {}));
  const result = await runCli(["credits", "--api-key", key, "--base-url", server.url]);
  expect(result.code).toBe(3);
  expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${key}`);
  expect(result.stdout + result.stderr).not.toContain(key);
  expect(result.stdout + result.stderr).not.toContain(key.slice(0, 10));
});

test.each([
  ["credits", ["credits"]],
  ["check", ["check", "--min", "1"]],
])("%s exits 7 when the API says the credits are exhausted", async (_name, args) => {
  server = await startFaultServer(json(402, { object: "error", code: "credits_exhausted", status: 402, detail: "Account has consumed all available credits." }));
  const result = await runCli([...args, "--api-key", "k", "--base-url", server.url]);
  expect(result.code).toBe(7);
  expect(result.stderr).toContain("credits_exhausted: Account has consumed all available credits: the team has no credits left");
});

test.each([
  ["without DEBUG: one line", {}, 1],
  ["with DEBUG=1: the stack too, the key redacted there as well", { DEBUG: "1" }, 2],
])("an unexpected error exits 70 with its name and message, %s", async (_name, debug, minimumLines) => {
  const key = "sk_live_UNEXPECTED_4b3a29";
  server = await startFaultServer(json(200, example));
  let stderr = "";
  const { run } = require("../../src/cli/run") as typeof import("../../src/cli/run");
  const { Readable } = require("node:stream") as typeof import("node:stream");
  const code = await run(["credits", "--api-key", key, "--base-url", server.url], {
    stdout: { write: () => { throw new RangeError(`the terminal refused ${key}\nsecond line`); }, isTTY: false },
    stderr: { write: (text) => void (stderr += text), isTTY: false },
    stdin: Object.assign(Readable.from([]), { isTTY: false }),
    env: { ...debug },
  });
  expect(code).toBe(70);
  const lines = stderr.trimEnd().split("\n");
  expect(lines[0]).toBe("olostep-billing: unexpected RangeError: the terminal refused [redacted] (a bug in olostep-billing; DEBUG=1 shows where)");
  expect(lines.length).toBeGreaterThanOrEqual(minimumLines);
  if ("DEBUG" in debug) expect(lines.slice(1).some((line) => /^\s+at /.test(line))).toBe(true);
  else expect(lines).toHaveLength(1);
  expect(stderr).not.toContain(key);
});
