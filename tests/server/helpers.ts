// The route's test bench: an upstream that counts what reaches it (a real local server dated by the test's clock), a
// handler over it with an injected clock and a log the test reads, and viewers as Fetch requests. Nothing here waits
// on the wall clock: a test awaits the upstream requests it expects (reached) and the work the route kept alive
// after answering (settled), however long a busy machine takes.
import { createBillingHandler, type BillingHandler, type BillingHandlerOptions } from "../../src/server";
import { json, startFaultServer, type FaultServer, type Handler } from "../helpers/fault-server";
import { exampleOf, loadSpec } from "../helpers/spec";
import type { Received } from "./browser-cache";

export const CANARY = "sk_live_ROUTECANARY_7c1d2e3f";
export const PAGE = "http://app.example:3000";
export const example = exampleOf(loadSpec(), "/user/credits/info", "get", "200") as Record<string, unknown>;

/** A clock the test moves by hand; the route reads it for freshness, cooldowns and backoff, upstream for its Date. */
export function testClock(start = Date.parse("2026-11-25T12:00:00Z")) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms), at: (ms: number) => void (now = start + ms), start };
}
export type TestClock = ReturnType<typeof testClock>;

/** An HTTP-date (whole seconds, as a server's Date says it). */
export const httpDate = (ms: number) => new Date(ms).toUTCString();

/** What the route logged: each line with the error it came with. */
export type Logged = { line: string; error: unknown }[];

export type Bench = {
  upstream: FaultServer;
  /** A viewer's request, with a context whose waitUntil keeps what the route goes on doing after answering. */
  handle: (request: Request) => Promise<Response>;
  /** The handler createBillingHandler made (for toNodeHandler). */
  handler: BillingHandler<unknown>;
  clock: TestClock;
  logged: Logged;
  /** Resolves once `count` requests have reached upstream. */
  reached(count: number): Promise<void>;
  /** Resolves once every refresh the route kept alive (through waitUntil) has settled. */
  settled(): Promise<void>;
};

/** A handler over an upstream answering with `handlers` (the last answers the rest), on `clock` or a new test clock. */
export async function bench(options: Partial<BillingHandlerOptions> & { clock?: TestClock } = {}, ...handlers: Handler[]): Promise<Bench> {
  const { clock = testClock(), ...rest } = options;
  const waiting: { count: number; arrived(): void }[] = [];
  let arrivals = 0;
  // Upstream's clock is the test's: its Date is part of what the route reads an answer's age from.
  const dated =
    (handler: Handler): Handler =>
    (req, res, index, seen) => {
      res.setHeader("date", httpDate(clock.now()));
      arrivals++;
      for (const waiter of waiting.filter((w) => w.count <= arrivals)) waiting.splice(waiting.indexOf(waiter), 1), waiter.arrived();
      handler(req, res, index, seen);
    };
  const upstream = await startFaultServer(...(handlers.length ? handlers : [json(200, example)]).map(dated));
  const logged: Logged = [];
  const log = (line: string, error?: unknown) => void logged.push({ line, error });
  const handler = createBillingHandler({ apiKey: CANARY, baseUrl: upstream.url, now: clock.now, random: () => 0, log, ...rest }) as BillingHandler<unknown>;
  const kept: Promise<unknown>[] = [];
  const context = { waitUntil: (work: Promise<unknown>) => void kept.push(work) };
  return {
    upstream,
    handle: (request) => handler(request, context),
    handler,
    clock,
    logged,
    reached: (count) => (arrivals >= count ? Promise.resolve() : new Promise((arrived) => void waiting.push({ count, arrived }))),
    settled: async () => {
      while (kept.length) await Promise.allSettled(kept.splice(0));
    },
  };
}

export const view = (path = "/api/billing", init: RequestInit = {}) => new Request(`${PAGE}${path}`, init);

/** Asks the handler as a browser does, noting (on the test's clock) when it asked and when the answer came. */
export async function received(handle: Bench["handle"], clock: TestClock, request = view()): Promise<Received & { response: Response }> {
  const requestTime = clock.now();
  const response = await handle(request);
  return { response, headers: response.headers, requestTime, responseTime: clock.now() };
}

/** Answers the example after `ms`, as an upstream under load does. */
export const slowly =
  (ms: number, body: unknown = example): Handler =>
  (req, res, index, seen) =>
    setTimeout(() => json(200, body)(req, res, index, seen), ms);

/** An answer held upstream until the test calls `release()` (any request it answers after that goes at once). */
export function held(answer: Handler = json(200, example)) {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const handler: Handler = (req, res, index, seen) => void gate.then(() => answer(req, res, index, seen));
  return { handler, release };
}

/**
 * Upstream as a cache in front of the API answers: the body (or the body for request `index`) after `delayMs` on the
 * test's clock (the exchange's own time, which the route must count), with `Age: ageSeconds` and its Date as then.
 */
export const aged =
  (clock: TestClock, { ageSeconds = 0, delayMs = 0, body = example }: { ageSeconds?: number; delayMs?: number; body?: unknown | ((index: number) => unknown) } = {}): Handler =>
  (req, res, index, seen) => {
    clock.advance(delayMs);
    const content = typeof body === "function" ? (body as (index: number) => unknown)(index) : body;
    json(200, content, { age: String(ageSeconds), date: httpDate(clock.now()) })(req, res, index, seen);
  };
