// waitForCredits polls until the webhook's credits land, against a server whose balance rises.
import { createBillingClient, TimeoutError } from "../../src";
import { startFaultServer, type FaultServer, type Handler } from "../helpers/fault-server";

let server: FaultServer | undefined;

/** Answers 12 500 credits until `polls` requests have been seen, then 22 500. */
function balanceRisingAfter(polls: number): Handler {
  return (_req, res, index) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ credits: index < polls ? 12_500 : 22_500, allow_usage: true }));
  };
}

test("resolves with the info once the balance reaches atLeast, after as many polls as it took", async () => {
  server = await startFaultServer(balanceRisingAfter(3));
  const billing = createBillingClient({ apiKey: "k", baseUrl: server.url });
  const info = await billing.waitForCredits({ atLeast: 22_500, intervalMs: 20 });
  expect(info.credits).toBe(22_500);
  expect(server.requests).toHaveLength(4);
});

test("rejects with TimeoutError naming the last balance seen", async () => {
  server = await startFaultServer(balanceRisingAfter(1_000));
  const billing = createBillingClient({ apiKey: "k", baseUrl: server.url });
  const error = await billing.waitForCredits({ atLeast: 22_500, intervalMs: 50, timeoutMs: 300 }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(TimeoutError);
  expect((error as Error).message).toBe("Credits did not reach 22500 within 300 ms; the last balance seen was 12500");
  // How many polls fit in 300 ms depends on the machine's load; at least the first one did.
  expect(server.requests.length).toBeGreaterThanOrEqual(1);
});

test("the caller's signal stops the polling with an AbortError, and no poll follows", async () => {
  const controller = new AbortController();
  // The caller gives up when the server has seen the second poll: driven by requests, not by the clock.
  server = await startFaultServer((req, res, index, seen) => {
    if (index === 1) controller.abort();
    balanceRisingAfter(1_000)(req, res, index, seen);
  });
  const billing = createBillingClient({ apiKey: "k", baseUrl: server.url });
  const error = await billing.waitForCredits({ atLeast: 22_500, intervalMs: 20, signal: controller.signal }).catch((e: unknown) => e);
  expect((error as Error).name).toBe("AbortError");
  expect(server.requests).toHaveLength(2);
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(server.requests).toHaveLength(2);
});
