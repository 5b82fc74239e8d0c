// The API key never shows in an error's message, stack, String(), JSON, or in a log line.
import { createBillingClient, ConfigurationError } from "../../src";
import { cutMidBody, hang, json, reset, startFaultServer, stallMidBody, text, type Handler } from "../helpers/fault-server";
import { leaks, surfaces } from "../helpers/surfaces";

const KEY = "sk_live_LEAKCANARY_7f3a9c2e5b1d";
// Parts of the key too: a leak of half a key (as some SDKs print) is still a leak.
const FRAGMENTS = [KEY, KEY.slice(0, 12), KEY.slice(-12), Buffer.from(KEY).toString("base64")];

const faults: [string, Handler][] = [
  ["402", json(402, {})],
  ["429", json(429, { error: "cooldown", retry_after: 1 })],
  ["500", json(500, { error: "Internal Server Error" })],
  ["HTML 502", text(502, "<html>bad gateway</html>", "text/html")],
  ["404", json(404, { error: "nope" })],
  ["reset", reset],
  ["timeout", hang],
  ["cut mid-body", cutMidBody],
  ["stall mid-body", stallMidBody],
  ["not JSON", text(200, "{oops", "application/json")],
  ["echoes the Authorization header in every field", (req, res) => {
    const auth = String(req.headers.authorization);
    res.writeHead(500, { "content-type": "application/json", "x-request-id": auth });
    res.end(JSON.stringify({ error: auth, code: auth, detail: auth, id: auth, title: auth }));
  }],
  ["echoes the key in x-request-id on a 429", (req, res) => {
    res.writeHead(429, { "content-type": "application/json", "x-request-id": String(req.headers.authorization), "retry-after": "0" });
    res.end("{}");
  }],
];


test.each(faults)("no trace of the key after: %s", async (_name, handler) => {
  const server = await startFaultServer(handler);
  try {
    const log: string[] = [];
    // Long enough for the request to reach the server on a busy machine: the assertions read what it received.
    const billing = createBillingClient({ apiKey: KEY, baseUrl: server.url, timeoutMs: 1_000, maxRetries: 1, log: (line) => log.push(line) });
    const error = await billing.getCreditsInfo().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
    for (const rendering of [...surfaces(error), ...log]) {
      for (const fragment of FRAGMENTS) expect(rendering).not.toContain(fragment);
    }
  } finally {
    await server.close();
  }
});

test("the client object itself does not reveal the key", () => {
  const billing = createBillingClient({ apiKey: KEY, baseUrl: "http://127.0.0.1:9" });
  expect(JSON.stringify(billing)).not.toContain(KEY);
  expect(require("node:util").inspect(billing, { depth: 5 })).not.toContain(KEY);
});

test("a configuration error does not reveal the key", () => {
  const error = (() => {
    try {
      createBillingClient({ apiKey: KEY, baseUrl: "http://billing.example.com" });
    } catch (e) {
      return e;
    }
  })();
  expect(error).toBeInstanceOf(ConfigurationError);
  expect(leaks(error, KEY)).toEqual([]);
});
