// The route's test bench: an upstream that counts what reaches it (a real local server), a handler over it with an
// injected clock and a log the test reads, and viewers as Fetch requests.
import { createBillingHandler, type BillingHandlerOptions } from "../../src/server";
import { json, startFaultServer, type FaultServer, type Handler } from "../helpers/fault-server";
import { exampleOf, loadSpec } from "../helpers/spec";
import type { Received } from "./browser-cache";

export const CANARY = "sk_live_ROUTECANARY_7c1d2e3f";
export const PAGE = "http://app.example:3000";
export const example = exampleOf(loadSpec(), "/user/credits/info", "get", "200") as Record<string, unknown>;

/** A clock the test moves by hand; the route reads it for freshness, cooldowns and backoff. */
export function testClock(start = Date.parse("2026-11-25T12:00:00Z")) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms), at: (ms: number) => void (now = start + ms), start };
}

/** What the route logged: each line with the error it came with. */
export type Logged = { line: string; error: unknown }[];

export type Bench = { upstream: FaultServer; handle: ReturnType<typeof createBillingHandler>; clock: ReturnType<typeof testClock>; logged: Logged };

/** A handler over an upstream answering with `handlers` (the last answers the rest). */
export async function bench(options: Partial<BillingHandlerOptions> = {}, ...handlers: Handler[]): Promise<Bench> {
  const upstream = await startFaultServer(...(handlers.length ? handlers : [json(200, example)]));
  const clock = testClock();
  const logged: Logged = [];
  const log = (line: string, error?: unknown) => void logged.push({ line, error });
  const handle = createBillingHandler({ apiKey: CANARY, baseUrl: upstream.url, now: clock.now, random: () => 0, log, ...options });
  return { upstream, handle, clock, logged };
}

export const view = (path = "/api/billing", init: RequestInit = {}) => new Request(`${PAGE}${path}`, init);

/** Asks the handler as a browser does, noting (on the test's clock) when it asked and when the answer came. */
export async function received(handle: Bench["handle"], clock: Bench["clock"], request = view()): Promise<Received & { response: Response }> {
  const requestTime = clock.now();
  const response = await handle(request);
  return { response, headers: response.headers, requestTime, responseTime: clock.now() };
}

/** Answers the example after `ms`, as an upstream under load does. */
export const slowly =
  (ms: number, body: unknown = example): Handler =>
  (req, res, index, seen) =>
    setTimeout(() => json(200, body)(req, res, index, seen), ms);
