// The CLI against a hostile server: no control character it sends reaches the terminal, under any command.
import { spawn } from "node:child_process";
import { runCli, BIN } from "../helpers/cli";
import { json, startFaultServer, type FaultServer, type Handler } from "../helpers/fault-server";

// OSC (set the window title), erase the screen, BEL, a C1 CSI, DEL and a bare CR: each can rewrite a terminal.
const EVIL = "\u001b]0;pwned\u0007\u001b[2J\u009b31m\u007f\rX";
const hostileInfo = {
  credits: 5,
  breakdown: [{ purchase_kind: EVIL, allocated_units: 10, remaining_units: 5, expiry_date: 1893456000 }],
  active_subscription: { id: EVIL, display_name: EVIL, credits: 10, created_at: 1704067200 },
  allow_usage: true,
};
const hostile: Handler = (req, res, index, seen) => {
  if (req.method === "POST") return json(200, { success: true, payment_intent_id: EVIL, credits: 10000 })(req, res, index, seen);
  json(200, hostileInfo)(req, res, index, seen);
};

let server: FaultServer | undefined;

/** Control characters, less the newlines and what the CLI itself writes on a TTY: SGR colours and its spinner. */
function rawControls(output: string): string[] {
  const own = output.replace(/\u001b\[\d+m/g, "").replace(/\r\u001b\[2K/g, "").replace(/\r[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] /g, "");
  return [...own].filter((char) => /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/.test(char));
}

const answers: [string, Handler][] = [
  ["every field of a 200", hostile],
  ["an error code", json(404, { error: EVIL })],
  ["a vendor error object", json(422, { object: "error", code: EVIL, detail: EVIL, id: EVIL })],
  ["a 500 with a request id", json(500, { error: EVIL }, { "x-request-id": "req\u009b2J", "retry-after": "0" })],
  ["a cooldown", json(429, { error: EVIL, retry_after: 3 }, { "retry-after": "0" })],
];
const commands = [["credits"], ["credits", "--json"], ["check", "--min", "1"], ["topup", "10000", "--yes"]];

describe.each(answers)("%s", (_answer, handler) => {
  test.each(commands.flatMap((command) => [[command.join(" "), command, false] as const, [`${command.join(" ")} on a TTY`, command, true] as const]))(
    "%s writes no raw control character",
    async (_name, command, tty) => {
      server = await startFaultServer(handler);
      const result = await runCli([...command, "--api-key", "k", "--base-url", server.url, "--timeout", "2"], { tty });
      expect(rawControls(result.stdout + result.stderr)).toEqual([]);
      expect(result.stdout + result.stderr).not.toContain("\u001b]");
    },
  );
});

test("credits --json stays the API's JSON, with controls escaped", async () => {
  server = await startFaultServer(hostile);
  const result = await runCli(["credits", "--json", "--api-key", "k", "--base-url", server.url]);
  expect(result.code).toBe(0);
  expect(JSON.parse(result.stdout)).toEqual(hostileInfo);
  expect(result.stdout).toContain("\\u001b]0;pwned\\u0007\\u001b[2J\\u009b31m\\u007f\\rX");
});

test("a reader that closes early (credits | head -c 1) ends the CLI quietly with its own exit code", async () => {
  const lots = Array.from({ length: 5_000 }, (_, i) => ({ purchase_kind: "Manual", allocated_units: i + 1, remaining_units: i, expiry_date: 1893456000 }));
  server = await startFaultServer(json(200, { credits: 5, breakdown: lots, allow_usage: true }));
  const child = spawn(process.execPath, [BIN, "credits", "--api-key", "k", "--base-url", server.url], { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  // Read one byte, as `head -c 1` does, then close the pipe.
  child.stdout.once("data", () => child.stdout.destroy());
  const code = await new Promise<number | null>((resolve) => child.once("close", resolve));
  expect(stderr).toBe("");
  expect(code).toBe(0);
});

test.each([
  ["--timeout", ["credits", "--timeout", "2147484"]],
  ["--wait-timeout", ["topup", "10000", "--yes", "--wait", "--wait-timeout", "99999999"]],
  ["--wait-interval", ["topup", "10000", "--yes", "--wait", "--wait-interval", "1e10"]],
])("%s past the longest timer Node keeps exits 2, sending nothing", async (flag, args) => {
  server = await startFaultServer(hostile);
  const result = await runCli([...args, "--api-key", "k", "--base-url", server.url]);
  expect(result.code).toBe(2);
  expect(result.stderr).toContain(`${flag} must be at most 2147483 seconds`);
  expect(server.requests).toHaveLength(0);
});

test("an API key with a line break exits 2 naming the rule, never the key, and sends nothing", async () => {
  server = await startFaultServer(hostile);
  const key = "sk_live_CLIBREAK_0a1b2c3d";
  const result = await runCli(["credits", "--api-key", `${key}\r\n`, "--base-url", server.url]);
  expect(result.code).toBe(2);
  expect(result.stderr).toContain("not a valid header value");
  expect(result.stderr).toContain("no line break");
  expect(result.stdout + result.stderr).not.toContain(key);
  expect(server.requests).toHaveLength(0);
});
