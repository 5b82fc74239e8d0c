// One answer per request, whichever host: the same raw requests (methods, content types, bodies valid and not, headers,
// Prefer, Idempotency-Keys, API keys) sent to the Prism-hosted stateful mock and to the MSW handlers (msw/node), and
// their status, media type and body compared. Each request is its own team (its own API key), so order does not matter.
import { HOSTS, type RunningHost } from "../helpers/mock-hosts";

type Probe = { name: string; method?: string; path?: string; key?: string | null; headers?: Record<string, string>; body?: string | Blob };
type Seen = { status: number; type: string | null; body: unknown };

const CREDITS = "/user/credits/info";
const TOPUP = "/user/purchase-topup";
const JSON_TYPE = { "content-type": "application/json" };
const buy = (headers: Record<string, string>, body: string | Blob = '{"credits":10000}', extra: Partial<Probe> = {}): Partial<Probe> => ({ method: "POST", path: TOPUP, headers, body, ...extra });
/** A body of no type, which fetch sends with no content type (a string would go as text/plain). */
const bytes = (text: string) => new Blob([text]);

const PROBES: Probe[] = [
  // Methods
  { name: "GET the balance" },
  { name: "GET with a query string", path: `${CREDITS}?verbose=1` },
  { name: "HEAD the balance", method: "HEAD" },
  { name: "HEAD the top-up", method: "HEAD", path: TOPUP },
  { name: "OPTIONS, a browser's preflight", method: "OPTIONS", key: null, headers: { origin: "https://app.example", "access-control-request-method": "GET", "access-control-request-headers": "authorization" } },
  { name: "OPTIONS, plain", method: "OPTIONS" },
  { name: "OPTIONS the top-up, a preflight", method: "OPTIONS", path: TOPUP, key: null, headers: { origin: "https://app.example", "access-control-request-method": "POST" } },
  { name: "POST to the balance", method: "POST", headers: JSON_TYPE, body: "{}" },
  { name: "PUT the balance", method: "PUT", headers: JSON_TYPE, body: "{}" },
  { name: "DELETE the balance", method: "DELETE" },
  { name: "PATCH the top-up", method: "PATCH", path: TOPUP, headers: JSON_TYPE, body: '{"credits":10000}' },
  { name: "GET the top-up", path: TOPUP },
  { name: "a path the spec lacks", path: "/user/refund" },
  { name: "a trailing slash", path: `${CREDITS}/` },
  // Content types and bodies
  { name: "a top-up as JSON", ...buy(JSON_TYPE) },
  { name: "a top-up as JSON with a charset", ...buy({ "content-type": "application/json; charset=utf-8" }) },
  { name: "a top-up as text/plain", ...buy({ "content-type": "text/plain" }) },
  { name: "a top-up with no content type", ...buy({}, bytes('{"credits":10000}')) },
  { name: "a top-up as text/plain;charset=UTF-8, fetch's default for a string", ...buy({}) },
  { name: "a top-up as application/vnd.api+json", ...buy({ "content-type": "application/vnd.api+json" }) },
  { name: "a top-up as a form", ...buy({ "content-type": "application/x-www-form-urlencoded" }, "credits=10000") },
  { name: "a top-up of invalid JSON", ...buy(JSON_TYPE, '{"credits":') },
  { name: "a top-up of invalid JSON as text/plain", ...buy({ "content-type": "text/plain" }, "credits please") },
  { name: "a top-up of invalid JSON, the client accepting HTML only", ...buy({ ...JSON_TYPE, accept: "text/html" }, "{") },
  { name: "a top-up of invalid JSON, the client accepting JSON", ...buy({ ...JSON_TYPE, accept: "application/json" }, "{") },
  { name: "invalid JSON to a path the spec lacks", ...buy(JSON_TYPE, "{", { path: "/user/refund" }) },
  { name: "invalid JSON with no Authorization", key: null, ...buy(JSON_TYPE, "{") },
  { name: "a top-up of JSON false", ...buy(JSON_TYPE, "false") },
  { name: "a top-up with an empty JSON body", ...buy(JSON_TYPE, "") },
  { name: "a top-up with no body and no content type", ...buy({}, "", { body: undefined }) },
  { name: "a top-up outside the enum", ...buy(JSON_TYPE, '{"credits":5}') },
  { name: "a top-up with credits as a string", ...buy(JSON_TYPE, '{"credits":"10000"}') },
  { name: "a top-up of an empty object", ...buy(JSON_TYPE, "{}") },
  { name: "a top-up of an array", ...buy(JSON_TYPE, "[10000]") },
  { name: "a top-up of null", ...buy(JSON_TYPE, "null") },
  { name: "a top-up with an extra property", ...buy(JSON_TYPE, '{"credits":10000,"coupon":"FREE"}') },
  // Idempotency-Keys
  { name: "a top-up with an Idempotency-Key", ...buy({ ...JSON_TYPE, "idempotency-key": "topup-1-a" }) },
  { name: "a top-up with an empty Idempotency-Key", ...buy({ ...JSON_TYPE, "idempotency-key": "" }) },
  { name: "a top-up with an Idempotency-Key of spaces", ...buy({ ...JSON_TYPE, "idempotency-key": "   " }) },
  { name: "a top-up with an Idempotency-Key of 255 characters", ...buy({ ...JSON_TYPE, "idempotency-key": "k".repeat(255) }) },
  { name: "a top-up with an Idempotency-Key of 256 characters", ...buy({ ...JSON_TYPE, "idempotency-key": "k".repeat(256) }) },
  { name: "an empty Idempotency-Key and a body outside the enum", ...buy({ ...JSON_TYPE, "idempotency-key": "" }, '{"credits":5}') },
  { name: "an empty Idempotency-Key and invalid JSON", ...buy({ ...JSON_TYPE, "idempotency-key": "" }, '{"credits":') },
  { name: "an empty Idempotency-Key and no Authorization", key: null, ...buy({ ...JSON_TYPE, "idempotency-key": "" }) },
  { name: "an Idempotency-Key of 256 characters and a body outside the enum", ...buy({ ...JSON_TYPE, "idempotency-key": "k".repeat(256) }, '{"credits":5}') },
  { name: "an empty Idempotency-Key as text/plain", ...buy({ "content-type": "text/plain", "idempotency-key": "" }) },
  // API keys and Authorization
  { name: "no Authorization", key: null },
  { name: "no Authorization on a top-up", key: null, ...buy(JSON_TYPE) },
  { name: "Bearer with no token", key: null, headers: { authorization: "Bearer" } },
  { name: "Basic credentials", key: null, headers: { authorization: "Basic dXNlcjpwYXNz" } },
  { name: "a lowercase bearer", key: null, headers: { authorization: "bearer team-lower" } },
  { name: "a key from the exhausted scenario", key: "team:exhausted" },
  { name: "a key from the topup-pending scenario", key: "team:topup-pending" },
  { name: "a key from a scenario there is not", key: "team:nope" },
  { name: "a key from the credits_exhausted scenario", key: "team:credits_exhausted" },
  { name: "a key from the invalid_api_key scenario", key: "team:invalid_api_key" },
  { name: "a top-up from the credits_exhausted scenario (the top-up does not document it)", key: "team:credits_exhausted", ...buy(JSON_TYPE) },
  { name: "a top-up from the invalid_api_key scenario", key: "team:invalid_api_key", ...buy(JSON_TYPE) },
  { name: "a top-up from the rate_limit_exceeded scenario", key: "team:rate_limit_exceeded", ...buy(JSON_TYPE) },
  // Prefer
  { name: "Prefer: code=402", headers: { prefer: "code=402" } },
  { name: "Prefer: code=402, example=credits_exhausted", headers: { prefer: "code=402, example=credits_exhausted" } },
  { name: "Prefer: code=402, example=invalid_api_key", headers: { prefer: "code=402, example=invalid_api_key" } },
  { name: "Prefer: example=credits_exhausted alone", headers: { prefer: "example=credits_exhausted" } },
  { name: "Prefer: code=500", headers: { prefer: "code=500" } },
  { name: "Prefer: code=200", headers: { prefer: "code=200" } },
  { name: "Prefer: code=418", headers: { prefer: "code=418" } },
  { name: "Prefer: example=exhausted", headers: { prefer: "example=exhausted" } },
  { name: "Prefer: example=nope", headers: { prefer: "example=nope" } },
  { name: "Prefer: code=402, example=nope", headers: { prefer: "code=402, example=nope" } },
  { name: "Prefer: code=500, example=nope", headers: { prefer: "code=500, example=nope" } },
  { name: "Prefer: code=402;example=credits_exhausted (a parameter of code, not a preference)", headers: { prefer: "code=402;example=credits_exhausted" } },
  { name: "Prefer: Code=500, in capitals", headers: { prefer: "Code=500" } },
  { name: "Prefer: code=\"402\", quoted", headers: { prefer: 'code="402", example="credits_exhausted"' } },
  { name: "Prefer: code=500, code=402: the first wins", headers: { prefer: "code=500, code=402" } },
  { name: "Prefer: code=abc", headers: { prefer: "code=abc" } },
  { name: "Prefer: code=40", headers: { prefer: "code=40" } },
  { name: "Prefer: code, with no value", headers: { prefer: "code" } },
  { name: "Prefer: example, with no value", headers: { prefer: "example" } },
  { name: "Prefer: respond-async, a preference of no concern", headers: { prefer: "respond-async, wait=5" } },
  { name: "Prefer: dynamic=maybe", headers: { prefer: "dynamic=maybe" } },
  { name: "__code and __example in the query", path: `${CREDITS}?__code=402&__example=credits_exhausted` },
  { name: "__code in the query and a Prefer header", path: `${CREDITS}?__code=402`, headers: { prefer: "code=500" } },
  { name: "__code=abc in the query", path: `${CREDITS}?__code=abc` },
  { name: "Prefer: code=409 on a top-up", ...buy({ ...JSON_TYPE, prefer: "code=409" }) },
  { name: "Prefer: code=429 on a top-up", ...buy({ ...JSON_TYPE, prefer: "code=429" }) },
  { name: "Prefer: code=429, example=rate_limit_exceeded on a top-up", ...buy({ ...JSON_TYPE, prefer: "code=429, example=rate_limit_exceeded" }) },
  { name: "Prefer: code=402 on an invalid top-up", ...buy({ ...JSON_TYPE, prefer: "code=402" }, '{"credits":5}') },
  { name: "Prefer: code=402 without Authorization", key: null, headers: { prefer: "code=402" } },
];

