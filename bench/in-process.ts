// Client CPU per call with no socket at all: Node's own fetch answered by an in-process dispatcher, so what is left
// is each client's work (building the request, the signal, reading and parsing the body, its own bookkeeping).
import { CONTENDERS, type Call } from "./contenders";
import { median, spread } from "./stats";
import { exampleOf } from "../core/openapi/document";
import { loadSpec } from "../core/openapi/bundled";

/** `vsBare`: the median over rounds of this client's CPU over bare openapi-fetch's in the same round (paired). */
export type InProcessResult = { name: string; cpuUs: number; spread: string; vsBare: number; vsBareSpread: string };

const ROUNDS = 9;
const CALLS = 2_000;
const BARE = "bare openapi-fetch";
const WARMUP = 1_000;
const DISPATCHER = Symbol.for("undici.globalDispatcher.1");

/** The smallest dispatcher undici's fetch accepts: every request gets the spec's example at once. */
function inProcessDispatcher(body: Buffer) {
  const headers = [Buffer.from("content-type"), Buffer.from("application/json"), Buffer.from("content-length"), Buffer.from(String(body.length))];
  return {
    dispatch(_options: unknown, handler: { onConnect?(abort: () => void): void; onHeaders(status: number, headers: Buffer[], resume: () => void, text: string): void; onData(chunk: Buffer): void; onComplete(trailers: Buffer[]): void }) {
      queueMicrotask(() => {
        handler.onConnect?.(() => undefined);
        handler.onHeaders(200, headers, () => undefined, "OK");
        handler.onData(body);
        handler.onComplete([]);
      });
      return true;
    },
    close: () => undefined,
    destroy: () => undefined,
  };
}

async function cpuPerCallUs(call: Call, count: number): Promise<number> {
  const before = process.cpuUsage();
  for (let i = 0; i < count; i++) await call();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / count;
}

/** Answers every fetch of this process in-process; resolves with the dispatcher it replaced. */
export async function installInProcessDispatcher(): Promise<unknown> {
  const body = Buffer.from(JSON.stringify(exampleOf(loadSpec(), "/user/credits/info", "get", "200")));
  // Node loads undici on the first fetch, and only then makes its own dispatcher: load it now (a data: URL needs no
  // network), so that the dispatcher put back afterwards is the real one.
  await fetch("data:,");
  const previous = (globalThis as Record<symbol, unknown>)[DISPATCHER];
  (globalThis as Record<symbol, unknown>)[DISPATCHER] = inProcessDispatcher(body);
  return previous;
}

export async function measureInProcess(): Promise<InProcessResult[]> {
  const previous = await installInProcessDispatcher();
  try {
    const calls = await Promise.all(CONTENDERS.map(async (c) => [c.name, await c.make("http://127.0.0.1:4010")] as const));
    const rounds = new Map(calls.map(([name]) => [name, [] as number[]]));
    for (const [, call] of calls) await cpuPerCallUs(call, WARMUP);
    // Rounds interleave the contenders (and reverse their order every other round), so drift hits all alike.
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, call] of round % 2 ? [...calls].reverse() : calls) rounds.get(name)!.push(await cpuPerCallUs(call, CALLS));
    }
    const bare = rounds.get(BARE)!;
    return calls.map(([name]) => {
      const own = rounds.get(name)!;
      const paired = own.map((cpu, round) => cpu / bare[round]!);
      return { name, cpuUs: median(own), spread: spread(own), vsBare: median(paired), vsBareSpread: spread(paired) };
    });
  } finally {
    (globalThis as Record<symbol, unknown>)[DISPATCHER] = previous;
  }
}
