// Prism checks what is sent: a request that breaks the spec is refused, so the contract cases prove ours do not.
import { createBillingClient } from "../../src";

const url = () => process.env.PRISM_URL!;

test("a request without the Authorization header is refused with 401", async () => {
  const response = await fetch(`${url()}/user/credits/info`);
  expect(response.status).toBe(401);
});

test("a path the spec does not have is refused with 404", async () => {
  const response = await fetch(`${url()}/user/credit/info`, { headers: { Authorization: "Bearer x" } });
  expect(response.status).toBe(404);
});

test("a method the spec does not have is refused with 405", async () => {
  const response = await fetch(`${url()}/user/credits/info`, { method: "DELETE", headers: { Authorization: "Bearer x" } });
  expect(response.status).toBe(405);
});

test("a top-up body outside the credits enum is refused by Prism's request validation", async () => {
  // The raw client skips purchaseTopup's own check, to show that the mock checks too.
  const billing = createBillingClient({ apiKey: "contract-test-key", baseUrl: url(), maxRetries: 0 });
  const { error, response } = await billing.raw.POST("/user/purchase-topup", { body: { credits: 12345 as 10000 } });
  expect(response.status).toBe(422);
  // The spec documents a 422 (Idempotency-Key reuse), so Prism answers with that example; the violation it found
  // is in its sl-violations header.
  expect(error).toBeDefined();
  expect(JSON.parse(response.headers.get("sl-violations") ?? "[]")).toContainEqual(
    expect.objectContaining({ location: ["request", "body", "credits"], code: "enum" }),
  );
});

test("a top-up without a body is refused", async () => {
  const response = await fetch(`${url()}/user/purchase-topup`, { method: "POST", headers: { Authorization: "Bearer x" } });
  expect(response.status).toBe(422);
});
