// Each error class comes from the status or fault that maps to it, against a real local server.
import { readFileSync } from "node:fs";
import * as everyExport from "../../src";
import { join } from "node:path";
import {
  ApiError,
  AuthenticationError,
  ConnectionError,
  createBillingClient,
  InvalidResponseError,
  RateLimitError,
  ServerError,
  TimeoutError,
} from "../../src";
import { cutMidBody, hang, json, reset, startFaultServer, stallMidBody, text, type FaultServer, type Handler } from "../helpers/fault-server";
import { exampleOf, loadSpec } from "../helpers/spec";

const example = exampleOf(loadSpec(), "/user/credits/info", "get", "200");
let server: FaultServer | undefined;

async function callWith(handler: Handler, options: { timeoutMs?: number } = {}) {
  server = await startFaultServer(handler);
  const billing = createBillingClient({ apiKey: "k", baseUrl: server.url, maxRetries: 0, ...options });
  return billing.getCreditsInfo();
}

test("returns the data of a 200 unchanged, with the key as a bearer token", async () => {
  await expect(callWith(json(200, example))).resolves.toEqual(example);
  expect(server!.requests[0]!.headers.authorization).toBe("Bearer k");
  expect(server!.requests[0]!.url).toBe("/user/credits/info");
});

test.each([401, 402])("%i becomes AuthenticationError", async (status) => {
  const error = await callWith(json(status, { error: "invalid_api_key" })).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AuthenticationError);
  expect(error).toMatchObject({ status, code: "invalid_api_key", method: "GET", path: "/user/credits/info" });
});

test("429 becomes RateLimitError with the body's retry_after and cooldown_seconds", async () => {
  const error = await callWith(json(429, { error: "cooldown", retry_after: 42, cooldown_seconds: 60 })).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(RateLimitError);
  expect(error).toMatchObject({ status: 429, retryAfterSeconds: 42, cooldownSeconds: 60 });
});

test("a body carrying retry_after is a cooldown whatever its status", async () => {
  const error = await callWith(json(400, { error: "cooldown", retry_after: 7 })).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(RateLimitError);
  expect(error).toMatchObject({ status: 400, retryAfterSeconds: 7 });
});

test("a 500 with a JSON body becomes ServerError with the request id; its words go into the message, not into code", async () => {
  const error = await callWith(json(500, { error: "Internal Server Error" }, { "x-request-id": "req_123" })).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ServerError);
  expect(error).toMatchObject({ status: 500, requestId: "req_123" });
  expect(error).not.toHaveProperty("code");
  expect((error as Error).message).toBe("GET /user/credits/info failed with status 500: Internal Server Error");
});

test("a 500 whose body names a machine code carries it as code", async () => {
  const error = await callWith(json(500, { error: "internal_error" })).catch((e: unknown) => e);
  expect(error).toMatchObject({ status: 500, code: "internal_error" });
});

test("an HTML 502 page becomes ServerError without a code", async () => {
  const error = await callWith(text(502, "<html><body>Bad gateway</body></html>", "text/html")).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ServerError);
  expect(error).toMatchObject({ status: 502 });
  expect(error).not.toHaveProperty("code");
});

test("another 4xx becomes ApiError", async () => {
  const error = await callWith(json(404, { error: "not_found" })).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ApiError);
  expect(error).toMatchObject({ status: 404, code: "not_found" });
});

test("a connection reset becomes ConnectionError", async () => {
  await expect(callWith(reset)).rejects.toBeInstanceOf(ConnectionError);
});

test("a refused connection becomes ConnectionError", async () => {
  server = await startFaultServer(hang);
  const url = server.url;
  await server.close();
  server = undefined;
  const billing = createBillingClient({ apiKey: "k", baseUrl: url, maxRetries: 0 });
  const error = await billing.getCreditsInfo().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ConnectionError);
  expect((error as Error).message).toContain("refused");
});

test("a server that never answers becomes TimeoutError after timeoutMs", async () => {
  const error = await callWith(hang, { timeoutMs: 200 }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(TimeoutError);
  // The limit that fired is the one given (not the 30 s default): the message names it, whatever the machine's speed.
  expect((error as Error).message).toBe("GET /user/credits/info timed out after 200 ms");
});

test("the timeout also covers a body that stalls halfway", async () => {
  await expect(callWith(stallMidBody, { timeoutMs: 300 })).rejects.toBeInstanceOf(TimeoutError);
});

test("a connection cut in the middle of the body becomes ConnectionError", async () => {
  await expect(callWith(cutMidBody)).rejects.toBeInstanceOf(ConnectionError);
});

test.each([
  ["truncated JSON", text(200, '{"credits": 12', "application/json")],
  ["an empty 200", text(200, "", "application/json")],
  ["a JSON array", json(200, [1, 2])],
  ["a JSON string", json(200, "ok")],
  ["an HTML 200", text(200, "<html></html>", "text/html")],
])("%s becomes InvalidResponseError", async (_name, handler) => {
  const error = await callWith(handler).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InvalidResponseError);
  expect(error).toMatchObject({ status: 200 });
});

test("a 503 with Retry-After becomes ServerError with retryAfterSeconds", async () => {
  const error = await callWith(json(503, { error: "maintenance" }, { "retry-after": "120" })).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ServerError);
  expect(error).toMatchObject({ status: 503, code: "maintenance", retryAfterSeconds: 120 });
});

test("maxRetryAfterMs: 0 never sleeps on Retry-After: a 429 asking for 5 s is the error at once, after one request", async () => {
  server = await startFaultServer(json(429, { error: "rate_limit_exceeded" }, { "retry-after": "5" }));
  const error = await createBillingClient({ apiKey: "k", baseUrl: server.url, maxRetryAfterMs: 0 }).getCreditsInfo().catch((e: unknown) => e);
  expect(error).toMatchObject({ status: 429, retryAfterSeconds: 5 });
  expect(server.requests).toHaveLength(1);
});

test("docs/client.md's table of error classes lists every error class the package exports, and no other", () => {
  const exported = everyExport;
  const classes = Object.entries(exported)
    .filter(([name, value]) => typeof value === "function" && value.prototype instanceof exported.BillingError && name !== "BillingError")
    .map(([name]) => name)
    .sort();
  const docs = readFileSync(join(__dirname, "..", "..", "docs", "client.md"), "utf8");
  const table = docs.slice(docs.indexOf("| class | when |")).split("\n\n")[0]!.split("\n").slice(2);
  expect(table.map((row) => /^\| `(\w+)` \|/.exec(row)?.[1]).sort()).toEqual(classes);
});
