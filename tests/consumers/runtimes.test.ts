// The packed olostep-billing on every runtime the README names: the client's checks (client-checks.mjs) and the route
// served the runtime's own way (node:http, Bun.serve, Deno.serve, a Worker's fetch in workerd, edge-runtime), against a
// local upstream. A route built once must still time out on its second and third requests after a pause.
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { startFaultServer, type FaultServer } from "../helpers/fault-server";
import { pinnedNodesMissing, PROJECT, RUNTIMES } from "./project";
import { EXAMPLE, startStub } from "./stub";
import { stretched } from "../../core/patience";

const CELLS = join(PROJECT, "cells");
const fromProject = (name: string) => require(require.resolve(name, { paths: [PROJECT] }));
let stub: FaultServer;
let closedPort: number;
beforeAll(async () => {
  stub = await startStub();
  const closed = await startFaultServer(() => undefined);
  closedPort = Number(new URL(closed.url).port);
  await closed.close();
});
afterAll(() => stub.close());

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
});

/** Runs a cell with a runtime; resolves with the first line it prints (the URL of a server, or a JSON result). */
function firstLine(command: readonly string[], script: string, ...args: string[]): Promise<string> {
  const child = spawn(command[0]!, [...command.slice(1), join(CELLS, script), ...args], { cwd: PROJECT, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let out = "";
  let err = "";
  child.stderr!.on("data", (chunk: Buffer) => (err += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("\n")) resolve(out.split("\n")[0]!);
    });
    child.once("exit", (code) => reject(new Error(`${script} on ${command[0]} exited ${code}: ${out}${err}`)));
  });
}

function expectClientChecks(results: Record<string, unknown>, refusedCode: string | null) {
  expect(results).toEqual({
    read: EXAMPLE.credits,
    invalidKey: ["AuthenticationError", true],
    exhausted: ["InsufficientCreditsError", true, "credits_exhausted"],
    retried: EXAMPLE.credits,
    stalls: [["TimeoutError", true, true], ["TimeoutError", true, true]],
    // Refused is said only where the runtime says so; "nothing was charged" only then.
    refused: ["ConnectionError", refusedCode, refusedCode === "ECONNREFUSED"],
    topup: ["consumer-key-1", "pi_for_consumer-key-1"],
    readOnly: ["function", false, false],
  });
}

/** What `answer` resolves with, or undefined once `ms` have passed without it (a timeout that never fires, shown as such). */
async function within<T>(ms: number, answer: Promise<T>): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([answer, late]);
  } finally {
    clearTimeout(timer);
  }
}

type Fetch = (path: string, init?: RequestInit) => Promise<Response>;

/**
 * The route's checks: GET, HEAD and 304, its own paths only, a top-up only under the page's Idempotency-Key, an upstream
 * failure as a small answer, the key never out, and timeouts on a handler built once. `origin`: the route's own, as
 * the runtime hands it the URL (a page of that origin sends it).
 */