/** What differs between any two runs by design: the payment id is random. */
const comparable = (text: string): unknown => {
  const normal = text.replace(/pi_mock_[0-9a-f]{24}/g, "pi_mock_<random>");
  try {
    return JSON.parse(normal);
  } catch {
    return normal;
  }
};

async function send(mock: RunningHost, probe: Probe, index: number): Promise<Seen> {
  const key = probe.key === undefined ? `team-${index}` : probe.key;
  const headers = { ...(key === null ? {} : { authorization: `Bearer ${key}` }), ...probe.headers };
  const response = await fetch(`${mock.url}${probe.path ?? CREDITS}`, { method: probe.method ?? "GET", headers, body: probe.body });
  const text = await response.text();
  return { status: response.status, type: response.headers.get("content-type")?.split(";")[0]?.trim() ?? null, body: text === "" ? null : comparable(text) };
}

let prism: RunningHost, msw: RunningHost;
const clock = Date.parse("2026-11-25T12:00:00Z");
beforeAll(async () => {
  [prism, msw] = (await Promise.all(HOSTS.map((host) => host.start({ now: () => clock, chargeMs: 0 })))) as [RunningHost, RunningHost];
}, 60_000);
afterAll(() => Promise.all([prism?.stop(), msw?.stop()]));

/** Each probe sent to both hosts at once (each is its own team): the answers, in the probes' order. */
const answers = () => Promise.all(PROBES.map(async (probe, index) => ({ probe, fromPrism: await send(prism, probe, index), fromMsw: await send(msw, probe, index) })));

