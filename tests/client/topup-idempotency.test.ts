// purchaseTopup's Idempotency-Key: always sent, on the receipt and on every error, and the only way a top-up is retried.
import {
  AuthenticationError,
  createBillingClient,
  IdempotencyError,
  InsufficientCreditsError,
  RateLimitError,
  ServerError,
  TimeoutError,
  ValidationError,
} from "../../src";
import { hang, json, startFaultServer, type FaultServer, type Handler } from "../helpers/fault-server";
import { idempotentTopup } from "../helpers/idempotent-topup";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
let server: FaultServer | undefined;

async function clientFor(...handlers: Handler[]) {
  server = await startFaultServer(...handlers);
  // Long enough for a healthy attempt on a busy machine; the hanging ones cost this much each.
  return createBillingClient({ apiKey: "k", baseUrl: server.url, timeoutMs: 800, maxRetries: 3 });
}
const keysSent = () => server!.requests.map((request) => request.headers["idempotency-key"]);

test("every top-up sends a fresh UUID as Idempotency-Key, and the receipt carries it", async () => {
  const billing = await clientFor(idempotentTopup().handler);
  const first = await billing.purchaseTopup(10000);
  const second = await billing.purchaseTopup(10000);
  expect(first.idempotencyKey).toMatch(UUID);
  expect(second.idempotencyKey).toMatch(UUID);
  expect(first.idempotencyKey).not.toBe(second.idempotencyKey);
  expect(keysSent()).toEqual([first.idempotencyKey, second.idempotencyKey]);
});

test("a caller's key is sent unchanged", async () => {
  const billing = await clientFor(idempotentTopup().handler);
  const key = "topup-1732570000-7f3a9c";
  await expect(billing.purchaseTopup(20000, { idempotencyKey: key })).resolves.toMatchObject({ idempotencyKey: key, credits: 20000 });
  expect(keysSent()).toEqual([key]);
});

test.each([
  ["empty", ""],
  ["256 characters", "k".repeat(256)],
  ["a line break", "a\nb"],
  ["a leading space", " key"],
  ["a character outside ASCII", "clé"],
  ["a number", 42],
])("a key that is %s is refused before anything is sent", async (_name, idempotencyKey) => {
  const billing = await clientFor(idempotentTopup().handler);
  const error = await billing.purchaseTopup(10000, { idempotencyKey: idempotencyKey as string }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ValidationError);
  expect((error as Error).message).toMatch(/1–255 characters of printable ASCII.*nothing was sent/);
  expect(server!.requests).toHaveLength(0);
});

test("by default a timeout is not retried: the error carries the key and says to retry with it, and that retry buys once", async () => {
  const topup = idempotentTopup({ hangFirst: true });
  const billing = await clientFor(topup.handler);
  const error = (await billing.purchaseTopup(10000).catch((e: unknown) => e)) as TimeoutError;
  expect(error).toBeInstanceOf(TimeoutError);
  expect(error.idempotencyKey).toMatch(UUID);
  expect(error.message).toMatch(/may or may not have happened: retry with the same Idempotency-Key/);
  expect(error.message).not.toContain("error.idempotencyKey");
  expect(server!.requests).toHaveLength(1);

  const receipt = await billing.purchaseTopup(10000, { idempotencyKey: error.idempotencyKey });
  expect(receipt).toEqual({ success: true, payment_intent_id: "pi_test_1", credits: 10000, idempotencyKey: error.idempotencyKey });
  expect(topup.purchases()).toBe(1);
});

test('retry: "same-key" retries a timed-out top-up with the same key: one purchase, the first receipt', async () => {
  const topup = idempotentTopup({ hangFirst: true });
  const billing = await clientFor(topup.handler);
  const receipt = await billing.purchaseTopup(10000, { retry: "same-key" });
  expect(receipt).toMatchObject({ payment_intent_id: "pi_test_1", credits: 10000 });
  expect(topup.purchases()).toBe(1);
  expect(server!.requests).toHaveLength(2);
  expect(new Set(keysSent())).toEqual(new Set([receipt.idempotencyKey]));
});

