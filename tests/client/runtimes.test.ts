// What each runtime's fetch throws when a connection fails, and how the client reads it: refused only when the runtime
// says so (undici, Bun, Deno), never guessed (workerd, browsers). The shapes are the ones each runtime was seen to
// throw (tests/consumers runs the real runtimes); here they are replayed through the `fetch` option.
import { ConnectionError, createBillingClient } from "../../src";

/** The faults each runtime's fetch was seen to throw for a closed port (and a connection dropped mid-answer). */
const FAULTS: [runtime: string, fault: () => unknown, code: string | undefined][] = [
  ["Node (undici)", () => new TypeError("fetch failed", { cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:4999"), { code: "ECONNREFUSED" }) }), "ECONNREFUSED"],
  [
    "Node, every address refused (AggregateError)",
    () => new TypeError("fetch failed", { cause: Object.assign(new AggregateError([Object.assign(new Error("::1"), { code: "ECONNREFUSED" }), Object.assign(new Error("127.0.0.1"), { code: "ECONNREFUSED" })]), { code: "ECONNREFUSED" }) }),
    "ECONNREFUSED",
  ],
  ["Bun", () => Object.assign(new TypeError("ECONNREFUSED: Unable to connect. Is the computer able to access the url?"), { code: "ECONNREFUSED", path: "http://127.0.0.1:4999/user/credits/info", errno: 0 }), "ECONNREFUSED"],
  ["Deno", () => new TypeError("fetch failed", { cause: new Error("error sending request for url (http://127.0.0.1:4999/user/credits/info): client error (Connect): tcp connect error: Connection refused (os error 111)") }), "ECONNREFUSED"],
  ["Node, a reset (undici)", () => new TypeError("fetch failed", { cause: Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" }) }), "UND_ERR_SOCKET"],
  ["workerd (refused and reset look alike)", () => Object.assign(new Error("Network connection lost."), { remote: true, retryable: true }), undefined],
  ["Chromium", () => new TypeError("Failed to fetch"), undefined],
  ["Firefox", () => new TypeError("NetworkError when attempting to fetch resource."), undefined],
];

describe.each(FAULTS)("%s", (_runtime, fault, code) => {
  const failing = async () => Promise.reject(fault());
  const client = () => createBillingClient({ apiKey: "k", baseUrl: "http://127.0.0.1:4999", maxRetries: 0, fetch: failing });

  test(`a failed read is a ConnectionError with code ${code ?? "unset"}`, async () => {
    const error = await client().getCreditsInfo().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).code).toBe(code);
  });

  test(code === "ECONNREFUSED" ? "a top-up says nothing was charged" : "a top-up says the charge may or may not have happened", async () => {
    const error = await client().purchaseTopup(10000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    const message = (error as Error).message;
    if (code === "ECONNREFUSED") {
      expect(message).toContain("refused; nothing was sent, so nothing was charged");
    } else {
      expect(message).toContain("the charge may or may not have happened");
      expect(message).not.toContain("nothing was charged");
    }
  });
});

test("one address refused and another reset is not a certain refusal: the top-up says the outcome is unknown", async () => {
  const fault = new TypeError("fetch failed", {
    cause: new AggregateError([Object.assign(new Error("::1"), { code: "ECONNREFUSED" }), Object.assign(new Error("127.0.0.1"), { code: "ECONNRESET" })]),
  });
  const billing = createBillingClient({ apiKey: "k", baseUrl: "http://localhost:4999", fetch: async () => Promise.reject(fault) });
  const error = await billing.purchaseTopup(10000).catch((e: unknown) => e);
  expect(error).toMatchObject({ code: "ECONNRESET" });
  expect((error as Error).message).toContain("may or may not have happened");
});

test("the default fetch is the runtime's at the time of each call, so a mock installed after the client still sees it", async () => {
  const billing = createBillingClient({ apiKey: "k", baseUrl: "http://127.0.0.1:4999", maxRetries: 0 });
  const original = globalThis.fetch;
  const seen: string[] = [];
  globalThis.fetch = (async (input: string) => {
    seen.push(String(input));
    return new Response('{"credits":7}', { status: 200, headers: { "content-type": "application/json" } });
  }) as typeof fetch;
  try {
    expect(await billing.getCreditsInfo()).toEqual({ credits: 7 });
  } finally {
    globalThis.fetch = original;
  }
  expect(seen).toEqual(["http://127.0.0.1:4999/user/credits/info"]);
});
