// The route under load (autocannon, loopback only, every run bounded): what viewers wait, what the upstream pays, and
// the route's cached reads next to a bare node:http server answering the same JSON. The route runs in a process of
// its own (bench/route-server.ts); the upstream is a counting server in this one, since it answers only a few calls.
import autocannon from "autocannon";
import { fork, type ChildProcess } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { resolve } from "node:path";
import { exampleOf } from "../core/openapi/document";
import { loadSpec } from "../core/openapi/bundled";
import { median } from "./stats";

const KEY = "sk_bench_ROUTEKEY_5f0e1d2c3b4a";
/** Every viewer (and every request to the bare server, alike) carries a session cookie the route's door looks up. */
const VIEWER = { cookie: "sid=bench-viewer; theme=dark" };
const EXAMPLE = JSON.stringify(exampleOf(loadSpec(), "/user/credits/info", "get", "200"));
const REGISTER = resolve(__dirname, "..", "scripts", "register.js");
/** What an upstream answer takes: a real API is tens of milliseconds away, and a shared read must be seen to wait. */
const UPSTREAM_LATENCY_MS = 50;

type Mode = "ok" | "rate-limited" | "hanging";

/** The API as the route sees it: counts calls and sockets, and answers as `mode` says. */
class Upstream {
  mode: Mode = "ok";
  calls = 0;
  sockets = 0;
  readonly open = new Set<Socket>();
  private readonly server: Server;
  constructor() {
    this.server = createServer((req, res) => {
      this.calls++;
      if (req.headers.authorization !== `Bearer ${KEY}`) return void res.writeHead(401).end();
      if (this.mode === "hanging") return; // never answers; the route must give up and let the socket go
      if (this.mode === "rate-limited") return void res.writeHead(429, { "content-type": "application/json", "retry-after": "30" }).end('{"error":"rate_limit_exceeded"}');
      setTimeout(() => res.writeHead(200, { "content-type": "application/json" }).end(EXAMPLE), UPSTREAM_LATENCY_MS);
    });
    this.server.on("connection", (socket: Socket) => {
      this.sockets++;
      this.open.add(socket);
      socket.once("close", () => this.open.delete(socket));
    });
  }
  async start(): Promise<string> {
    await new Promise<void>((done) => this.server.listen(0, "127.0.0.1", done));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
  reset(mode: Mode): void {
    this.mode = mode;
    this.calls = 0;
    this.sockets = 0;
  }
  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((done) => this.server.close(done));
  }
}

/** A child process serving HTTP on 127.0.0.1, with a request/answer channel. */
class Child {
  private nextId = 0;
  private constructor(
    private readonly process: ChildProcess,
    readonly url: string,
  ) {}
  static async start(file: string, env: Record<string, string> = {}): Promise<Child> {
    const child = fork(resolve(__dirname, file), [], { execArgv: ["-r", REGISTER], env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "inherit", "ipc"] });
    const port = await new Promise<number>((done, fail) => {
      child.once("message", (message: { port: number }) => done(message.port));
      child.once("exit", (code) => fail(new Error(`${file} exited (${code}) before it listened`)));
    });
    return new Child(child, `http://127.0.0.1:${port}`);
  }
  ask(message: { advanceMs?: number; heap?: true }): Promise<{ heapBytes?: number }> {
    const id = ++this.nextId;
    return new Promise((done) => {
      const onMessage = (answer: { id: number; heapBytes?: number }) => {
        if (answer.id !== id) return;
        this.process.off("message", onMessage);
        done(answer);
      };
      this.process.on("message", onMessage);
      this.process.send({ id, ...message });
    });
  }
  async stop(): Promise<void> {
    const exited = new Promise((done) => this.process.once("exit", done));
    this.process.disconnect();
    await exited;
  }
}

/** Every response of every case is read for the key: headers and bodies. */
let keySeen = 0;
const watchForKey = (client: { on(event: string, listener: (value: unknown) => void): void }) => {
  client.on("headers", (headers) => {
    if (JSON.stringify(headers).includes(KEY)) keySeen++;
  });
  client.on("body", (body) => {
    if (String(body).includes(KEY)) keySeen++;
  });
};

type Load = { connections: number; amount?: number; duration?: number; overallRate?: number };
type LoadResult = { requests: number; errors: number; non2xx: number; p50: number; p99: number; max: number; rps: number; statuses: Record<string, number> };

async function load(url: string, options: Load): Promise<LoadResult> {
  const result = await autocannon({
    url: `${url}/api/billing`,
    headers: VIEWER,
    ...options,
    // A hanging upstream must show as the route's answer, not as autocannon's own give-up.
    timeout: 30,
    setupClient: watchForKey,
  });
  const statuses: Record<string, number> = {};
  for (const [code, count] of Object.entries(result.statusCodeStats ?? {})) statuses[code] = (count as { count: number }).count;
  return {
    requests: result.requests.total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    rps: result.requests.average,
    statuses,
  };
}

export type RouteCase = { name: string; target: string; upstreamCalls: number; sockets: number; load: LoadResult; met: boolean };
export type RouteResults = { cases: RouteCase[]; throughput: { bare: number[]; route: number[] }; heap: { startBytes: number; endBytes: number; requests: number }; keySeen: number };

