// purchaseTopup moves money: checked before sending, sent at most once, never retried.
import { ConnectionError, createBillingClient, RateLimitError, ServerError, TimeoutError, ValidationError } from "../../src";
import { hang, json, reset, startFaultServer, type FaultServer } from "../helpers/fault-server";
import { exampleOf, loadSpec } from "../helpers/spec";

const receipt = exampleOf(loadSpec(), "/user/purchase-topup", "post", "200") as Record<string, unknown>;
let server: FaultServer | undefined;

async function topupAgainst(...handlers: Parameters<typeof startFaultServer>) {
  server = await startFaultServer(...handlers);
  // maxRetries is high on purpose: POST must ignore it. The timeout is long enough for a healthy answer, and for a
  // request to reach the server, on a busy machine.
  return createBillingClient({ apiKey: "k", baseUrl: server.url, maxRetries: 5, timeoutMs: 1_000 });
}

test("sends the credits as JSON once and returns the receipt", async () => {
  const billing = await topupAgainst(json(200, receipt));
  await expect(billing.purchaseTopup(10000)).resolves.toEqual({ ...receipt, idempotencyKey: expect.any(String) });
  expect(server!.requests).toHaveLength(1);
  expect(server!.requests[0]).toMatchObject({ method: "POST", url: "/user/purchase-topup" });
  expect(JSON.parse(server!.requests[0]!.body)).toEqual({ credits: 10000 });
  expect(server!.requests[0]!.headers["content-type"]).toBe("application/json");
});

test("a 503 makes exactly one request", async () => {
  const billing = await topupAgainst(json(503, { error: "unavailable" }), json(200, receipt));
  await expect(billing.purchaseTopup(20000)).rejects.toBeInstanceOf(ServerError);
  expect(server!.requests).toHaveLength(1);
});

test("a timeout makes exactly one request and says the charge may or may not have happened", async () => {
  const billing = await topupAgainst(hang, json(200, receipt));
  const error = await billing.purchaseTopup(20000).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(TimeoutError);
  expect((error as Error).message).toMatch(/may or may not have happened.*check the balance/);
  expect(server!.requests).toHaveLength(1);
});

test("a connection reset makes exactly one request", async () => {
  const billing = await topupAgainst(reset, json(200, receipt));
  await expect(billing.purchaseTopup(20000)).rejects.toBeInstanceOf(ConnectionError);
  expect(server!.requests).toHaveLength(1);
});

test("a cooldown body becomes RateLimitError with retryAfterSeconds, whatever its status", async () => {
  for (const status of [429, 400, 409]) {
    const billing = await topupAgainst(json(status, { error: "cooldown", retry_after: 37, cooldown_seconds: 60 }));
    const error = await billing.purchaseTopup(10000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status, retryAfterSeconds: 37, cooldownSeconds: 60 });
    expect(server!.requests).toHaveLength(1);
    await server!.close();
    server = undefined;
  }
});

test.each([12345, 0, -10000, "10000", null, 10000.5])("credits %p is refused before anything is sent", async (credits) => {
  const billing = await topupAgainst(json(200, receipt));
  const error = await billing.purchaseTopup(credits as never).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ValidationError);
  expect((error as Error).message).toContain("10000, 20000, 80000, 100000");
  expect(server!.requests).toHaveLength(0);
});
