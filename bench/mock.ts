// The mock's costs: start-up of plain Prism, of the stateful mock (Prism's proxy plus the stateful layer) and of the
// same mock as MSW handlers in this process, and a request through each.
import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { setupServer } from "msw/node";
import { startMock, startPrism } from "../mocks/index";
import { createHandlers } from "../mocks/msw/node";
import { median, spread } from "./stats";

export type MockResult = { name: string; startS: number; startSpread: string; requestUs: number };

const STARTS = 3;
const REQUESTS = 300;

async function requestUs(url: string): Promise<number> {
  const latencies: number[] = [];
  for (let i = 0; i < REQUESTS + 50; i++) {
    const started = performance.now();
    const response = await fetch(`${url}/user/credits/info`, { headers: { Authorization: "Bearer bench" } });
    await response.text();
    if (i >= 50) latencies.push((performance.now() - started) * 1000);
  }
  return median(latencies);
}

/** MSW intercepts fetch in this process: the handlers answer at a base URL where nothing listens. */
async function startMsw(): Promise<{ url: string; stop(): Promise<void> }> {
  const url = "http://127.0.0.1:9";
  const server = setupServer(...createHandlers({ baseUrl: url }).handlers);
  server.listen({ onUnhandledRequest: "error" });
  return { url, stop: async () => server.close() };
}

export async function measureMock(): Promise<MockResult[]> {
  const kinds = [
    ["plain Prism (stateless, the contract tests')", () => startPrism()],
    ["stateful mock (npm run mock, --mock)", () => startMock()],
    ["the same mock as MSW handlers (createHandlers + setupServer, in-process)", startMsw],
  ] as const;
  const results: MockResult[] = [];
  for (const [name, start] of kinds) {
    const starts: number[] = [];
    let request = 0;
    for (let i = 0; i < STARTS; i++) {
      const started = performance.now();
      const mock = await start();
      starts.push((performance.now() - started) / 1000);
      if (i === STARTS - 1) request = await requestUs(mock.url);
      await mock.stop();
    }
    results.push({ name, startS: median(starts), startSpread: spread(starts), requestUs: request });
  }
  return results;
}

/**
 * What a test file using the MSW handlers pays beyond its runner's own start-up: loading msw and the handlers, and
 * the whole purchase flow (read, buy, the credits landing on a moved clock, the cooldown's refusal), in a fresh Node
 * process each time, against the built package. Median of 5, in ms.
 */
export function measureMswFlow(): { ms: number; spread: string } {
  const script = `
const started = performance.now();
const { setupServer } = require("msw/node");
const { createBillingClient, RateLimitError } = require(${JSON.stringify(resolve(__dirname, "..", "dist", "cjs", "src", "index.js"))});
const { createHandlers } = require(${JSON.stringify(resolve(__dirname, "..", "dist", "cjs", "mocks", "msw", "node.js"))});
let now = Date.now();
const mock = createHandlers({ now: () => now, chargeMs: 0 });
const server = setupServer(...mock.handlers);
server.listen({ onUnhandledRequest: "error" });
(async () => {
  const billing = createBillingClient({ apiKey: "team-a", baseUrl: "https://api.olostep.com" });
  const { credits } = await billing.getCreditsInfo();
  await billing.purchaseTopup(10000);
  now += 5_000;
  await billing.waitForCredits({ atLeast: credits + 10000 });
  const refused = await billing.purchaseTopup(10000).catch((error) => error);
  if (!(refused instanceof RateLimitError)) throw new Error("no cooldown");
  server.close();
  process.stdout.write(String(performance.now() - started));
})();`;
  const runs = Array.from({ length: 5 }, () => Number(execFileSync(process.execPath, ["-e", script], { cwd: resolve(__dirname, ".."), encoding: "utf8" })));
  return { ms: median(runs), spread: spread(runs) };
}
