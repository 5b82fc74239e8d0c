// The route mounted as the frameworks the docs show mount it: Express's app.use (which strips the mount from req.url
// and keeps the whole path in req.originalUrl), an Express router inside another, and Next.js's optional catch-all
// route (`app/api/billing/[[...path]]/route.ts`, whose handlers get the whole URL). Each answers the balance at its
// mount point and the keyless client's path, the top-up at the API's path, and 404 anywhere else under it. Hono and
// Workers hand the route the whole URL too; the consumer matrix runs them (tests/consumers).
import express from "express";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createBillingHandler, toNodeHandler, type BillingHandlerOptions } from "../../src/server";
import { json, startFaultServer } from "../helpers/fault-server";
import { CANARY, example } from "./helpers";

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  }
});

const receipt = { success: true, payment_intent_id: "pi_1", credits: 10000 };

async function route(options: Partial<BillingHandlerOptions> = {}) {
  const upstream = await startFaultServer((req, res, index, seen) => json(200, req.method === "POST" ? receipt : example)(req, res, index, seen));
  const handler = createBillingHandler({ apiKey: CANARY, baseUrl: upstream.url, allowTopup: true, authorize: () => true, log: () => undefined, ...options });
  return { upstream, handler };
}

async function listen(app: express.Express): Promise<string> {
  const server = app.listen(0, "127.0.0.1");
  servers.push(server);
  await new Promise((done) => server.once("listening", done));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** What a page and the keyless client get at each of the route's paths under `mount`, and at two that are not its. */
async function statusesUnder(base: string, mount: string): Promise<Record<string, number>> {
  const buy = { method: "POST", headers: { origin: base, "content-type": "application/json", "idempotency-key": `mount-${mount}` }, body: '{"credits":10000}' };
  return {
    balance: (await fetch(`${base}${mount}`)).status,
    client: (await fetch(`${base}${mount}/user/credits/info`)).status,
    topup: (await fetch(`${base}${mount}/user/purchase-topup`, buy)).status,
    anything: (await fetch(`${base}${mount}/anything`)).status,
    history: (await fetch(`${base}${mount}/user/credits/history`)).status,
  };
}

const AS_DOCUMENTED = { balance: 200, client: 200, topup: 200, anything: 404, history: 404 };

test("Express, app.use('/api/billing', toNodeHandler(handler)) as the docs show: its paths under the mount, 404 for the rest", async () => {
  const { handler, upstream } = await route();
  const app = express();
  app.use("/api/billing", toNodeHandler(handler));
  const base = await listen(app);
  expect(await statusesUnder(base, "/api/billing")).toEqual(AS_DOCUMENTED);
  // The 404s never reached upstream: one read (shared by the two balance requests) and one purchase.
  expect(upstream.requests.map((r) => r.method)).toEqual(["GET", "POST"]);
});

test("Express, mounted elsewhere with basePath saying where, and inside a router mounted in turn", async () => {
  const { handler } = await route({ basePath: "/team/billing" });
  const app = express();
  const team = express.Router();
  team.use("/billing", toNodeHandler(handler));
  app.use("/team", team);
  const base = await listen(app);
  expect(await statusesUnder(base, "/team/billing")).toEqual(AS_DOCUMENTED);
});

test("Express, mounted elsewhere without basePath: every path is a 404 whose detail says where the route answers", async () => {
  const { handler } = await route();
  const app = express();
  app.use("/billing", toNodeHandler(handler));
  const base = await listen(app);
  const answer = await fetch(`${base}/billing`);
  expect(answer.status).toBe(404);
  expect(((await answer.json()) as { detail: string }).detail).toContain("/api/billing and /api/billing/user/credits/info");
});

test("Next.js, app/api/billing/[[...path]]/route.ts: GET, HEAD and POST called as Next.js calls them, with the catch-all's params", async () => {
  const { handler } = await route();
  // What the route module exports, as the docs show it.
  const module = { GET: handler, HEAD: handler, POST: handler };
  const call = (method: "GET" | "HEAD" | "POST", path: string[], init: RequestInit = {}) =>
    module[method](new Request(`http://localhost:3000/api/billing${path.map((part) => `/${part}`).join("")}`, { method, ...init }), { params: Promise.resolve(path.length ? { path } : {}) });
  const buy = { headers: { origin: "http://localhost:3000", "content-type": "application/json", "idempotency-key": "next-1" }, body: '{"credits":10000}' };
  expect({
    balance: (await call("GET", [])).status,
    client: (await call("GET", ["user", "credits", "info"])).status,
    head: (await call("HEAD", [])).status,
    topup: (await call("POST", ["user", "purchase-topup"], buy)).status,
    anything: (await call("GET", ["anything"])).status,
    history: (await call("GET", ["user", "credits", "history"])).status,
  }).toEqual({ balance: 200, client: 200, head: 200, topup: 200, anything: 404, history: 404 });
});