async function expectRouteChecks(fetchRoute: Fetch, origin: string) {
  const first = await fetchRoute("/api/billing");
  expect(first.status).toBe(200);
  expect(await first.json()).toEqual(EXAMPLE);
  expect(first.headers.get("cache-control")).toMatch(/^private, max-age=\d+(, stale-if-error=\d+)?$/);
  const etag = first.headers.get("etag")!;
  expect(etag).toMatch(/^"[\w-]+"$/);
  const head = await fetchRoute("/api/billing", { method: "HEAD" });
  expect([head.status, await head.text(), head.headers.get("etag")]).toEqual([200, "", etag]);
  expect((await fetchRoute("/api/billing", { headers: { "if-none-match": etag } })).status).toBe(304);

  const elsewhere = await fetchRoute("/api/billing/anything");
  expect([elsewhere.status, elsewhere.headers.get("content-type"), ((await elsewhere.json()) as { error: string }).error]).toEqual([404, "application/problem+json", "not_found"]);

  // A purchase: refused without the page's key, with nothing sent upstream; bought once under it.
  const buyer = `topup-${Math.random().toString(36).slice(2, 8)}`;
  const buy = (key?: string) =>
    fetchRoute("/api/billing/user/purchase-topup", { method: "POST", headers: { origin, "content-type": "application/json", "x-team": buyer, ...(key ? { "idempotency-key": key } : {}) }, body: '{"credits":10000}' });
  const keyless = await buy();
  expect([keyless.status, keyless.headers.get("content-type"), ((await keyless.json()) as { error: string }).error]).toEqual([400, "application/problem+json", "idempotency_key_required"]);
  const bought = await buy(`${buyer}-key`);
  expect([bought.status, ((await bought.json()) as { payment_intent_id: string }).payment_intent_id]).toEqual([200, `pi_for_${buyer}-key`]);
  const purchases = stub.requests.filter((r) => r.method === "POST" && r.headers.authorization === `Bearer sk_consumer_${buyer}_key`);
  expect(purchases.map((r) => r.headers["idempotency-key"])).toEqual([`${buyer}-key`]);

  const failed = await fetchRoute("/api/billing", { headers: { "x-team": "echo" } });
  const everything = (await failed.text()) + JSON.stringify([...failed.headers]);
  expect(failed.status).toBe(502);
  expect(everything).toContain("upstream_unavailable");
  expect(everything).not.toContain("sk_consumer");

  // Built once: two teams' first requests are answered (their clients' timers armed then), and after a pause longer
  // than the route's 2 s timeout (a timer armed then has come due, or was dropped with its request, as workerd does)
  // each team's next request stalls upstream: the handler's later requests must still time out. The first stall's
  // 2 s is the second's pause.
  // The upstream counts per key: teams of this run only.
  const run = Math.random().toString(36).slice(2, 8);
  const teams = [`sequence-${run}-a`, `sequence-${run}-b`];
  for (const team of teams) expect((await fetchRoute("/uncached/api/billing", { headers: { "x-team": team } })).status).toBe(200);
  await new Promise((resolve) => setTimeout(resolve, 2_500));
  for (const team of teams) {
    // The runtime's own timers are what is tested (workerd's cannot be injected): the limits below are for an idle
    // machine, stretched by how busy this one is (core/patience.ts), so that only a timer that never fires or fires
    // far too late fails.
    const started = Date.now();
    const stalled = await within(stretched(15_000), fetchRoute("/uncached/api/billing", { headers: { "x-team": team } }));
    expect({ team, status: stalled?.status ?? "no answer", fast: Date.now() - started < stretched(5_000) }).toEqual({ team, status: 504, fast: true });
  }
}

if (pinnedNodesMissing) describe.skip(`Node 22 and 24 (skipped: ${pinnedNodesMissing})`, () => test("the client and the route", () => undefined));

describe.each(Object.entries(RUNTIMES) as [string, readonly string[]][])("%s", (runtime, command) => {
  test("the client: reads, both 402s, a retried 503, two stalls timing out, a refused connection, a top-up's key, the read-only client", async () => {
    const results = JSON.parse(await firstLine(command, "client.mjs", stub.url, String(closedPort)));
    expectClientChecks(results, "ECONNREFUSED");
  }, stretched(60_000));

  test("the route, served the runtime's own way", async () => {
    const script = runtime.startsWith("Bun") ? "route-bun.mjs" : runtime.startsWith("Deno") ? "route-deno.mjs" : "route-node.mjs";
    const url = await firstLine(command, script, stub.url);
    await expectRouteChecks((path, init) => fetch(`${url}${path}`, init), url);
  }, stretched(60_000));
});

/**
 * The Worker (worker.mjs, or edge.mjs around it) as one script, with the upstream's URL baked in, and a name of its
 * own for its module-scope client's sequence (the upstream counts a sequence's requests by its path).
 */
