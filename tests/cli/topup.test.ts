// `olostep-billing topup`: asks on a terminal, refuses in a pipeline without --yes, charges once.
import { runCli, ttyTest } from "../helpers/cli";
import { json, startFaultServer, type FaultServer, type Handler } from "../helpers/fault-server";
import { idempotentTopup } from "../helpers/idempotent-topup";
import { exampleOf, loadSpec } from "../helpers/spec";

const receipt = exampleOf(loadSpec(), "/user/purchase-topup", "post", "200");
let server: FaultServer | undefined;

const against = (url: string) => ["--api-key", "k", "--base-url", url];
const posts = () => server!.requests.filter((request) => request.method === "POST");

test("refuses without --yes when stdin is not a terminal: exit 2, nothing sent", async () => {
  server = await startFaultServer(json(200, receipt));
  const result = await runCli(["topup", "10000", ...against(server.url)]);
  expect(result.code).toBe(2);
  expect(result.stderr).toContain("pass --yes when stdin is not a terminal");
  expect(server.requests).toHaveLength(0);
});

test("--yes charges once and prints the receipt", async () => {
  server = await startFaultServer(json(200, receipt));
  const result = await runCli(["topup", "20000", "--yes", ...against(server.url)]);
  expect(result.code).toBe(0);
  expect(result.stdout).toContain("Payment succeeded: 10,000 credits (payment pi_xxx).");
  expect(posts()).toHaveLength(1);
  expect(JSON.parse(posts()[0]!.body)).toEqual({ credits: 20000 });
});

test("a cooldown exits 5 with the seconds to wait", async () => {
  server = await startFaultServer(json(429, { retry_after: 45, cooldown_seconds: 60 }));
  const result = await runCli(["topup", "10000", "--yes", ...against(server.url)]);
  expect(result.code).toBe(5);
  expect(result.stderr).toContain("try again in 45 s");
  expect(posts()).toHaveLength(1);
});

test("a 503 on the purchase exits 4 after exactly one request", async () => {
  server = await startFaultServer(json(503, { error: "unavailable" }));
  const result = await runCli(["topup", "10000", "--yes", ...against(server.url)]);
  expect(result.code).toBe(4);
  expect(posts()).toHaveLength(1);
});

test("--wait polls until the credits land and shows the new balance", async () => {
  const rising: Handler = (req, res) => {
    const polls = server!.requests.filter((r) => r.method === "GET").length;
    res.writeHead(200, { "content-type": "application/json" });
    if (req.method === "POST") return res.end(JSON.stringify(receipt));
    // The first read is the balance before buying; the credits land on the third poll after it.
    res.end(JSON.stringify({ credits: polls < 4 ? 12_500 : 22_500, allow_usage: true }));
  };
  server = await startFaultServer(rising);
  const result = await runCli(["topup", "10000", "--yes", "--wait", "--wait-interval", "0.05", ...against(server.url)]);
  expect(result.code).toBe(0);
  expect(result.stdout).toContain("The credits have landed: the balance is 22,500 credits.");
});

describe("on a terminal", () => {
  ttyTest("answering no charges nothing and exits 1", async () => {
    server = await startFaultServer(json(200, receipt));
    const result = await runCli(["topup", "10000", ...against(server.url)], { tty: true, bin: true, input: "n\n" });
    expect(result.stdout).toContain("Buy 10,000 credits with the team's saved card? [y/N]");
    expect(result.stdout).toContain("cancelled: nothing was charged");
    expect(result.code).toBe(1);
    expect(server.requests).toHaveLength(0);
  });

  ttyTest("answering yes charges once", async () => {
    server = await startFaultServer(json(200, receipt));
    const result = await runCli(["topup", "10000", ...against(server.url)], { tty: true, bin: true, input: "y\n" });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Payment succeeded");
    expect(posts()).toHaveLength(1);
  });
});

describe("the Idempotency-Key", () => {
  test("--idempotency-key is sent unchanged", async () => {
    server = await startFaultServer(json(200, receipt));
    const result = await runCli(["topup", "10000", "--yes", "--idempotency-key", "order-2026-11-25-a", ...against(server.url)]);
    expect(result.code).toBe(0);
    expect(posts()[0]!.headers["idempotency-key"]).toBe("order-2026-11-25-a");
  });

  test("a bad --idempotency-key exits 2 and sends nothing", async () => {
    server = await startFaultServer(json(200, receipt));
    const result = await runCli(["topup", "10000", "--yes", "--idempotency-key", "x".repeat(256), ...against(server.url)]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("1–255 characters of printable ASCII");
    expect(server.requests).toHaveLength(0);
  });

  test("an uncertain outcome prints the key and the exact command, and that command buys once", async () => {
    const topup = idempotentTopup({ hangFirst: true });
    server = await startFaultServer(topup.handler);
    const first = await runCli(["topup", "20000", "--yes", "--timeout", "0.8", ...against(server.url)]);
    expect(first.code).toBe(4);
    const key = posts()[0]!.headers["idempotency-key"] as string;
    const hint = first.stderr.trimEnd().split("\n");
    // The key came from --api-key: the hint says to give the same one (a pasted command would otherwise buy with
    // whatever OLOSTEP_API_KEY holds), and never prints it.
    expect(hint.at(-2)).toBe("The same purchase under the same key cannot be charged twice; run it with the same --api-key as this command (not printed here; another team's key would be another purchase):");
    expect(first.stderr).not.toContain("--api-key k");
    expect(hint.at(-1)).toBe(`  olostep-billing topup 20000 --yes --idempotency-key ${key} --base-url ${server.url}`);

    // The printed command, as a user would paste it (plus the key, which is never printed).
    const retry = await runCli([...hint.at(-1)!.trim().split(" ").slice(1), "--api-key", "k"]);
    expect(retry.code).toBe(0);
    expect(retry.stdout).toContain("Payment succeeded: 20,000 credits (payment pi_test_1).");
    expect(topup.purchases()).toBe(1);
  });

  test("a refused connection says nothing was charged and prints no retry command", async () => {
    server = await startFaultServer(json(200, receipt));
    const url = server.url;
    await server.close();
    server = undefined;
    const result = await runCli(["topup", "10000", "--yes", ...against(url)]);
    expect(result.code).toBe(4);
    expect(result.stderr).toContain("nothing was sent, so nothing was charged");
    expect(result.stderr).not.toContain("--idempotency-key");
  });
});
