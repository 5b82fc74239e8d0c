// The app's door sees the app's own session: authorize (and apiKey) get what the framework handed the route, Express's
// `req` with express-session's `req.session` through toNodeHandler, the Fetch handler's second argument as it came.
// A cookie's presence opens nothing; every Set-Cookie of the app's own answer reaches the browser.
import express from "express";
import session from "express-session";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createBillingHandler, toNodeHandler, type HandlerContext } from "../../src/server";
import { json, startFaultServer } from "../helpers/fault-server";
import { CANARY, example, view } from "./helpers";

declare module "express-session" {
  interface SessionData {
    user?: { id: string; role: "viewer" | "admin"; team: string };
  }
}

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  }
});

/** An Express app with a real session middleware, a sign-in, and the route mounted at /api/billing. */
async function expressApp(route: ReturnType<typeof toNodeHandler>): Promise<string> {
  const app = express();
  app.use(session({ secret: "a test's session secret, 32 chars+", resave: false, saveUninitialized: false, name: "sid" }));
  app.post("/login/:role", (req, res) => {
    req.session.user = { id: "u1", role: req.params.role === "admin" ? "admin" : "viewer", team: "acme" };
    res.sendStatus(204);
  });
  app.use("/api/billing", route);
  const server = app.listen(0, "127.0.0.1");
  servers.push(server);
  await new Promise((done) => server.once("listening", done));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const signIn = async (base: string, role = "viewer") => {
  const cookie = (await fetch(`${base}/login/${role}`, { method: "POST" })).headers.get("set-cookie")!;
  return cookie.split(";")[0]!;
};

test("authorize reads the Express session: signed in, the balance; no session, or a forged session cookie, 403 with no upstream call", async () => {
  const upstream = await startFaultServer(json(200, example));
  const seen: unknown[] = [];
  const billing = createBillingHandler<express.Request>({
    apiKey: CANARY,
    baseUrl: upstream.url,
    log: () => undefined,
    authorize: (_request, { req }) => (seen.push(req?.session.user), req?.session.user !== undefined),
  });
  const base = await expressApp(toNodeHandler(billing));
  expect((await fetch(`${base}/api/billing`)).status).toBe(403);
  // What a cookie check (`cookie.includes("sid=")`) would let in: a cookie of the right name that no session signed.
  expect((await fetch(`${base}/api/billing`, { headers: { cookie: "sid=s%3Aforged.c2lnbmF0dXJl" } })).status).toBe(403);
  expect(upstream.requests).toHaveLength(0);
  const cookie = await signIn(base);
  const answer = await fetch(`${base}/api/billing`, { headers: { cookie } });
  expect(answer.status).toBe(200);
  expect(await answer.json()).toEqual(example);
  expect(seen).toEqual([undefined, undefined, { id: "u1", role: "viewer", team: "acme" }]);
});

test("the session decides per operation and per team: viewers read, admins buy, each team its own key", async () => {
  const upstream = await startFaultServer((req, res, index, seen) => json(200, req.method === "POST" ? { success: true, payment_intent_id: "pi_1", credits: 10000 } : { ...example, team: String(req.headers.authorization).slice(-4) })(req, res, index, seen));
  const billing = createBillingHandler<express.Request>({
    baseUrl: upstream.url,
    allowTopup: true,
    log: () => undefined,
    authorize: (_request, { req, operation }) => operation === "read" ? req?.session.user !== undefined : req?.session.user?.role === "admin",
    apiKey: (_request, { req }) => (req?.session.user ? `sk_live_team_${req.session.user.team}` : undefined),
  });
  const base = await expressApp(toNodeHandler(billing));
  const viewer = await signIn(base, "viewer");
  const admin = await signIn(base, "admin");
  expect(await (await fetch(`${base}/api/billing`, { headers: { cookie: viewer } })).json()).toMatchObject({ team: "acme" });
  const buy = (cookie: string) => fetch(`${base}/api/billing`, { method: "POST", headers: { cookie, origin: base, "content-type": "application/json", "idempotency-key": `session-${cookie.length}` }, body: '{"credits":10000}' });
  expect((await buy(viewer)).status).toBe(403);
  expect((await buy(admin)).status).toBe(200);
  expect(upstream.requests.map((r) => [r.method, r.headers.authorization])).toEqual([["GET", "Bearer sk_live_team_acme"], ["POST", "Bearer sk_live_team_acme"]]);
});

test("every Set-Cookie reaches the browser through the node adapter: the app's Response's several, and the session middleware's", async () => {
  const upstream = await startFaultServer(json(200, example));
  const billing = createBillingHandler({
    apiKey: CANARY,
    baseUrl: upstream.url,
    authorize: () => {
      const refusal = new Response('{"error":"signed out"}', { status: 401, headers: { "content-type": "application/json" } });
      refusal.headers.append("set-cookie", "remember=; Max-Age=0; Path=/");
      refusal.headers.append("set-cookie", "csrf=; Max-Age=0; Path=/");
      return refusal;
    },
  });
  const app = express();
  // A rolling session sets its cookie on every answer, the route's included.
  app.use(session({ secret: "a test's session secret, 32 chars+", resave: false, saveUninitialized: true, rolling: true, name: "sid" }));
  app.use("/api/billing", toNodeHandler(billing));
  const server = app.listen(0, "127.0.0.1");
  servers.push(server);
  await new Promise((done) => server.once("listening", done));
  const answer = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/billing`);
  expect(answer.status).toBe(401);
  expect(await answer.json()).toEqual({ error: "signed out" });
  const cookies = answer.headers.getSetCookie().map((cookie) => cookie.split("=")[0]);
  expect(cookies.sort()).toEqual(["csrf", "remember", "sid"]);
});

test("the Fetch handler hands authorize its second argument as it came (Hono's c, a Worker's ctx), and uses its waitUntil", async () => {
  const upstream = await startFaultServer(json(200, example));
  const contexts: unknown[] = [];
  const kept: Promise<unknown>[] = [];
  const frameworkContext = { get: (name: string) => (name === "user" ? { id: "u1" } : undefined), waitUntil: (work: Promise<unknown>) => void kept.push(work) };
  const billing = createBillingHandler<never, typeof frameworkContext & HandlerContext>({
    apiKey: CANARY,
    baseUrl: upstream.url,
    authorize: (_request, { context }) => (contexts.push(context), context?.get("user") !== undefined),
  });
  expect((await billing(view(), frameworkContext)).status).toBe(200);
  expect((await billing(view())).status).toBe(403);
  expect(contexts).toEqual([frameworkContext, undefined]);
  expect(contexts[0]).toBe(frameworkContext);
  // The read ran under the platform's waitUntil.
  expect(kept).toHaveLength(1);
});
