// Errors kept: every 5xx the route answers leaves a log line with the error behind it and that error's cause, through
// the `log` option (console.error by default), never with a key in it; the node adapter and the store keep the error.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import { ConnectionError, ServerError } from "../../src";
import { createBillingHandler, toNodeHandler } from "../../src/server";
import { json, startFaultServer } from "../helpers/fault-server";
import { bench, CANARY, view } from "./helpers";

/** Everything a log reader could see of an entry: the line, and the error as Node prints it, causes included. */
const printed = (entry: { line: string; error: unknown }) => `${entry.line}\n${inspect(entry.error, { depth: 10 })}\n${JSON.stringify(entry.error)}`;

test("an upstream 500: the 502 leaves one line, with the ServerError itself; viewers served the same failure add none", async () => {
  const { handle, logged, clock } = await bench({ maxRetries: 0 }, json(500, { error: "boom" }));
  const answers = await Promise.all(Array.from({ length: 5 }, () => handle(view())));
  expect(answers.map((a) => a.status)).toEqual([502, 502, 502, 502, 502]);
  clock.advance(1_000);
  expect((await handle(view())).status).toBe(502);
  expect(logged).toHaveLength(1);
  expect(logged[0]!.line).toMatch(/^olostep-billing route: upstream read failed \(upstream_unavailable, answered 502\); next upstream read in 10 s/);
  expect(logged[0]!.error).toBeInstanceOf(ServerError);
  expect(logged[0]!.error).toMatchObject({ status: 500 });
});

test("a refused connection: the 502's line carries the ConnectionError and its cause, the runtime's own error", async () => {
  const dead = await startFaultServer(json(200, {}));
  await dead.close();
  const logged: { line: string; error: unknown }[] = [];
  const handle = createBillingHandler({ apiKey: CANARY, baseUrl: dead.url, maxRetries: 0, log: (line, error) => void logged.push({ line, error }) });
  expect((await handle(view())).status).toBe(502);
  expect(logged).toHaveLength(1);
  const error = logged[0]!.error as ConnectionError;
  expect(error).toBeInstanceOf(ConnectionError);
  expect(error.cause).toBeDefined();
  expect(printed(logged[0]!)).toContain("ECONNREFUSED");
  expect(printed(logged[0]!)).not.toContain(CANARY);
});

test("authorize throwing: a 500 whose line has the very error thrown, cause and all", async () => {
  const thrown = new Error("session store down", { cause: new Error("ECONNRESET from redis") });
  const { handle, logged } = await bench({ authorize: () => Promise.reject(thrown) });
  const response = await handle(view());
  expect([response.status, await response.json()]).toEqual([500, { error: "authorize_failed", status: 500 }]);
  expect(logged).toHaveLength(1);
  expect(logged[0]!.line).toMatch(/authorize threw.*500 authorize_failed/);
  expect(logged[0]!.error).toBe(thrown);
});

test("an error carrying the key (the app's own, or a custom fetch's) is logged as a copy without it, its class and cause kept", async () => {
  const thrown = new TypeError(`lookup failed for ${CANARY}`, { cause: new Error(`the store said: key ${CANARY} unknown`) });
  const { handle, logged } = await bench({ authorize: () => { throw thrown; } });
  expect((await handle(view())).status).toBe(500);
  const error = logged[0]!.error as TypeError;
  expect(error).toBeInstanceOf(TypeError);
  expect(error.message).toBe("lookup failed for [redacted]");
  expect((error.cause as Error).message).toBe("the store said: key [redacted] unknown");
  expect(printed(logged[0]!)).not.toContain(CANARY);
  // The app's own error is left as it was.
  expect(thrown.message).toContain(CANARY);

  const leaky = await bench({ maxRetries: 0, fetch: () => Promise.reject(new TypeError(`connect failed; Authorization: Bearer ${CANARY}`, { cause: new Error(CANARY) })) });
  expect((await leaky.handle(view())).status).toBe(502);
  expect(leaky.logged).toHaveLength(1);
  expect(printed(leaky.logged[0]!)).not.toContain(CANARY);
});

