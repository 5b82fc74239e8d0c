// Retry counts are exact, waits honour the server, and a caller's abort stops everything.
import { createBillingClient, ServerError } from "../../src";
import { hang, json, startFaultServer, type FaultServer } from "../helpers/fault-server";
import { exampleOf, loadSpec } from "../helpers/spec";

const example = exampleOf(loadSpec(), "/user/credits/info", "get", "200");
let server: FaultServer | undefined;

test("retries a GET twice on 503, then returns the data", async () => {
  server = await startFaultServer(json(503, { error: "busy" }), json(503, { error: "busy" }), json(200, example));
  const lines: string[] = [];
  const billing = createBillingClient({ apiKey: "k", baseUrl: server.url, log: (line) => lines.push(line) });
  await expect(billing.getCreditsInfo()).resolves.toEqual(example);
  expect(server.requests).toHaveLength(3);
  expect(lines).toEqual([
    expect.stringMatching(/^GET \/user\/credits\/info: attempt 1 ended with status 503; retrying in \d+ ms$/),
    expect.stringMatching(/^GET \/user\/credits\/info: attempt 2 ended with status 503; retrying in \d+ ms$/),
  ]);
});

test("gives up after maxRetries and throws the last status's error", async () => {
  server = await startFaultServer(json(500, { error: "boom" }));
  const billing = createBillingClient({ apiKey: "k", baseUrl: server.url, maxRetries: 1 });
  await expect(billing.getCreditsInfo()).rejects.toBeInstanceOf(ServerError);
  expect(server.requests).toHaveLength(2);
});

test("maxRetries: 0 makes exactly one request", async () => {
  server = await startFaultServer(json(503, { error: "busy" }));
  const billing = createBillingClient({ apiKey: "k", baseUrl: server.url, maxRetries: 0 });
  await expect(billing.getCreditsInfo()).rejects.toBeInstanceOf(ServerError);
  expect(server.requests).toHaveLength(1);
});

test.each([400, 401, 402, 403, 404, 422])("a %i is never retried", async (status) => {
  server = await startFaultServer(json(status, { error: "no" }));
  const billing = createBillingClient({ apiKey: "k", baseUrl: server.url });
  await expect(billing.getCreditsInfo()).rejects.toMatchObject({ status });
  expect(server.requests).toHaveLength(1);
});

test.each([408, 429, 500, 502, 504])("a %i is retried", async (status) => {
  server = await startFaultServer(json(status, { error: "later" }, { "retry-after": "0" }), json(200, example));
  const billing = createBillingClient({ apiKey: "k", baseUrl: server.url });
  await expect(billing.getCreditsInfo()).resolves.toEqual(example);
  expect(server.requests).toHaveLength(2);
});

test("Retry-After: 1 delays the next attempt by a second", async () => {
  server = await startFaultServer(json(503, { error: "busy" }, { "retry-after": "1" }), json(200, example));
  const lines: string[] = [];
  const billing = createBillingClient({ apiKey: "k", baseUrl: server.url, log: (line) => lines.push(line) });
  await billing.getCreditsInfo();
  // The wait chosen is exact; the gap seen can only be longer (a busy machine adds to it, never takes away).
  expect(lines).toEqual(["GET /user/credits/info: attempt 1 ended with status 503; retrying in 1000 ms"]);
  expect(server.requests[1]!.at - server.requests[0]!.at).toBeGreaterThanOrEqual(950);
});

test("a Retry-After given as an HTTP date is honoured", async () => {
  // HTTP dates have whole seconds: two seconds ahead, as the answer is sent, is at least one second of wait (dated when
  // the server answers, not when the test began: a busy machine may take a second to get there).
  server = await startFaultServer((req, res, index, seen) => json(503, { error: "busy" }, { "retry-after": new Date(Date.now() + 2_000).toUTCString() })(req, res, index, seen), json(200, example));
  const billing = createBillingClient({ apiKey: "k", baseUrl: server.url });
  await billing.getCreditsInfo();
  expect(server.requests[1]!.at - server.requests[0]!.at).toBeGreaterThanOrEqual(900);
});

test("a timed-out GET is retried, each attempt with its own timeout", async () => {
  server = await startFaultServer(hang, json(200, example));
  const billing = createBillingClient({ apiKey: "k", baseUrl: server.url, timeoutMs: 800 });
  await expect(billing.getCreditsInfo()).resolves.toEqual(example);
  expect(server.requests).toHaveLength(2);
});

test("the caller's signal cancels a backoff sleep with an AbortError and sends nothing more", async () => {
  server = await startFaultServer(json(503, { error: "busy" }, { "retry-after": "30" }));
  const controller = new AbortController();
  // The caller gives up once the client is sleeping (its log line comes as the 30 s backoff starts; the abort a turn
  // later): driven by what the client does, not by a clock.
  const billing = createBillingClient({ apiKey: "k", baseUrl: server.url, log: (line) => line.includes("retrying in") && setImmediate(() => controller.abort()) });
  const pending = billing.getCreditsInfo({ signal: controller.signal });
  const error = await pending.catch((e: unknown) => e);
  expect((error as Error).name).toBe("AbortError");
  expect(server.requests).toHaveLength(1);
});

test("the caller's signal cancels a request in flight", async () => {
  server = await startFaultServer(hang);
  const billing = createBillingClient({ apiKey: "k", baseUrl: server.url });
  const error = await billing.getCreditsInfo({ signal: AbortSignal.timeout(100) }).catch((e: unknown) => e);
  // The caller's own timeout signal surfaces as the caller's reason, not as a retry.
  expect((error as Error).name).toBe("TimeoutError");
  expect(server.requests).toHaveLength(1);
});

test("an injected fetch is used for every request", async () => {
  server = await startFaultServer(json(200, example));
  const seen: string[] = [];
  const billing = createBillingClient({
    apiKey: "k",
    baseUrl: server.url,
    fetch: (url, init) => {
      seen.push(`${init.method} ${url}`);
      return fetch(url, init);
    },
  });
  await expect(billing.getCreditsInfo()).resolves.toEqual(example);
  expect(seen).toEqual([`GET ${server.url}/user/credits/info`]);
});
