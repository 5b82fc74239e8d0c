// Per-call overhead: raw fetch + JSON.parse, bare openapi-fetch, and our getCreditsInfo(), against one local server.
import { fork } from "node:child_process";
import { resolve } from "node:path";
import createClient from "openapi-fetch";
import type { paths } from "../generated/billing";
import { createBillingClient } from "../src/index.js";
import { median, percentile, spread } from "./stats";

type Call = () => Promise<unknown>;
export type PerCallResult = { name: string; medianUs: number; p99Us: number; rps1: number; rps16: number; medianSpread: string; rps16Spread: string };

const ROUNDS = 5;
const CALLS_C1 = 1_500;
const CALLS_C16 = 4_000;
const WARMUP = 500;

export async function measurePerCall(): Promise<PerCallResult[]> {
  const server = fork(resolve(__dirname, "server.ts"), [], { execArgv: ["-r", resolve(__dirname, "..", "scripts", "register.js")], stdio: "ignore" });
  try {
    const port = await new Promise<number>((done) => server.once("message", (m: { port: number }) => done(m.port)));
    const baseUrl = `http://127.0.0.1:${port}`;
    const url = `${baseUrl}/user/credits/info`;
    const raw = createClient<paths>({ baseUrl });
    const ours = createBillingClient({ apiKey: "bench-key", baseUrl });
    const contenders: [string, Call][] = [
      ["raw fetch + JSON.parse", async () => JSON.parse(await (await fetch(url, { headers: { Authorization: "Bearer bench-key" } })).text())],
      ["bare openapi-fetch", async () => (await raw.GET("/user/credits/info", { headers: { Authorization: "Bearer bench-key" } })).data],
      ["our getCreditsInfo()", () => ours.getCreditsInfo()],
    ];
    const samples = new Map(contenders.map(([name]) => [name, { latencies: [] as number[], medians: [] as number[], rps1: [] as number[], rps16: [] as number[] }]));
    for (const [, call] of contenders) await sequential(call, WARMUP);
    // Rounds interleave the contenders, so a slow spell of the shared machine hits all of them alike.
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, call] of round % 2 ? [...contenders].reverse() : contenders) {
        const sample = samples.get(name)!;
        const started = performance.now();
        const latencies = await sequential(call, CALLS_C1);
        sample.rps1.push(CALLS_C1 / ((performance.now() - started) / 1000));
        sample.latencies.push(...latencies);
        sample.medians.push(median(latencies));
        sample.rps16.push(await concurrent(call, CALLS_C16, 16));
      }
    }
    return contenders.map(([name]) => {
      const sample = samples.get(name)!;
      const sorted = sample.latencies.sort((a, b) => a - b);
      return {
        name,
        medianUs: percentile(sorted, 50) * 1000,
        p99Us: percentile(sorted, 99) * 1000,
        rps1: median(sample.rps1),
        rps16: median(sample.rps16),
        medianSpread: spread(sample.medians.map((ms) => ms * 1000)),
        rps16Spread: spread(sample.rps16).replace(/\.\d+/g, ""),
      };
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