test("every probe gets the same status, media type and body from Prism and from the MSW handlers", async () => {
  const differences = (await answers())
    .filter(({ fromPrism, fromMsw }) => JSON.stringify(fromPrism) !== JSON.stringify(fromMsw))
    .map(({ probe, fromPrism, fromMsw }) => `${probe.name}:\n  Prism ${JSON.stringify(fromPrism)}\n  MSW   ${JSON.stringify(fromMsw)}`);
  expect(differences).toEqual([]);
}, 30_000);

// Where the hosts used to differ, the answer that follows the vendor's documented behaviour (and the spec), on both.
const byName = (name: string): Probe => PROBES.find((probe) => probe.name === name)!;
test.each([
  // The request body is documented as application/json only: anything else is refused, and nothing is charged.
  ["a top-up as text/plain", 422, "application/problem+json"],
  ["a top-up with no content type", 422, "application/problem+json"],
  // Malformed JSON is a 400, which does not use an Idempotency-Key up (the vendor's Idempotency page).
  ["a top-up of invalid JSON", 400, "application/json"],
  // An Idempotency-Key has at least one character (the spec): an empty one is refused, not charged without a key.
  ["a top-up with an empty Idempotency-Key", 422, "application/problem+json"],
  // The API documents no CORS and no OPTIONS: a preflight gets the spec's 405 (a key belongs on a server).
  ["OPTIONS, a browser's preflight", 405, "application/problem+json"],
  ["HEAD the balance", 405, "application/problem+json"],
] as const)("%s: %i (%s) from both hosts, and nothing charged", async (name, status, type) => {
  const probe = byName(name);
  const index = PROBES.indexOf(probe);
  for (const host of [prism, msw]) {
    const seen = await send(host, probe, index);
    expect({ status: seen.status, type: seen.type }).toEqual({ status, type });
    // A HEAD answer has no body, from either host.
    if (probe.method === "HEAD") expect(seen.body).toBeNull();
    const balance = await send(host, { name: "the balance after" }, index);
    expect((balance.body as { breakdown: unknown[] }).breakdown).toHaveLength(2);
  }
});

test("a key ending in :credits_exhausted reads the vendor's 402 credits_exhausted from both hosts (the Prism host through its model)", async () => {
  const probe = byName("a key from the credits_exhausted scenario");
  for (const host of [prism, msw]) {
    expect(await send(host, probe, PROBES.indexOf(probe))).toMatchObject({ status: 402, type: "application/json", body: { object: "error", code: "credits_exhausted" } });
  }
});
