// The transport: an attempt is send plus the whole body, retried as one unit; nothing is left held or listened to.
import { getEventListeners } from "node:events";
import { createBillingClient } from "../../src";
import { cutMidBody, json, startFaultServer, stallMidBody, type FaultServer, type Handler } from "../helpers/fault-server";
import { exampleOf, loadSpec } from "../helpers/spec";

const example = exampleOf(loadSpec(), "/user/credits/info", "get", "200");
let server: FaultServer | undefined;

test("a GET whose body stalls halfway is retried as a timeout, then succeeds", async () => {
  server = await startFaultServer(stallMidBody, json(200, example));
  const lines: string[] = [];
  // Long enough for the second, healthy attempt to finish on a busy machine.
  const billing = createBillingClient({ apiKey: "k", baseUrl: server.url, timeoutMs: 1_000, log: (line) => lines.push(line) });
  await expect(billing.getCreditsInfo()).resolves.toEqual(example);
  expect(server.requests).toHaveLength(2);
  expect(lines[0]).toMatch(/attempt 1 ended with no answer within 1000 ms/);
});

test("a GET whose connection drops in the middle of the body is retried, then succeeds", async () => {
  server = await startFaultServer(cutMidBody, json(200, example));
  await expect(createBillingClient({ apiKey: "k", baseUrl: server.url }).getCreditsInfo()).resolves.toEqual(example);
  expect(server.requests).toHaveLength(2);
});

test("a POST whose body stalls is not retried", async () => {
  server = await startFaultServer(stallMidBody, json(200, {}));
  // Long enough for the request to reach the server on a busy machine before the attempt gives up.
  const billing = createBillingClient({ apiKey: "k", baseUrl: server.url, timeoutMs: 1_000, maxRetries: 5 });
  await expect(billing.purchaseTopup(10000)).rejects.toMatchObject({ name: "TimeoutError" });
  expect(server.requests).toHaveLength(1);
});

test("retried responses' bodies are cancelled: 20 retried 503s with 1 MB bodies leave no socket held", async () => {
  const megabyte = "x".repeat(1_000_000);
  const busy: Handler = (_req, res) => {
    res.writeHead(503, { "content-type": "text/plain", "retry-after": "0" });
    res.end(megabyte);
  };
  server = await startFaultServer(...Array<Handler>(20).fill(busy), json(200, example));
  const billing = createBillingClient({ apiKey: "k", baseUrl: server.url, maxRetries: 20 });
  await expect(billing.getCreditsInfo()).resolves.toEqual(example);
  expect(server.requests).toHaveLength(21);
  // Every cancelled connection closes; the last answer's keep-alive connection may stay. Bodies dropped unread (the
  // transport before this one) held all 21 until garbage collection: then this waits until jest's timeout.
  await server.socketsDownTo(1);
  expect(server.openSockets()).toBeLessThanOrEqual(1);
});

// Sized by counts: a listener left per call would show as 500 here as surely as 20,000 would, and the verdict reads
// listener counts, never the time the calls took (20,000 of them took over 20 s on two busy cores).
const CALLS = 500;

test(`${CALLS} calls sharing one signal leave no listener on it, and ${CALLS} in flight at once hold one listener, not ${CALLS}`, async () => {
  const body = JSON.stringify(example);
  // An in-process fetch that answers when told to: this test is about the client's listeners, not sockets.
  let release: () => void = () => undefined;
  let held = new Promise<void>((resolve) => (release = resolve));
  const billing = createBillingClient({
    apiKey: "k",
    baseUrl: "http://127.0.0.1:9",
    fetch: async () => (await held, new Response(body, { status: 200 })),
  });
  const controller = new AbortController();
  release();
  for (let i = 0; i < CALLS; i++) await billing.getCreditsInfo({ signal: controller.signal });
  expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);

  held = new Promise<void>((resolve) => (release = resolve));
  const inFlight = Array.from({ length: CALLS }, () => billing.getCreditsInfo({ signal: controller.signal }));
  await new Promise((resolve) => setImmediate(resolve));
  expect(getEventListeners(controller.signal, "abort").length).toBeLessThanOrEqual(1);
  release();
  await Promise.all(inFlight);
  expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
});

test("aborting a signal shared by calls in flight cancels each of them", async () => {
  const billing = createBillingClient({
    apiKey: "k",
    baseUrl: "http://127.0.0.1:9",
    fetch: (_url, init) => new Promise((_resolve, reject) => init.signal!.addEventListener("abort", () => reject(init.signal!.reason))),
  });
  const controller = new AbortController();
  const calls = Array.from({ length: 3 }, () => billing.getCreditsInfo({ signal: controller.signal }).catch((e: unknown) => (e as Error).name));
  await new Promise((resolve) => setImmediate(resolve));
  controller.abort();
  expect(await Promise.all(calls)).toEqual(["AbortError", "AbortError", "AbortError"]);
  expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
});

test("a Response returned through raw is an ordinary Response: no patched methods", async () => {
  server = await startFaultServer(json(200, example));
  const billing = createBillingClient({ apiKey: "k", baseUrl: server.url });
  const { data, response } = await billing.raw.GET("/user/credits/info");
  expect(data).toEqual(example);
  expect(response).toBeInstanceOf(Response);
  expect(Object.getOwnPropertyNames(response)).toEqual([]);
});

test("middleware added with raw.use() applies to the typed methods too, with real Request objects", async () => {
  server = await startFaultServer(json(200, example));
  const billing = createBillingClient({ apiKey: "k", baseUrl: server.url });
  const seen: string[] = [];
  const tag = {
    onRequest: ({ request }: { request: Request }) => {
      seen.push(`${request instanceof Request} ${request.method}`);
      request.headers.set("x-trace", "abc");
      return request;
    },
  };
  billing.raw.use(tag);
  await expect(billing.getCreditsInfo()).resolves.toEqual(example);
  expect(seen).toEqual(["true GET"]);
  expect(server.requests[0]!.headers["x-trace"]).toBe("abc");
  expect(server.requests[0]!.headers.authorization).toBe("Bearer k");
  billing.raw.eject(tag);
  await billing.getCreditsInfo();
  expect(seen).toHaveLength(1);
});