test.each([
  ["409 in progress", json(409, { object: "error", code: "idempotency_key_in_progress", status: 409 }, { "retry-after": "0" })],
  ["429 without a cooldown body", json(429, { error: "rate_limit_exceeded" }, { "retry-after": "0" })],
  ["503", json(503, { error: "unavailable" }, { "retry-after": "0" })],
])('retry: "same-key" retries a %s with the same key', async (_name, first) => {
  const billing = await clientFor(first, json(200, { success: true, payment_intent_id: "pi_1", credits: 10000 }));
  await expect(billing.purchaseTopup(10000, { retry: "same-key" })).resolves.toMatchObject({ payment_intent_id: "pi_1" });
  expect(server!.requests).toHaveLength(2);
  expect(keysSent()[0]).toBe(keysSent()[1]);
});

test.each([
  ["the cooldown", json(429, { retry_after: 30, cooldown_seconds: 60 }), RateLimitError],
  ["a 422 reuse", json(422, { object: "error", code: "idempotency_key_reuse", status: 422 }), IdempotencyError],
  ["a 402", json(402, {}), AuthenticationError],
  ["a 500", json(500, { error: "boom" }), ServerError],
])('retry: "same-key" never retries %s', async (_name, answer, errorClass) => {
  const billing = await clientFor(answer);
  const error = await billing.purchaseTopup(10000, { retry: "same-key" }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(errorClass);
  expect((error as { idempotencyKey: string }).idempotencyKey).toMatch(UUID);
  expect(server!.requests).toHaveLength(1);
});

test("without a retry option a 409 is one request and an IdempotencyError to branch on", async () => {
  const billing = await clientFor(json(409, { object: "error", code: "idempotency_key_in_progress", status: 409, detail: "Please wait and retry." }));
  const error = await billing.purchaseTopup(10000).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(IdempotencyError);
  expect(error).toMatchObject({ status: 409, code: "idempotency_key_in_progress" });
  expect((error as Error).message).toBe(
    "POST /user/purchase-topup failed with status 409: idempotency_key_in_progress: Please wait and retry",
  );
  expect(server!.requests).toHaveLength(1);
});

test.each([
  [409, "idempotency_key_in_progress", "retry with the same key in a few seconds"],
  [422, "idempotency_key_reuse", "use a new key for a new purchase"],
])("a %i %s that says nothing more gets the client's advice, once", async (status, code, advice) => {
  const billing = await clientFor(json(status, { error: code }));
  const error = await billing.purchaseTopup(10000).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(IdempotencyError);
  expect((error as Error).message).toBe(`POST /user/purchase-topup failed with status ${status}: ${code}; ${advice}`);
});

describe("the spec's { error } and the vendor's error object give the same class and code", () => {
  test.each([
    { code: "credits_exhausted", status: 402, errorClass: InsufficientCreditsError },
    { code: "invalid_api_key", status: 402, errorClass: AuthenticationError },
    { code: "idempotency_key_reuse", status: 422, errorClass: IdempotencyError, operation: "top-up" },
    { code: "rate_limit_exceeded", status: 429, errorClass: RateLimitError },
  ])("$code ($status)", async ({ code, status, errorClass, operation }) => {
    for (const body of [{ error: code }, { object: "error", id: "error_abc123", code, status, title: "T", detail: `About ${code}.` }]) {
      const billing = await clientFor(json(status, body));
      // The key's own refusals belong to the operation that takes a key.
      const error = await (operation ? billing.purchaseTopup(10000) : billing.getCreditsInfo()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(errorClass);
      expect(error).toMatchObject({ status, code });
      if ("id" in body) {
        expect(error).toMatchObject({ errorId: "error_abc123" });
        expect((error as Error).message).toContain(`${code}: About ${code}`);
      }
      await server!.close();
      server = undefined;
    }
  });
});

test("a 402 with no body stays an AuthenticationError, as the seed says", async () => {
  const billing = await clientFor((_req, res) => {
    res.writeHead(402, { "content-length": "0" });
    res.end();
  });
  await expect(billing.getCreditsInfo()).rejects.toBeInstanceOf(AuthenticationError);
});

test("a top-up's connection error before any answer also carries the key", async () => {
  const billing = await clientFor(hang);
  const error = await billing.purchaseTopup(80000, { idempotencyKey: "order-77" }).catch((e: unknown) => e);
  expect(error).toMatchObject({ name: "TimeoutError", idempotencyKey: "order-77" });
});
