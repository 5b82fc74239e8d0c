// One contract, two hosts: the purchase flow and every refusal, sent as raw HTTP to the Prism-backed mock and to the
// MSW handlers, must get the statuses they name and the same answers, step by step (status, headers, body).
import { stretched } from "../../core/patience";
import { HOSTS, type Host } from "../helpers/mock-hosts";
import { comparableAnswer, type HostAnswer } from "../helpers/probes";
import { operations } from "../../generated/operations";
import { exampleOf, loadSpec } from "../helpers/spec";

type Step = { name: string; status: number; body?: unknown; method?: string; path?: string; key?: string | null; headers?: Record<string, string>; send?: string; advanceMs?: number };
type Seen = { step: string } & HostAnswer;

const spec = loadSpec();
const CREDITS = operations["GET /user/credits/info"];
const TOPUP = operations["POST /user/purchase-topup"];
/** A documented answer's body, from the spec: the status's named example, or its one example. */
const documented = (operation: { method: string; path: string }, status: number, name?: string) => exampleOf(spec, operation.path, operation.method.toLowerCase(), String(status), name);
const json = { "content-type": "application/json" };
const STEPS: Step[] = [
  { name: "read a new team's balance", status: 200 },
  { name: "buy", status: 200, method: "POST", path: TOPUP.path, headers: { ...json, "idempotency-key": "k1" }, send: '{"credits":10000}' },
  { name: "the same key and body again: the first receipt", status: 200, method: "POST", path: TOPUP.path, headers: { ...json, "idempotency-key": "k1" }, send: '{"credits":10000}' },
  { name: "the same key, another body: 422", status: 422, body: documented(TOPUP, 422), method: "POST", path: TOPUP.path, headers: { ...json, "idempotency-key": "k1" }, send: '{"credits":20000}' },
  { name: "another purchase in the cooldown: 429", status: 429, method: "POST", path: TOPUP.path, headers: { ...json, "idempotency-key": "k2" }, send: '{"credits":20000}', advanceMs: 1_000 },
  { name: "the balance with the Pending lot", status: 200 },
  { name: "the balance once the purchase settled", status: 200, advanceMs: 5_000 },
  { name: "after the cooldown, a purchase goes through", status: 200, method: "POST", path: TOPUP.path, headers: { ...json, "idempotency-key": "k3" }, send: '{"credits":20000}', advanceMs: 60_000 },
  { name: "another team starts from the exhausted scenario", status: 200, key: "team-b:exhausted" },
  { name: "no Authorization: 401", status: 401, key: null },
  { name: "a body outside the enum: 422", status: 422, method: "POST", path: TOPUP.path, headers: json, send: '{"credits":5}' },
  { name: "no body: 422", status: 422, method: "POST", path: TOPUP.path },
  { name: "an Idempotency-Key of 300 characters: 422", status: 422, method: "POST", path: TOPUP.path, headers: { ...json, "idempotency-key": "x".repeat(300) }, send: '{"credits":10000}' },
  { name: "a path the spec lacks: 404", status: 404, path: "/user/refund" },
  { name: "a method the spec lacks: 405", status: 405, method: "DELETE" },
  { name: "Prefer: code=402, the first named example (invalid_api_key)", status: 402, body: documented(CREDITS, 402), headers: { prefer: "code=402" } },
  { name: "Prefer: code=402, example=credits_exhausted", status: 402, body: documented(CREDITS, 402, "credits_exhausted"), headers: { prefer: "code=402, example=credits_exhausted" } },
  // Prism's answer to a status the spec does not document: a 404 problem document.
  { name: "Prefer: code=418, a status the spec lacks", status: 404, headers: { prefer: "code=418" } },
  { name: "Prefer: example=topup-pending", status: 200, headers: { prefer: "example=topup-pending" } },
  { name: "Prefer: example=nope", status: 404, headers: { prefer: "example=nope" } },
];

async function walk(host: Host): Promise<Seen[]> {
  let clock = Date.parse("2026-11-25T12:00:00Z");
  const mock = await host.start({ now: () => clock, chargeMs: 0, settleMs: 5_000 });
  try {
    const seen: Seen[] = [];
    for (const step of STEPS) {
      clock += step.advanceMs ?? 0;
      const key = step.key === undefined ? "team-a" : step.key;
      const headers = { ...(key === null ? {} : { authorization: `Bearer ${key}` }), ...step.headers };
      const response = await fetch(`${mock.url}${step.path ?? CREDITS.path}`, { method: step.method ?? "GET", headers, body: step.send });
      // Every header but the transport's (probes.ts), the body with its random payment id made constant.
      seen.push({ step: step.name, ...comparableAnswer(response.status, response.headers, await response.text()) });
    }
    return seen;
  } finally {
    await mock.stop();
  }
}

test("the purchase flow and every refusal get the statuses they name, and the same answers from Prism and from the MSW handlers, step by step", async () => {
  const [prism, msw] = [await walk(HOSTS[0]!), await walk(HOSTS[1]!)];
  expect(prism.map((seen) => `${seen.step}: ${seen.status}`)).toEqual(STEPS.map((step) => `${step.name}: ${step.status}`));
  // Where the spec documents the answer, its body is the spec's example.
  for (const [index, step] of STEPS.entries()) if (step.body !== undefined) expect({ step: step.name, body: prism[index]!.body }).toEqual({ step: step.name, body: step.body });
  for (const [index, step] of STEPS.entries()) expect({ step: step.name, ...msw[index] }).toEqual({ step: step.name, ...prism[index] });
}, stretched(60_000));
