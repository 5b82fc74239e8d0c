// The stateful layer behind Prism's proxy: balances per API key, purchases that settle, the cooldown and the
// Idempotency-Key rules. Prism validates every answer against the spec; 501 hands a request back to Prism's mock.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import { operations } from "../../generated/operations";
import type { CreditsInfo } from "../../src/index.js";
import { loadScenarios } from "../mock-spec";
import { exampleOf, loadSpec } from "../spec";
import { cooldownLeftSeconds, creditsInfo, newAccount, type Account, type Answer, type Timing } from "./account";

export type StatefulOptions = Partial<Timing> & {
  /** false: remember nothing and leave every answer to Prism's mock (still recording the requests). Default true. */
  stateful?: boolean;
  /** Every new API key starts from this scenario's balance (mocks/scenarios.json); default the spec's example. */
  scenario?: string;
  /** Or from this balance, your own (Prism still checks it against the spec on every answer). */
  start?: CreditsInfo;
  /** How long a charge takes; a second request with its Idempotency-Key meanwhile gets 409. Default 250. */
  chargeMs?: number;
  /** The clock the state reads (settling, cooldown). Default Date.now; tests pass their own to move time. */
  now?: () => number;
};

export type SeenByMock = { method: string; path: string; status: number };

export type StatefulServer = {
  url: string;
  requests: SeenByMock[];
  reset(): void;
  close(): Promise<void>;
};

const CREDITS = operations["GET /user/credits/info"].path;
const TOPUP = operations["POST /user/purchase-topup"].path;
/** An API key ending in `:<scenario>` starts from that scenario, whatever the mock's default. */
const SCENARIO_SUFFIX = /:([\w-]+)$/;

export const STATEFUL_DEFAULTS = { settleMs: 3_000, chargeMs: 250 } as const;

export async function startStatefulServer(options: StatefulOptions = {}): Promise<StatefulServer> {
  const spec = loadSpec();
  const cooldown = exampleOf(spec, TOPUP, "post", "429") as { cooldown_seconds: number };
  const timing: Timing = {
    settleMs: options.settleMs ?? STATEFUL_DEFAULTS.settleMs,
    cooldownMs: options.cooldownMs ?? cooldown.cooldown_seconds * 1000,
  };
  const chargeMs = options.chargeMs ?? STATEFUL_DEFAULTS.chargeMs;
  const now = options.now ?? Date.now;
  const starts = new Map<string, CreditsInfo>([["", options.start ?? (exampleOf(spec, CREDITS, "get", "200") as CreditsInfo)]]);
  for (const scenario of loadScenarios()) if (scenario.operation === "GET /user/credits/info") starts.set(scenario.name, scenario.body as CreditsInfo);
  if (options.scenario !== undefined && !starts.has(options.scenario)) {
    throw new Error(`no scenario "${options.scenario}"; the scenarios are ${[...starts.keys()].filter(Boolean).join(", ")}`);
  }
  const accounts = new Map<string, Account>();
  const requests: SeenByMock[] = [];

  function accountFor(req: IncomingMessage): Account {
    const key = String(req.headers.authorization ?? "").replace(/^Bearer\s+/i, "");
    let account = accounts.get(key);
    if (!account) {
      const named = SCENARIO_SUFFIX.exec(key)?.[1];
      account = newAccount(starts.get(named !== undefined && starts.has(named) ? named : (options.scenario ?? ""))!);
      accounts.set(key, account);
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
    account.purchases.push({ credits, at: now(), paymentIntentId: `pi_mock_${randomBytes(12).toString("hex")}` });
    // The charge takes a while; meanwhile the key is in progress (409 to a second request with it).
    if (chargeMs > 0) await new Promise((resolve) => setTimeout(resolve, chargeMs));
    record.answer = { status: 200, body: { success: true, payment_intent_id: account.purchases.at(-1)!.paymentIntentId, credits } };
    return record.answer;
  }

  async function answer(req: IncomingMessage, body: string): Promise<Answer> {
    // Forced statuses, named examples and random bodies stay Prism's: the stateless path, exactly as before.
    if (req.headers.prefer || options.stateful === false) return { status: 501, body: { error: "left to Prism's mock" } };
    const path = new URL(req.url ?? "/", "http://mock").pathname;
    const account = accountFor(req);
    if (req.method === "GET" && path === CREDITS) return { status: 200, body: creditsInfo(account, now(), timing) };
    if (req.method === "POST" && path === TOPUP) {
      const key = req.headers["idempotency-key"];
      return purchase(account, body, typeof key === "string" ? key : undefined);
    }
    return { status: 501, body: { error: "not modelled by the stateful mock" } };
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      answer(req, Buffer.concat(chunks).toString("utf8"))
        .catch((error: unknown): Answer => ({ status: 500, body: { error: `stateful mock: ${(error as Error).message}` } }))
        .then((result) => {
          requests.push({ method: req.method ?? "", path: new URL(req.url ?? "/", "http://mock").pathname, status: result.status });
          send(res, result);
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    reset: () => {
      accounts.clear();
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(res: ServerResponse, answer: Answer): void {
  const text = JSON.stringify(answer.body);
  res.writeHead(answer.status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...answer.headers });
  res.end(text);
}
