// Hostile input and careless options: refused at construction, bounded and redacted when a server says it.
import {
  ConfigurationError,
  createBillingClient,
  InvalidResponseError,
  MAX_TIMER_MS,
  RateLimitError,
  ServerError,
  ValidationError,
} from "../../src";
import { json, startFaultServer, text, type FaultServer } from "../helpers/fault-server";
import { leaks } from "../helpers/surfaces";

const KEY = "sk_live_HARDENCANARY_41c7d2e9";
let server: FaultServer | undefined;

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

describe("an API key that is not a valid header value is refused at construction, naming the rule, never the key", () => {
  test.each([
    ["a CR/LF", `${KEY}\r\nX-Injected: 1`, /no line break/],
    ["a NUL", `${KEY}\u0000`, /no control character/],
    ["a character outside Latin-1", `${KEY}ключ`, /printable ASCII/],
    ["a Latin-1 letter", `${KEY}é`, /printable ASCII/],
    ["a trailing space", `${KEY} `, /no space at either end/],
  ])("%s", (_name, apiKey, rule) => {
    const error = thrown(() => createBillingClient({ apiKey, baseUrl: "http://127.0.0.1:9" }));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toMatch(rule);
    expect(leaks(error, KEY, KEY.slice(0, 12))).toEqual([]);
  });
});

test.each([
  ["https://billing:hunter2-PASSWORD@api.example.com/v1", "https://api.example.com/v1"],
  ["http://billing:hunter2-PASSWORD@127.0.0.1:4010", "http://127.0.0.1:4010"],
  ["ftp://billing:hunter2-PASSWORD@files.example.com", "ftp://files.example.com"],
  ["billing:hunter2-PASSWORD@api.example.com", "api.example.com"],
])("baseUrl %s is refused, showing it without the credentials", (baseUrl, shown) => {
  const error = thrown(() => createBillingClient({ apiKey: KEY, baseUrl }));
  expect(error).toBeInstanceOf(ConfigurationError);
  expect((error as Error).message).toContain(`"${shown}"`);
  expect(leaks(error, "hunter2-PASSWORD", KEY)).toEqual([]);
});

test("a runtime error quoting the key (as fetch's own TypeError does) reaches no surface of the error or its causes", async () => {
  const billing = createBillingClient({
    apiKey: KEY,
    baseUrl: "http://127.0.0.1:9",
    maxRetries: 0,
    fetch: async (_url, init) => {
      const header = new Headers(init.headers).get("authorization");
      throw new TypeError("fetch failed", { cause: Object.assign(new TypeError(`Invalid header value: "${header}"`), { code: "ERR_INVALID_CHAR" }) });
    },
  });
  const error = await billing.getCreditsInfo().catch((e: unknown) => e);
  expect((error as Error).name).toBe("ConnectionError");
  expect(((error as Error).cause as Error).cause).toMatchObject({ message: 'Invalid header value: "Bearer [redacted]"', code: "ERR_INVALID_CHAR" });
  expect(leaks(error, KEY, KEY.slice(-12))).toEqual([]);
});

test("a 5 MB error string becomes a bounded message with a marker, and no code", async () => {
  server = await startFaultServer(json(404, { error: "E".repeat(5_000_000) }));
  const error = await createBillingClient({ apiKey: KEY, baseUrl: server.url }).getCreditsInfo().catch((e: unknown) => e);
  expect((error as Error).message.length).toBeLessThan(400);
  expect((error as Error).message).toContain("…[4999800 more characters cut]");
  expect(error).toMatchObject({ status: 404 });
  expect(error).not.toHaveProperty("code");
});

test("escape sequences and control characters a server sends are removed whole from the error", async () => {
  server = await startFaultServer(json(500, { error: "boom\u001b]0;pwned\u0007\u001b[2J\u009b31m", detail: "line\r\nbreak" }, { "x-request-id": "req\u009b1m_1" }));
  const error = await createBillingClient({ apiKey: KEY, baseUrl: server.url, maxRetries: 0 }).getCreditsInfo().catch((e: unknown) => e);
  expect(error).toMatchObject({ requestId: "req_1" });
  // A code that had escapes in it is no machine code: what is left of it stays in the message only.
  expect(error).not.toHaveProperty("code");
  expect((error as Error).message).toBe("GET /user/credits/info failed with status 500: boom: line break");
});

test.each([
  [429, RateLimitError],
  [503, ServerError],
])("Retry-After: 86400 on a %i is not slept on: the error comes at once, after one request", async (status, errorClass) => {
  server = await startFaultServer(json(status, { error: "later" }, { "retry-after": "86400" }));
  const lines: string[] = [];
  const error = await createBillingClient({ apiKey: KEY, baseUrl: server.url, log: (line) => lines.push(line) }).getCreditsInfo().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(errorClass);
  // No retry was planned, let alone slept on: counted in requests and in the client's own log, not in seconds.
  expect(server.requests).toHaveLength(1);
  expect(lines.filter((line) => line.includes("retrying"))).toEqual([]);
  if (status === 429) expect(error).toMatchObject({ retryAfterSeconds: 86_400 });
});

test("a cooldown body's retry_after wins over the header", async () => {
  server = await startFaultServer(json(429, { retry_after: 12, cooldown_seconds: 60 }, { "retry-after": "86400" }));
  const error = await createBillingClient({ apiKey: KEY, baseUrl: server.url }).purchaseTopup(10000).catch((e: unknown) => e);
  expect(error).toMatchObject({ name: "RateLimitError", retryAfterSeconds: 12, cooldownSeconds: 60 });
});

test.each([MAX_TIMER_MS + 1, 2 ** 40, Number.POSITIVE_INFINITY])("timeoutMs %p, past the runtime's longest timer, is refused", (timeoutMs) => {
  const error = thrown(() => createBillingClient({ apiKey: KEY, timeoutMs }));
  expect(error).toBeInstanceOf(ConfigurationError);
  expect((error as Error).message).toContain(String(MAX_TIMER_MS));
});

test.each([
  [{ atLeast: 1, timeoutMs: MAX_TIMER_MS + 1 }, /timeoutMs must be/],
  [{ atLeast: 1, intervalMs: 2 ** 40 }, /intervalMs must be/],
  [{ atLeast: Number.NaN }, /atLeast must be/],
])("waitForCredits(%p) is refused before any request", async (options, reason) => {
  server = await startFaultServer(json(200, { credits: 5 }));
  const error = await createBillingClient({ apiKey: KEY, baseUrl: server.url }).waitForCredits(options).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ValidationError);
  expect((error as Error).message).toMatch(reason);
  expect(server.requests).toHaveLength(0);
});

test("a top-up answered 200 with a body that is not JSON says the payment went through, and not to buy again", async () => {
  server = await startFaultServer(text(200, "<html>ok</html>", "text/html"));
  const error = await createBillingClient({ apiKey: KEY, baseUrl: server.url }).purchaseTopup(10000).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InvalidResponseError);
  expect((error as Error).message).toMatch(/payment went through .* do not buy again, check the balance/);
  expect(server.requests).toHaveLength(1);
});
