// The vendor's documented error objects, named in the spec (402 credits_exhausted and invalid_api_key, 429
// rate_limit_exceeded, …), reachable in both mocks by `force` ({ status, example }), by `Prefer: code=…, example=…`, and
// by scenario (an API key ending in :credits_exhausted, or the scenario option), and read by the client as its errors.
import { AuthenticationError, createBillingClient, InsufficientCreditsError, RateLimitError } from "../../src";
import { createModel } from "../../mocks/stateful/model";
import { scenarioNames } from "../../generated/named-answers";
import { exampleOf, namedErrorAnswers } from "../../core/openapi/document";
import { loadSpec } from "../../core/openapi/bundled";
import { HOSTS, MSW_HOST, type RunningHost } from "../helpers/mock-hosts";

const spec = loadSpec();
const EXHAUSTED = exampleOf(spec, "/user/credits/info", "get", "402", "credits_exhausted");
const FORCE = { "GET /user/credits/info": { status: 402, example: "credits_exhausted" } } as const;

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
  // One mock per host, its reads forced to the named 402 (a Prism host takes seconds to start).
  let forced: RunningHost;
  beforeAll(async () => {
    forced = await host.start({ chargeMs: 0, force: FORCE });
  }, 60_000);
  afterAll(() => forced?.stop());

  // maxRetries: 0, as the guide shows for error tests: nothing here is retried, so nothing waits.
  const client = (apiKey = "team-a") => createBillingClient({ apiKey, baseUrl: forced.url, maxRetries: 0 });

  test("force { status: 402, example: 'credits_exhausted' } gives InsufficientCreditsError, with the vendor's code", async () => {
    const error = await client().getCreditsInfo().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InsufficientCreditsError);
    expect(error).toMatchObject({ status: 402, code: "credits_exhausted" });
    expect(forced.requests().at(-1)).toEqual({ method: "GET", path: "/user/credits/info", status: 402 });
  });

  test("Prefer: code=402, example=credits_exhausted gives InsufficientCreditsError; code=402 alone the invalid key", async () => {
    const billing = client();
    const exhausted = await billing.getCreditsInfo({ headers: { Prefer: "code=402, example=credits_exhausted" } }).catch((e: unknown) => e);
    expect(exhausted).toBeInstanceOf(InsufficientCreditsError);
    // A Prefer header of the request's own wins over the forced answer.
    const invalid = await billing.getCreditsInfo({ headers: { Prefer: "code=402" } }).catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(AuthenticationError);
    expect(invalid).toMatchObject({ status: 402, code: "invalid_api_key" });
  });

  test("Prefer: code=429, example=rate_limit_exceeded gives a RateLimitError with no cooldown to wait for", async () => {
    const error = await client().purchaseTopup(10000, { headers: { Prefer: "code=429, example=rate_limit_exceeded" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, code: "rate_limit_exceeded" });
    expect([(error as RateLimitError).retryAfterSeconds, (error as RateLimitError).cooldownSeconds]).toEqual([undefined, undefined]);
  });

  test("a key ending in :invalid_api_key is refused on a top-up; one ending in :credits_exhausted may still buy", async () => {
    await expect(client("team-b:invalid_api_key").purchaseTopup(10000)).rejects.toMatchObject({ name: "AuthenticationError", status: 402, code: "invalid_api_key" });
    // The top-up does not document credits_exhausted: a team out of credits buys them.
    await expect(client("team-c:credits_exhausted").purchaseTopup(10000)).resolves.toMatchObject({ success: true, credits: 10000 });
  });
});

test("a scenario of a named error, by key or by option: reads get InsufficientCreditsError (MSW; the differential test holds Prism to it)", async () => {
  const [byKey, byOption] = await Promise.all([MSW_HOST.start(), MSW_HOST.start({ scenario: "credits_exhausted" })]);
  try {
    const read = (mock: RunningHost, apiKey: string) => createBillingClient({ apiKey, baseUrl: mock.url, maxRetries: 0 }).getCreditsInfo();
    await expect(read(byKey, "team-d:credits_exhausted")).rejects.toBeInstanceOf(InsufficientCreditsError);
    await expect(read(byKey, "team-e")).resolves.toMatchObject({ credits: 12_500 });
    await expect(read(byOption, "any")).rejects.toBeInstanceOf(InsufficientCreditsError);
  } finally {
    await Promise.all([byKey.stop(), byOption.stop()]);
  }
});

test("an unknown scenario does not compile, and from JavaScript is refused naming the scenarios there are", () => {
  // @ts-expect-error -- "broke" is no scenario of the spec or the mock
  expect(() => createModel({ scenario: "broke" })).toThrow(`no scenario "broke"; the scenarios are ${scenarioNames.join(", ")}`);
});

test("Prism alone (this run's shared, stateless Prism) serves the named 402 too", async () => {
  const billing = createBillingClient({ apiKey: "k", baseUrl: process.env.PRISM_URL!, maxRetries: 0 });
  await expect(billing.getCreditsInfo({ headers: { Prefer: "code=402, example=credits_exhausted" } })).rejects.toBeInstanceOf(InsufficientCreditsError);
});
