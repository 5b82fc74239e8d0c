// Each client against a real node:http server on 127.0.0.1 in its own process: latency at concurrency 1, and
// throughput at 16 and 64 calls in flight.
import { fork } from "node:child_process";
import { resolve } from "node:path";
import { CONTENDERS, type Call } from "./contenders";
import { median, spread } from "./stats";

export type LoopbackResult = { name: string; c1Us: number; c1Spread: string; rps16: number; rps64: number; rps64Spread: string };

const ROUNDS = 3;
const CALLS_C1 = 1_000;
const CALLS_CONCURRENT = 3_000;
const WARMUP = 300;

export async function measureLoopback(): Promise<LoopbackResult[]> {
  const server = fork(resolve(__dirname, "server.ts"), [], { execArgv: ["-r", resolve(__dirname, "..", "scripts", "register.js")], stdio: "ignore" });
  try {
    const port = await new Promise<number>((done) => server.once("message", (m: { port: number }) => done(m.port)));
    const calls = await Promise.all(CONTENDERS.map(async (c) => [c.name, await c.make(`http://127.0.0.1:${port}`)] as const));
    const samples = new Map(calls.map(([name]) => [name, { c1: [] as number[], rps16: [] as number[], rps64: [] as number[] }]));
    for (const [, call] of calls) await sequential(call, WARMUP);
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, call] of round % 2 ? [...calls].reverse() : calls) {
        const sample = samples.get(name)!;
        sample.c1.push(median(await sequential(call, CALLS_C1)) * 1000);
        sample.rps16.push(await concurrent(call, CALLS_CONCURRENT, 16));
        sample.rps64.push(await concurrent(call, CALLS_CONCURRENT, 64));
      }
    }
    return calls.map(([name]) => {
      const s = samples.get(name)!;
      return { name, c1Us: median(s.c1), c1Spread: spread(s.c1), rps16: median(s.rps16), rps64: median(s.rps64), rps64Spread: spread(s.rps64).replace(/\.\d+/g, "") };
    });
  } finally {
    server.disconnect();
    await new Promise((done) => server.once("exit", done));
  }
}

async function sequential(call: Call, count: number): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await call();
    latencies.push(performance.now() - started);
  }
  return latencies;
}

async function concurrent(call: Call, count: number, concurrency: number): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < count) await call();
    }),
  );
  return count / ((performance.now() - started) / 1000);
}