async function bundle(entry: string, format: "esm" | "iife", conditions: string[]): Promise<string> {
  const esbuild = fromProject("esbuild") as typeof import("esbuild");
  const result = await esbuild.build({ entryPoints: [join(CELLS, entry)], bundle: true, write: false, format, platform: "browser", conditions, define: { UPSTREAM: JSON.stringify(stub.url), SEQUENCE: JSON.stringify(`sequence-client-${Math.random().toString(36).slice(2, 8)}`) }, logLevel: "silent", absWorkingDir: PROJECT });
  return result.outputFiles[0]!.text;
}

/**
 * workerd's compatibility flags that change its timers: none (timers are numbers), `nodejs_compat` (from 2026-02-10 on
 * it implies `enable_nodejs_global_timers`: setTimeout returns a Node-style Timeout, refresh() included, yet still
 * dropped once its request has answered; most Workers projects turn it on), and `nodejs_compat_v2` alone.
 */
const WORKERD_FLAGS: string[][] = [[], ["nodejs_compat"], ["nodejs_compat_v2"]];

describe.each(WORKERD_FLAGS.map((flags) => [flags.join(", ") || "none", flags] as const))("Cloudflare Workers (workerd, through miniflare 4.20260426.0; compatibility flags: %s)", (_name, flags) => {
  type Miniflare = { dispatchFetch(url: string, init?: RequestInit): Promise<Response>; dispose(): Promise<void> };
  let mf: Miniflare;
  beforeAll(async () => {
    const { Miniflare } = fromProject("miniflare") as { Miniflare: new (options: object) => Miniflare };
    mf = new Miniflare({ modules: true, script: await bundle("worker.mjs", "esm", ["workerd", "worker", "browser"]), compatibilityDate: "2026-04-01", compatibilityFlags: flags });
  }, stretched(60_000));
  afterAll(() => mf?.dispose());

  test("the client's checks, in one request", async () => {
    const results = (await (await mf.dispatchFetch(`http://worker/client-checks?closed=${closedPort}`)).json()) as Record<string, unknown>;
    // workerd says "Network connection lost." for a refused connection and a cut one alike: no code, outcome unknown.
    expectClientChecks(results, null);
  }, stretched(60_000));

  test("a client built at module scope, answered on its first request, still times out on its second and third after a pause", async () => {
    const outcomes: string[] = [];
    for (let request = 1; request <= 3; request++) {
      // workerd's own timers, which cannot be injected: limits for an idle machine, stretched by this one's load.
      const answer = await within(stretched(15_000), mf.dispatchFetch("http://worker/client-sequence").then((response) => response.json() as Promise<[string, number]>));
      const [outcome, ms] = answer ?? ["no answer", Infinity];
      outcomes.push(`${outcome}${ms < stretched(4_000) ? "" : " (too slow)"}`);
      // Longer than the client's 1.5 s timeout: a timer armed by the previous request would have come due.
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
    expect(outcomes).toEqual([`credits ${EXAMPLE.credits}`, "TimeoutError", "TimeoutError"]);
  }, stretched(60_000));

  test("the route, as the Worker's fetch", async () => {
    await expectRouteChecks((path, init) => mf.dispatchFetch(`http://worker${path}`, init), "http://worker");
  }, stretched(60_000));
});

describe("Vercel's edge runtime (edge-runtime 4.0.1)", () => {
  let url: string;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const { EdgeRuntime, runServer } = fromProject("edge-runtime") as { EdgeRuntime: new (options: object) => unknown; runServer(options: object): Promise<{ url: string; close(): Promise<void> }> };
    const server = await runServer({ runtime: new EdgeRuntime({ initialCode: await bundle("edge.mjs", "iife", ["edge-light", "worker", "browser"]) }), port: 0, host: "127.0.0.1" });
    url = server.url.replace(/\/$/, "");
    close = () => server.close();
  }, stretched(60_000));
  afterAll(() => close?.());

  test("the client's checks, in one request", async () => {
    expectClientChecks((await (await fetch(`${url}/client-checks?closed=${closedPort}`)).json()) as Record<string, unknown>, "ECONNREFUSED");
  }, stretched(60_000));

  test("the route", async () => {
    await expectRouteChecks((path, init) => fetch(`${url}${path}`, init), url);
  }, stretched(60_000));
});
