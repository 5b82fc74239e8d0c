// The stateful mock's model: balances per API key, purchases that settle, the cooldown and the Idempotency-Key rules,
// as answers to requests. It knows no host: the Prism mock serves it through node:http (server.ts), the MSW handlers
// through request handlers (../msw/); both give the same answers because both ask this.
import { operations } from "../../generated/operations.js";
import { scenarioNames, type ScenarioName } from "../../generated/named-answers.js";
import { loadScenarios } from "../mock-spec.js";
import { exampleOf, namedErrorAnswers } from "../../core/openapi/document.js";
import { loadSpec } from "../../core/openapi/bundled.js";
import { STATEFUL_DEFAULTS } from "../../core/mock-defaults.js";
import { cooldownLeftSeconds, creditsInfo, movedToToday, newAccount, type Account, type Answer, type CreditsInfo, type Timing } from "./account.js";

export type { Answer } from "./account.js";
export type { ForcedAnswer, ForcedStatuses } from "../forced.js";

/** How the stateful mock behaves; `startMock()` and `createHandlers()` take these. */
export type StatefulOptions = {
  /** How long a purchase stays a `Pending` lot before it lands. Default 3000. */
  settleMs?: number;
  /** One purchase attempt per team per this long. Default the spec's cooldown example (60 s). */
  cooldownMs?: number;
  /** false: remember nothing, and answer every request from the spec's examples. Default true. */
  stateful?: boolean;
  /**
   * Every new API key starts from this scenario: a balance (mocks/scenarios.ts: `exhausted`, `topup-pending`), or a
   * documented error by its example's name (`credits_exhausted`, `invalid_api_key`), which every operation documenting
   * it answers. Default: the spec's example balance.
   */
  scenario?: ScenarioName;
  /** Or from this balance, your own, kept as given (each answer is still checked against the spec). */
  start?: CreditsInfo;
  /** How long a charge takes; a second request with its Idempotency-Key meanwhile gets 409. Default 250. */
  chargeMs?: number;
  /** The clock the state reads (settling, cooldown, lots' dates). Default Date.now; tests pass their own to move time. */
  now?: () => number;
};

/** What the model reads of a request: the host has parsed it, and has checked it against the spec. */
export type ModelRequest = { method: string; path: string; apiKey: string; idempotencyKey: string | undefined; body: string };

export type Model = {
  /** The answer to a request, or undefined when the model has none (the host answers from the spec's examples). */
  answer(request: ModelRequest): Promise<Answer | undefined>;
  /** Forgets every balance, purchase and Idempotency-Key. */
  reset(): void;
};

const CREDITS = operations["GET /user/credits/info"].path;
const TOPUP = operations["POST /user/purchase-topup"].path;
/** An API key ending in `:<scenario>` starts from that scenario, whatever the mock's default. */
const SCENARIO_SUFFIX = /:([\w-]+)$/;

export { STATEFUL_DEFAULTS } from "../../core/mock-defaults.js";