export async function measureRoute(): Promise<RouteResults> {
  keySeen = 0;
  const upstream = new Upstream();
  const upstreamUrl = await upstream.start();
  const route = () => Child.start("route-server.ts", { BENCH_API_KEY: KEY, BENCH_UPSTREAM: upstreamUrl });
  const cases: RouteCase[] = [];
  try {
    // 1,000 viewers open the page at once, on a cold route.
    {
      const r = await route();
      upstream.reset("ok");
      const result = await load(r.url, { connections: 1_000, amount: 1_000 });
      cases.push({ name: "1,000 viewers at once (cold)", target: "≤ 2 upstream calls, 0 errors", upstreamCalls: upstream.calls, sockets: upstream.sockets, load: result, met: upstream.calls <= 2 && result.errors === 0 && result.non2xx === 0 });
      await r.stop();
    }
    // 200 viewers, each refreshing every second, for 10 s.
    {
      const r = await route();
      upstream.reset("ok");
      const result = await load(r.url, { connections: 200, overallRate: 200, duration: 10 });
      cases.push({ name: "200 viewers refreshing every second, 10 s", target: "≤ 12 upstream calls", upstreamCalls: upstream.calls, sockets: upstream.sockets, load: result, met: upstream.calls <= 12 && result.errors === 0 && result.non2xx === 0 });
      await r.stop();
    }
    // The upstream starts answering 429 with Retry-After: 30 once the route holds a value that has gone stale.
    {
      const r = await route();
      upstream.reset("ok");
      await fetch(`${r.url}/api/billing`, { headers: VIEWER }).then((response) => response.arrayBuffer());
      await r.ask({ advanceMs: 6_000 });
      upstream.reset("rate-limited");
      const result = await load(r.url, { connections: 50, overallRate: 50, duration: 5 });
      // The minute after, on the route's clock: 50 pollers each second.
      for (let second = 0; second < 60; second++) {
        await r.ask({ advanceMs: 1_000 });
        await Promise.all(Array.from({ length: 50 }, () => fetch(`${r.url}/api/billing`, { headers: VIEWER }).then((response) => response.arrayBuffer())));
      }
      cases.push({
        name: "upstream 429 Retry-After: 30; 50 pollers for 5 s, then the minute after",
        target: "every answer within 2 s; ≤ 3 upstream calls in all",
        upstreamCalls: upstream.calls,
        sockets: upstream.sockets,
        load: result,
        met: upstream.calls <= 3 && result.max <= 2_000 && result.errors === 0,
      });
      await r.stop();
    }
    // The upstream accepts and never answers: 200 viewers at once, then 50 pollers a second for 10 s.
    {
      const r = await route();
      upstream.reset("hanging");
      const burst = await load(r.url, { connections: 200, amount: 200 });
      const result = await load(r.url, { connections: 50, overallRate: 50, duration: 10 });
      const statuses = { ...burst.statuses };
      for (const [code, count] of Object.entries(result.statuses)) statuses[code] = (statuses[code] ?? 0) + count;
      const merged = { ...result, max: Math.max(burst.max, result.max), errors: burst.errors + result.errors, requests: burst.requests + result.requests, non2xx: burst.non2xx + result.non2xx, statuses };
      // The sockets the route opened upstream are all it ever opened: none may stay once their attempt is over.
      cases.push({
        name: "upstream hangs: 200 viewers at once, then 50 pollers for 10 s",
        target: "every answer within 15 s; ≤ 6 upstream calls, ≤ 6 sockets",
        upstreamCalls: upstream.calls,
        sockets: upstream.sockets,
        load: merged,
        met: upstream.calls <= 6 && upstream.sockets <= 6 && merged.max <= 15_000 && merged.errors === 0,
      });
      await r.stop();
    }
    upstream.reset("ok");

    // Cached reads, side by side with a bare node:http server answering the same JSON: interleaved rounds.
    const throughput = { bare: [] as number[], route: [] as number[] };
    const bare = await Child.start("server.ts");
    const warm = await route();
    await fetch(`${warm.url}/api/billing`, { headers: VIEWER }).then((response) => response.arrayBuffer());
    try {
      for (let round = 0; round < 3; round++) {
        throughput.bare.push((await autocannon({ url: `${bare.url}/user/credits/info`, headers: VIEWER, connections: 100, duration: 4 })).requests.average);
        throughput.route.push((await load(warm.url, { connections: 100, duration: 4 })).rps);
      }
    } finally {
      await bare.stop();
    }

    // The heap after 40,000 more requests, against the heap after the first 40,000 (both after a full collection).
    const requests = 40_000;
    await load(warm.url, { connections: 100, amount: requests });
    const startBytes = (await warm.ask({ heap: true })).heapBytes!;
    await load(warm.url, { connections: 100, amount: requests });
    const endBytes = (await warm.ask({ heap: true })).heapBytes!;
    await warm.stop();
    return { cases, throughput, heap: { startBytes, endBytes, requests }, keySeen };
  } finally {
    await upstream.close();
  }
}

export const throughputRatio = (t: RouteResults["throughput"]): number => median(t.route) / median(t.bare);
