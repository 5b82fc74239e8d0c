// One contract, two hosts: the purchase flow and every refusal, sent as raw HTTP to the Prism-backed mock and to the
// MSW handlers, must get the same answers, step by step (status, body, and the headers a client reads).
import { HOSTS, type Host } from "../helpers/mock-hosts";

type Step = { name: string; method?: string; path?: string; key?: string | null; headers?: Record<string, string>; body?: string; advanceMs?: number };
type Seen = { step: string; status: number; body: unknown; headers: Record<string, string | null> };

const json = { "content-type": "application/json" };
const STEPS: Step[] = [
  { name: "read a new team's balance" },
  { name: "buy", method: "POST", path: "/user/purchase-topup", headers: { ...json, "idempotency-key": "k1" }, body: '{"credits":10000}' },
  { name: "the same key and body again: the first receipt", method: "POST", path: "/user/purchase-topup", headers: { ...json, "idempotency-key": "k1" }, body: '{"credits":10000}' },
  { name: "the same key, another body: 422", method: "POST", path: "/user/purchase-topup", headers: { ...json, "idempotency-key": "k1" }, body: '{"credits":20000}' },
  { name: "another purchase in the cooldown: 429", method: "POST", path: "/user/purchase-topup", headers: { ...json, "idempotency-key": "k2" }, body: '{"credits":20000}', advanceMs: 1_000 },
  { name: "the balance with the Pending lot" },
  { name: "the balance once the purchase settled", advanceMs: 5_000 },
  { name: "after the cooldown, a purchase goes through", method: "POST", path: "/user/purchase-topup", headers: { ...json, "idempotency-key": "k3" }, body: '{"credits":20000}', advanceMs: 60_000 },
  { name: "another team starts from the exhausted scenario", key: "team-b:exhausted" },
  { name: "no Authorization: 401", key: null },
  { name: "a body outside the enum: 422", method: "POST", path: "/user/purchase-topup", headers: json, body: '{"credits":5}' },
  { name: "no body: 422", method: "POST", path: "/user/purchase-topup" },
  { name: "an Idempotency-Key of 300 characters: 422", method: "POST", path: "/user/purchase-topup", headers: { ...json, "idempotency-key": "x".repeat(300) }, body: '{"credits":10000}' },
  { name: "a path the spec lacks: 404", path: "/user/refund" },
  { name: "a method the spec lacks: 405", method: "DELETE" },
  { name: "Prefer: code=402, the first named example (invalid_api_key)", headers: { prefer: "code=402" } },
  { name: "Prefer: code=402, example=credits_exhausted", headers: { prefer: "code=402, example=credits_exhausted" } },
  { name: "Prefer: code=418, a status the spec lacks", headers: { prefer: "code=418" } },
  { name: "Prefer: example=topup-pending", headers: { prefer: "example=topup-pending" } },
  { name: "Prefer: example=nope", headers: { prefer: "example=nope" } },
];

/** What differs between any two runs by design: the payment id is random. */
function comparable(body: unknown): unknown {
  return JSON.parse(JSON.stringify(body ?? null).replace(/"pi_mock_[0-9a-f]{24}"/g, '"pi_mock_<random>"'));
}

async function walk(host: Host): Promise<Seen[]> {
  let clock = Date.parse("2026-11-25T12:00:00Z");
  const mock = await host.start({ now: () => clock, chargeMs: 0, settleMs: 5_000 });
  try {
    const seen: Seen[] = [];
    for (const step of STEPS) {
      clock += step.advanceMs ?? 0;
      const key = step.key === undefined ? "team-a" : step.key;
      const headers = { ...(key === null ? {} : { authorization: `Bearer ${key}` }), ...step.headers };
      const response = await fetch(`${mock.url}${step.path ?? "/user/credits/info"}`, { method: step.method ?? "GET", headers, body: step.body });
      const text = await response.text();
      const read = ["content-type", "retry-after", "www-authenticate", "sl-violations"].map((name) => [name, response.headers.get(name)?.split(";")[0] ?? null]);
      seen.push({ step: step.name, status: response.status, body: comparable(text ? JSON.parse(text) : null), headers: Object.fromEntries(read) });
    }
    return seen;
  } finally {
    await mock.stop();
  }
}

test("the purchase flow and every refusal get the same answers from Prism and from the MSW handlers, step by step", async () => {
  const [prism, msw] = [await walk(HOSTS[0]!), await walk(HOSTS[1]!)];
  expect(prism.map((seen) => `${seen.step}: ${seen.status}`)).toEqual(STEPS.map((step) => expect.stringContaining(step.name)));
  for (const [index, step] of STEPS.entries()) expect({ step: step.name, ...msw[index] }).toEqual({ step: step.name, ...prism[index] });
}, 60_000);