/** Throws, naming the scenarios there are, when `options.scenario` is not one of them. */
export function createModel(options: StatefulOptions = {}): Model {
  const spec = loadSpec();
  const cooldown = exampleOf(spec, TOPUP, "post", "429") as { cooldown_seconds: number };
  const timing: Timing = {
    settleMs: options.settleMs ?? STATEFUL_DEFAULTS.settleMs,
    cooldownMs: options.cooldownMs ?? cooldown.cooldown_seconds * 1000,
  };
  const chargeMs = options.chargeMs ?? STATEFUL_DEFAULTS.chargeMs;
  const now = options.now ?? Date.now;
  // The spec's example and the scenarios carry fixed dates (the example's lots expired in 2025); a mock that looks
  // alive moves them to today. A balance of the caller's own is kept as given.
  const starts = new Map<string, CreditsInfo>([["", exampleOf(spec, CREDITS, "get", "200") as CreditsInfo]]);
  for (const scenario of loadScenarios()) if (scenario.operation === "GET /user/credits/info") starts.set(scenario.name, scenario.body as CreditsInfo);
  // The spec's named error answers are scenarios too: `credits_exhausted` → every operation documenting it answers it.
  const refusals = new Map<string, Map<string, Answer>>();
  for (const { name, operation, status, body } of namedErrorAnswers(spec)) {
    if (!refusals.has(name)) refusals.set(name, new Map());
    refusals.get(name)!.set(operation, { status, body });
  }
  if (options.scenario !== undefined && !(scenarioNames as readonly string[]).includes(options.scenario)) {
    throw new Error(`no scenario "${String(options.scenario)}"; the scenarios are ${scenarioNames.join(", ")}`);
  }
  const accounts = new Map<string, Account>();

  /** The scenario a key starts from: its own (`team-b:exhausted`) if there is one by that name, else the mock's. */
  function scenarioOf(apiKey: string): string {
    const named = SCENARIO_SUFFIX.exec(apiKey)?.[1];
    return named !== undefined && (starts.has(named) || refusals.has(named)) ? named : (options.scenario ?? "");
  }

  function accountFor(apiKey: string): Account {
    let account = accounts.get(apiKey);
    if (!account) {
      // A scenario of an error answer keeps the default balance for the operations that do not document that error.
      const scenario = starts.has(scenarioOf(apiKey)) ? scenarioOf(apiKey) : "";
      account = newAccount(scenario === "" && options.start ? options.start : movedToToday(starts.get(scenario)!, now()));
      accounts.set(apiKey, account);
    }
    return account;
  }

  async function purchase(account: Account, body: string, idempotencyKey: string | undefined): Promise<Answer> {
    const used = idempotencyKey === undefined ? undefined : account.keys.get(idempotencyKey);
    if (used && used.body !== body) return { status: 422, body: exampleOf(spec, TOPUP, "post", "422") };
    if (used && !used.answer) return { status: 409, body: exampleOf(spec, TOPUP, "post", "409") };
    if (used?.answer) return used.answer;
    const wait = cooldownLeftSeconds(account, now(), timing);
    // A cooldown does not use the key up: the vendor documents 429 as transient.
    if (wait > 0) {
      return { status: 429, body: { retry_after: wait, cooldown_seconds: timing.cooldownMs / 1000 }, headers: { "retry-after": String(wait) } };
    }
    const record = { body, answer: undefined as Answer | undefined };
    if (idempotencyKey !== undefined) account.keys.set(idempotencyKey, record);
    const credits = (JSON.parse(body) as { credits: number }).credits;
    const paymentIntentId = `pi_mock_${randomHex(12)}`;
    account.purchases.push({ credits, at: now(), paymentIntentId });
    // The charge takes a while; meanwhile the key is in progress (409 to a second request with it).
    if (chargeMs > 0) await new Promise((resolve) => setTimeout(resolve, chargeMs));
    record.answer = { status: 200, body: { success: true, payment_intent_id: paymentIntentId, credits } };
    return record.answer;
  }

  return {
    async answer({ method, path, apiKey, idempotencyKey, body }) {
      if (options.stateful === false) return undefined;
      const refusal = refusals.get(scenarioOf(apiKey))?.get(`${method} ${path}`);
      if (refusal) return structuredClone(refusal);
      if (method === "GET" && path === CREDITS) return { status: 200, body: creditsInfo(accountFor(apiKey), now(), timing) };
      if (method === "POST" && path === TOPUP) return purchase(accountFor(apiKey), body, idempotencyKey);
      return undefined;
    },
    reset: () => accounts.clear(),
  };
}

/** Web Crypto, so that the model runs in browsers (MSW's worker) as in Node. */
function randomHex(bytes: number): string {
  return Array.from(globalThis.crypto.getRandomValues(new Uint8Array(bytes)), (byte) => byte.toString(16).padStart(2, "0")).join("");
}
