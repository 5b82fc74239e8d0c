// The stateful mock as a stand-in for the API, on both of its hosts (Prism in a process of its own, MSW handlers in
// this one): balances per key, settling, cooldown, idempotency. One model, two hosts: every test here runs on both.
import { stretched } from "../../core/patience";
import { createBillingClient, IdempotencyError, RateLimitError, type CreditsInfo } from "../../src";
import { HOSTS, type RunningHost } from "../helpers/mock-hosts";
import { exampleOf, loadSpec } from "../helpers/spec";

const spec = loadSpec();
const example = exampleOf(spec, "/user/credits/info", "get", "200") as CreditsInfo;
const SETTLE_MS = 5_000;
const DAY = 86_400;
let clock = Date.parse("2026-11-25T12:00:00Z");
const lots = (info: CreditsInfo) => info.breakdown?.map((lot) => `${lot.purchase_kind} ${lot.remaining_units}/${lot.allocated_units}`);

describe.each(HOSTS)("on $name", (host) => {
  let mock: RunningHost;
  /** Mocks started with other options, each for one test below: started together (a Prism host takes seconds). */
  let slow: RunningHost, forced: RunningHost, broken: RunningHost;
  beforeAll(async () => {
    // The mock reads this clock: settling and the cooldown are tested by moving time, not by waiting for it.
    [mock, slow, forced, broken] = await Promise.all([
      host.start({ now: () => clock, settleMs: SETTLE_MS, chargeMs: 0 }),
      host.start({ now: () => clock, chargeMs: 400 }),
      host.start({ force: { "POST /user/purchase-topup": 500 } }),
      host.start({ start: { credits: "lots" as unknown as number } }),
    ]);
  }, stretched(60_000));
  afterAll(() => Promise.all([mock, slow, forced, broken].map((running) => running?.stop())));
  beforeEach(() => mock.reset());

  const client = (apiKey = "mock-test-key") => createBillingClient({ apiKey, baseUrl: mock.url, maxRetries: 0 });

  test("a top-up answers a receipt, shows a Pending lot at once, and settles into a Top-up lot that raises the balance", async () => {
    const billing = client();
    const receipt = await billing.purchaseTopup(10000);
    expect(receipt).toMatchObject({ success: true, credits: 10000, payment_intent_id: expect.stringMatching(/^pi_mock_[0-9a-f]{24}$/) });
    const pending = await billing.getCreditsInfo();
    expect(pending.credits).toBe(12_500);
    expect(lots(pending)).toEqual(["Subscription 8500/10000", "Top-up 4000/5000", "Pending 0/10000"]);

    clock += SETTLE_MS;
    const settled = await billing.getCreditsInfo();
    expect(settled.credits).toBe(22_500);
    expect(lots(settled)).toEqual(["Subscription 8500/10000", "Top-up 4000/5000", "Top-up 10000/10000"]);
    await expect(billing.waitForCredits({ atLeast: 22_500 })).resolves.toMatchObject({ credits: 22_500 });
  });

  test("the example's lots are moved to today: the earliest expires in 30 days, the spacing kept", async () => {
    const info = await client().getCreditsInfo();
    const [subscription, topup] = info.breakdown!.map((lot) => lot.expiry_date!);
    const today = Math.floor(clock / 1000 / DAY) * DAY;
    expect(subscription).toBe(today + 30 * DAY);
    expect(topup! - subscription!).toBe(example.breakdown![1]!.expiry_date! - example.breakdown![0]!.expiry_date!);
    expect(info.breakdown!.every((lot) => lot.expiry_date! * 1000 > clock)).toBe(true);
  });

  test("a second purchase inside the cooldown gets the spec's cooldown answer with the real seconds left", async () => {
    const billing = client();
    await billing.purchaseTopup(10000);
    clock += 15_500;
    const error = await billing.purchaseTopup(20000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, retryAfterSeconds: 45, cooldownSeconds: 60 });
    clock += 45_000;
    await expect(billing.purchaseTopup(20000)).resolves.toMatchObject({ credits: 20000 });
  });

  test("the same Idempotency-Key and body answer the first receipt again, and the balance rises once", async () => {
    const billing = client();
    const first = await billing.purchaseTopup(10000, { idempotencyKey: "order-1" });
    const again = await billing.purchaseTopup(10000, { idempotencyKey: "order-1" });
    expect(again).toEqual(first);
    clock += SETTLE_MS;
    expect((await billing.getCreditsInfo()).credits).toBe(22_500);
  });

  test("the same key with another body is a 422 idempotency_key_reuse", async () => {
    const billing = client();
    await billing.purchaseTopup(10000, { idempotencyKey: "order-2" });
    const error = await billing.purchaseTopup(20000, { idempotencyKey: "order-2" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IdempotencyError);
    expect(error).toMatchObject({ status: 422, code: "idempotency_key_reuse" });
  });

  test("a request whose key is still being charged gets 409; the safe retry then gets the receipt", async () => {
    const billing = createBillingClient({ apiKey: "k", baseUrl: slow.url, maxRetries: 0 });
    const first = billing.purchaseTopup(10000, { idempotencyKey: "order-3" });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const second = await billing.purchaseTopup(10000, { idempotencyKey: "order-3" }).catch((e: unknown) => e);
    expect(second).toMatchObject({ name: "IdempotencyError", status: 409, code: "idempotency_key_in_progress" });
    const receipt = await first;
    await expect(billing.purchaseTopup(10000, { idempotencyKey: "order-3" })).resolves.toEqual(receipt);
    expect(slow.requests().filter((r) => r.method === "POST").map((r) => r.status)).toEqual([409, 200, 200]);
  });

  test("each API key has its own balance, and a key ending in :exhausted starts from that scenario", async () => {
    await client("team-a").purchaseTopup(10000);
    clock += SETTLE_MS;
    expect((await client("team-a").getCreditsInfo()).credits).toBe(22_500);
    expect((await client("team-b").getCreditsInfo()).credits).toBe(12_500);
    expect(await client("team-c:exhausted").getCreditsInfo()).toMatchObject({ credits: 0, allow_usage: false });
  });

  test("Prefer: code and example give the spec's documented answers, whatever the state", async () => {
    const billing = client();
    const failed = await billing.getCreditsInfo({ headers: { Prefer: "code=500" } }).catch((e: unknown) => e);
    expect(failed).toMatchObject({ name: "ServerError", status: 500, message: expect.stringContaining("Internal Server Error") });
    await expect(billing.getCreditsInfo({ headers: { Prefer: "example=exhausted" } })).resolves.toMatchObject({ credits: 0 });
    await billing.purchaseTopup(10000);
    expect(await billing.getCreditsInfo({ headers: { Prefer: "example=default" } })).toEqual(example);
  });

  test("requests() lists method, path and the status each request got, Prism's own refusals too; reset() forgets it all", async () => {
    const billing = client();
    await billing.getCreditsInfo();
    await billing.purchaseTopup(10000);
    await billing.getCreditsInfo({ headers: { Prefer: "code=500" } }).catch(() => undefined);
    await fetch(`${mock.url}/user/credits/info`);
    expect(mock.requests()).toEqual([
      { method: "GET", path: "/user/credits/info", status: 200 },
      { method: "POST", path: "/user/purchase-topup", status: 200 },
      { method: "GET", path: "/user/credits/info", status: 500 },
      { method: "GET", path: "/user/credits/info", status: 401 },
    ]);
    mock.reset();
    expect(mock.requests()).toEqual([]);
    expect((await billing.getCreditsInfo()).breakdown).toHaveLength(2);
  });

  test("a forced status (the force option) answers that operation with the spec's example, and the rest as usual", async () => {
    const billing = createBillingClient({ apiKey: "k", baseUrl: forced.url, maxRetries: 0 });
    await expect(billing.purchaseTopup(10000)).rejects.toMatchObject({ name: "ServerError", status: 500 });
    await expect(billing.getCreditsInfo()).resolves.toMatchObject({ credits: 12_500 });
  });

  test("a state that breaks the spec is a loud 500 naming the violation, never silent drift", async () => {
    const response = await fetch(`${broken.url}/user/credits/info`, { headers: { Authorization: "Bearer k" } });
    expect(response.status).toBe(500);
    expect(await response.text()).toContain("credits");
    expect(JSON.parse(response.headers.get("sl-violations") ?? "[]")).toContainEqual(
      expect.objectContaining({ location: ["response", "body", "credits"], message: "Response body property credits must be integer" }),
    );
  });
});

test("Prism alone (this run's shared Prism): Prefer: dynamic=true answers random bodies that fit the schema", async () => {
  const billing = createBillingClient({ apiKey: "k", baseUrl: process.env.PRISM_URL!, maxRetries: 0 });
  const random = await Promise.all([1, 2, 3].map(() => billing.getCreditsInfo({ headers: { Prefer: "dynamic=true" } })));
  expect(new Set(random.map((info) => JSON.stringify(info))).size).toBeGreaterThan(1);
});
