// Options that cannot work or would leak the key are refused before anything is sent.
import { ConfigurationError, createBillingClient, VERSION } from "../../src";
import { json, startFaultServer } from "../helpers/fault-server";
import { readFileSync } from "node:fs";

const env = { ...process.env };
afterEach(() => {
  process.env = { ...env };
});

test("no key anywhere is a ConfigurationError naming OLOSTEP_API_KEY", () => {
  delete process.env.OLOSTEP_API_KEY;
  expect(() => createBillingClient()).toThrow(ConfigurationError);
  expect(() => createBillingClient()).toThrow(/OLOSTEP_API_KEY/);
});

test.each([
  ["a relative URL", "/api"],
  ["a non-http scheme", "ftp://127.0.0.1"],
  ["plain http to another host", "http://api.olostep.com"],
  ["plain http to a private address", "http://10.0.0.8:4010"],
])("refuses %s as baseUrl", (_name, baseUrl) => {
  expect(() => createBillingClient({ apiKey: "k", baseUrl })).toThrow(ConfigurationError);
});

test.each(["http://127.0.0.1:4010", "http://localhost:4010", "http://[::1]:4010", "https://api.olostep.com"])(
  "accepts %s as baseUrl",
  (baseUrl) => {
    expect(() => createBillingClient({ apiKey: "k", baseUrl })).not.toThrow();
  },
);

test.each([0, -1, Number.NaN])("refuses timeoutMs %p", (timeoutMs) => {
  expect(() => createBillingClient({ apiKey: "k", timeoutMs })).toThrow(ConfigurationError);
});

test.each([-1, 1.5])("refuses maxRetries %p", (maxRetries) => {
  expect(() => createBillingClient({ apiKey: "k", maxRetries })).toThrow(ConfigurationError);
});

test("reads the key and base URL from OLOSTEP_API_KEY and OLOSTEP_BASE_URL", async () => {
  const server = await startFaultServer(json(200, { credits: 1 }));
  try {
    process.env.OLOSTEP_API_KEY = "from-env";
    process.env.OLOSTEP_BASE_URL = server.url;
    await expect(createBillingClient().getCreditsInfo()).resolves.toEqual({ credits: 1 });
    expect(server.requests[0]!.headers.authorization).toBe("Bearer from-env");
  } finally {
    await server.close();
  }
});

test("sends the package's User-Agent with the caller's appended", async () => {
  const server = await startFaultServer(json(200, { credits: 1 }));
  try {
    await createBillingClient({ apiKey: "k", baseUrl: server.url, userAgent: "billing-dashboard/2.1" }).getCreditsInfo();
    expect(server.requests[0]!.headers["user-agent"]).toBe(`olostep-billing/${VERSION} billing-dashboard/2.1`);
  } finally {
    await server.close();
  }
});

test("one version everywhere: package.json, VERSION (--version, the User-Agent) and the changelog's newest entry", () => {
  const version = JSON.parse(readFileSync(`${__dirname}/../../package.json`, "utf8")).version;
  expect(VERSION).toBe(version);
  expect(/^## (\S+)$/m.exec(readFileSync(`${__dirname}/../../CHANGELOG.md`, "utf8"))?.[1]).toBe(version);
});

test("a ConfigurationError shows only what it has: no empty method or path in util.inspect or JSON", () => {
  delete process.env.OLOSTEP_API_KEY;
  const error = (() => {
    try {
      createBillingClient({});
    } catch (caught) {
      return caught as ConfigurationError;
    }
  })()!;
  expect(error).toBeInstanceOf(ConfigurationError);
  expect(Object.keys(error)).toEqual(["name"]);
  expect(require("node:util").inspect(error)).not.toMatch(/method|path/);
  expect(JSON.parse(JSON.stringify(error))).toEqual({ name: "ConfigurationError", message: expect.stringContaining("OLOSTEP_API_KEY") });
});

test.each([-1, Number.NaN])("refuses maxRetryAfterMs %p", (maxRetryAfterMs) => {
  expect(() => createBillingClient({ apiKey: "k", maxRetryAfterMs })).toThrow(/maxRetryAfterMs must be a number of milliseconds/);
});