test("apiKey(request) throwing, or giving a key that is no header value: a logged 500 that never shows the key", async () => {
  const throwing = await bench({ apiKey: () => { throw new RangeError("no such tenant"); } });
  expect((await throwing.handle(view())).status).toBe(500);
  expect(throwing.logged.map((e) => [e.line, (e.error as Error).message])).toEqual([["olostep-billing route: apiKey(request) threw (answered 500 api_key_failed)", "no such tenant"]]);
  const bad = await bench({ apiKey: () => "sk_live_bad\r\nkey_0123456789" });
  expect((await bad.handle(view())).status).toBe(500);
  expect(bad.logged[0]!.line).toMatch(/500 misconfigured/);
  expect(bad.logged[0]!.error).toBeInstanceOf(Error);
  expect(printed(bad.logged[0]!)).not.toContain("sk_live_bad");
});

test("a bug inside the route (here its clock throws) is a logged 500 internal, from the Fetch handler and through node:http", async () => {
  const bug = new Error("clock broke");
  const { handle, handler, logged } = await bench({ now: () => { throw bug; } });
  const response = await handle(view());
  expect([response.status, await response.json()]).toEqual([500, { error: "internal", status: 500 }]);
  expect(logged).toEqual([{ line: "olostep-billing route: the route failed (answered 500 internal)", error: bug }]);
  const answer = await throughNode(toNodeHandler(handler));
  expect(answer.status).toBe(500);
  expect(logged).toHaveLength(2);
  expect(logged[1]!.error).toBe(bug);
});

test("the node adapter logs a failure to write its answer and closes the connection", async () => {
  const { handler } = await bench();
  const logged: unknown[] = [];
  const route = toNodeHandler(handler, { log: (line, error) => void logged.push([line, error]) });
  const broken = new Error("socket broke");
  const answer = await throughNode((req, res) => {
    res.writeHead = () => {
      throw broken;
    };
    route(req, res);
  }).catch((error: unknown) => error);
  // The browser sees the connection close, with no answer.
  expect(String(answer)).toMatch(/fetch failed/);
  expect(logged).toEqual([["olostep-billing route: writing the answer failed; the connection was closed", broken]]);
});

test("a top-up whose outcome is unknown (upstream 500): the 502 is logged with the ServerError", async () => {
  const { handle, logged } = await bench({ allowTopup: true, authorize: () => true, maxRetries: 0 }, json(500, { error: "boom" }));
  const response = await handle(view("/api/billing", { method: "POST", headers: { origin: "http://app.example:3000", "content-type": "application/json", "idempotency-key": "errors-1" }, body: '{"credits":10000}' }));
  expect(response.status).toBe(502);
  expect(logged.map((e) => e.line)).toEqual(["olostep-billing route: a top-up failed (answered 502)"]);
  expect(logged[0]!.error).toBeInstanceOf(ServerError);
});

test("without a log option, console.error gets the line and the error", async () => {
  const upstream = await startFaultServer(json(200, {}));
  const thrown = new Error("door broke");
  const seen: unknown[][] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => void seen.push(args);
  try {
    const handle = createBillingHandler({ apiKey: CANARY, baseUrl: upstream.url, authorize: () => { throw thrown; } });
    expect((await handle(view())).status).toBe(500);
  } finally {
    console.error = original;
  }
  expect(seen).toEqual([["olostep-billing route: authorize threw; the request was refused (answered 500 authorize_failed)", thrown]]);
});

async function throughNode(listener: (req: IncomingMessage, res: ServerResponse) => void): Promise<Response> {
  const server = createServer(listener);
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  try {
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/billing`);
    await response.clone().arrayBuffer();
    return response;
  } finally {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  }
}
