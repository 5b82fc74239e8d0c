// The vendor's documented error objects, named in the spec (402 credits_exhausted and invalid_api_key, 429
// rate_limit_exceeded, …), reachable in both mocks by `force` ({ status, example }), by `Prefer: code=…, example=…`, and
// by scenario (an API key ending in :credits_exhausted, or the scenario option), and read by the client as its errors.
import { AuthenticationError, createBillingClient, InsufficientCreditsError, RateLimitError } from "../src";
import { createModel } from "../mocks/stateful/model";
import { exampleOf, loadSpec, namedErrorAnswers } from "../mocks/spec";
import { HOSTS, MSW_HOST, type RunningHost } from "./helpers/mock-hosts";

const spec = loadSpec();
const EXHAUSTED = exampleOf(spec, "/user/credits/info", "get", "402", "credits_exhausted");
const FORCE = {
  "GET /user/credits/info": { status: 402, example: "credits_exhausted" },
  "POST /user/purchase-topup": { status: 429, example: "rate_limit_exceeded" },
} as const;

test("the spec names the vendor's 402 answers, the invalid key first (what a bare Prefer: code=402 gives)", () => {
  expect(namedErrorAnswers(spec).map(({ operation, status, name }) => `${operation} ${status} ${name}`)).toEqual([
    "GET /user/credits/info 402 invalid_api_key",
    "GET /user/credits/info 402 credits_exhausted",
    "POST /user/purchase-topup 402 invalid_api_key",
    "POST /user/purchase-topup 409 idempotency_key_in_progress",
    "POST /user/purchase-topup 422 idempotency_key_reuse",
    "POST /user/purchase-topup 429 cooldown",
    "POST /user/purchase-topup 429 rate_limit_exceeded",
  ]);
  expect(EXHAUSTED).toEqual({ object: "error", code: "credits_exhausted", status: 402, title: "Payment Required", detail: "Account has consumed all available credits." });
});

describe.each(HOSTS)("on $name", (host) => {
  let plain: RunningHost, forced: RunningHost;
  beforeAll(async () => {
    [plain, forced] = await Promise.all([host.start({ chargeMs: 0 }), host.start({ chargeMs: 0, force: FORCE })]);
  }, 60_000);
  afterAll(() => Promise.all([plain, forced].map((running) => running?.stop())));

  // maxRetries: 0, as the guide shows for error tests: nothing here is retried, so nothing waits.
  const client = (mock: RunningHost, apiKey = "team-a") => createBillingClient({ apiKey, baseUrl: mock.url, maxRetries: 0 });

  test("force { status: 402, example: 'credits_exhausted' } gives InsufficientCreditsError, with the vendor's code", async () => {
    const error = await client(forced).getCreditsInfo().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InsufficientCreditsError);
    expect(error).toMatchObject({ status: 402, code: "credits_exhausted" });
    expect(forced.requests()).toEqual([{ method: "GET", path: "/user/credits/info", status: 402 }]);
  });

  test("force { status: 429, example: 'rate_limit_exceeded' } gives a RateLimitError with no cooldown to wait for", async () => {
    const error = await client(forced).purchaseTopup(10000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, code: "rate_limit_exceeded" });
    expect([(error as RateLimitError).retryAfterSeconds, (error as RateLimitError).cooldownSeconds]).toEqual([undefined, undefined]);
  });

  test("Prefer: code=402, example=credits_exhausted gives InsufficientCreditsError; code=402 alone the invalid key", async () => {
    const billing = client(plain);
    const exhausted = await billing.getCreditsInfo({ headers: { Prefer: "code=402, example=credits_exhausted" } }).catch((e: unknown) => e);
    expect(exhausted).toBeInstanceOf(InsufficientCreditsError);
    const invalid = await billing.getCreditsInfo({ headers: { Prefer: "code=402" } }).catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(AuthenticationError);
    expect(invalid).toMatchObject({ status: 402, code: "invalid_api_key" });
  });

  test("a key ending in :credits_exhausted reads InsufficientCreditsError, and may still buy (the top-up does not document it)", async () => {
    const billing = client(plain, "team-b:credits_exhausted");
    await expect(billing.getCreditsInfo()).rejects.toBeInstanceOf(InsufficientCreditsError);
    await expect(billing.purchaseTopup(10000)).resolves.toMatchObject({ success: true, credits: 10000 });
    await expect(client(plain, "team-c:invalid_api_key").purchaseTopup(10000)).rejects.toMatchObject({ name: "AuthenticationError", code: "invalid_api_key" });
  });
});

test("the scenario option: every new key of the MSW handlers answers the named error", async () => {
  const mock = await MSW_HOST.start({ scenario: "credits_exhausted" });
  try {
    await expect(createBillingClient({ apiKey: "any", baseUrl: mock.url, maxRetries: 0 }).getCreditsInfo()).rejects.toBeInstanceOf(InsufficientCreditsError);
  } finally {
    await mock.stop();
  }
});

test("an unknown scenario is refused, naming the balances and the named errors there are", () => {
  expect(() => createModel({ scenario: "broke" })).toThrow(
    'no scenario "broke"; the scenarios are exhausted, topup-pending, invalid_api_key, credits_exhausted, idempotency_key_in_progress, idempotency_key_reuse, cooldown, rate_limit_exceeded',
  );
});

test("Prism alone (this run's shared, stateless Prism) serves the named 402 too", async () => {
  const billing = createBillingClient({ apiKey: "k", baseUrl: process.env.PRISM_URL!, maxRetries: 0 });
  await expect(billing.getCreditsInfo({ headers: { Prefer: "code=402, example=credits_exhausted" } })).rejects.toBeInstanceOf(InsufficientCreditsError);
});
