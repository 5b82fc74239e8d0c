// The HTTP vocabulary of the route on its own: the ETag of a body, If-None-Match's weak comparison, an upstream
// answer's initial age (RFC 9111 §4.2.3), and the headers of an answer read back as a browser's cache reads them.
import { createHash } from "node:crypto";
import { byteLength, cacheControl, cachedAnswer, etagOf, initialAgeMs, matches, type Freshness } from "../../src/server/http-cache";
import { directives, freshnessLeft } from "./browser-cache";

const freshness: Freshness = { lifetimeSeconds: 9, ageSeconds: 4, staleIfErrorSeconds: 300 };
const request = (method = "GET", headers: Record<string, string> = {}) => new Request("http://app.example/api/billing", { method, headers });

test("the ETag is the base64url of the first 18 bytes of the body's SHA-256, quoted (strong)", async () => {
  const body = '{"credits":12500,"note":"é+/?"}';
  const expected = createHash("sha256").update(body).digest().subarray(0, 18).toString("base64url");
  expect(await etagOf(body)).toBe(`"${expected}"`);
  // Enough bodies to meet a + and a / in plain base64: none is left in the tag.
  for (let i = 0; i < 64; i++) expect(await etagOf(`${body}${i}`)).toMatch(/^"[A-Za-z0-9_-]{24}"$/);
});

test.each<[string | null, boolean]>([
  [null, false],
  ["", false],
  ['"abc"', true],
  [' "abc" ', true],
  ["*", true],
  [" * ", true],
  ['W/"abc"', true],
  ['"x", W/"abc"', true],
  ['"x","abc"', true],
  ['"abcd"', false],
  ['"x", "y"', false],
  ['W/"x"', false],
  // W/ is a prefix, not a part of a tag to drop wherever it stands.
  ['"aW/bc"', false],
  ['"xW/"', false],
])("If-None-Match %j names the tag \"abc\": %s (and its weak form the same)", (header, expected) => {
  expect(matches(header, '"abc"')).toBe(expected);
  expect(matches(header, 'W/"abc"')).toBe(expected);
});

test("a tag holding W/ inside is compared whole", () => {
  expect(matches('"ab"', '"aW/b"')).toBe(false);
  expect(matches('"aW/b"', '"aW/b"')).toBe(true);
  expect(matches('"aW/b"', '"ab"')).toBe(false);
});

test("Cache-Control: private, max-age as the lifetime, then stale-if-error unless it is zero; never stale-while-revalidate", () => {
  expect(cacheControl(freshness)).toBe("private, max-age=9, stale-if-error=300");
  expect(cacheControl({ ...freshness, staleIfErrorSeconds: 0 })).toBe("private, max-age=9");
});

describe("an upstream answer's initial age, as RFC 9111 §4.2.3 computes it (§5.1 for a list or an invalid Age)", () => {
  const T = Date.parse("2026-11-25T12:00:00Z");
  const exchange = (headers: Record<string, string>, requestTime: number, responseTime: number) => ({ headers: new Headers(headers), requestTime, responseTime });

  test.each<[string, Record<string, string>, number, number, number]>([
    ["no Age, no Date: the exchange's own time", {}, T, T + 300, 300],
    ["Age: 2 plus the exchange", { age: "2" }, T, T + 300, 2_300],
    ["a Date 3 s back is older than Age and the exchange", { age: "1", date: new Date(T - 3_000).toUTCString() }, T, T + 300, 3_300],
    ["a Date in the future counts for nothing", { date: new Date(T + 60_000).toUTCString() }, T, T + 300, 300],
    ["a list-based Age uses its first member", { age: "4, 9" }, T, T, 4_000],
    ["an Age that is not a number is ignored", { age: "-3" }, T, T + 10, 10],
    ["an unreadable Date is ignored", { age: "1", date: "yesterday" }, T, T, 1_000],
    ["an Age past 2^31 is 2^31", { age: "99999999999" }, T, T, 2 ** 31 * 1000],
  ])("%s", (_name, headers, requestTime, responseTime, expected) => {
    expect(initialAgeMs(exchange(headers, requestTime, responseTime))).toBe(expected);
  });
});

describe("an answer from a stored body", () => {
  const stored = { body: '{"credits":1}', etag: '"tag"', length: "13" };

  test("GET: 200 with the body, its length, the tag, and the freshness a browser computes from them", () => {
    const answer = cachedAnswer(request(), stored, freshness);
    if (answer instanceof Response) throw new Error("a Response");
    expect(answer).toEqual({
      status: 200,
      headers: { "content-type": "application/json", "cache-control": "private, max-age=9, stale-if-error=300", etag: '"tag"', age: "4", "content-length": "13" },
      body: '{"credits":1}',
    });
    const headers = new Headers(answer.headers);
    expect(freshnessLeft({ headers, requestTime: 0, responseTime: 0 }, 0)).toBe(5);
    expect(directives(headers).get("private")).toBe(true);
  });

  test("HEAD: the same headers, no body", () => {
    const answer = cachedAnswer(request("HEAD"), stored, freshness);
    expect(answer).toMatchObject({ status: 200, body: null, headers: { "content-length": "13", etag: '"tag"', age: "4" } });
  });

  test("a matching If-None-Match: 304 with the freshness and the tag, no body and no length", () => {
    const answer = cachedAnswer(request("GET", { "if-none-match": '"tag"' }), stored, freshness);
    expect(answer).toEqual({ status: 304, headers: { "content-type": "application/json", "cache-control": "private, max-age=9, stale-if-error=300", etag: '"tag"', age: "4" }, body: null });
  });
});

test("byteLength counts bytes, not characters", () => {
  expect(byteLength("é€😀a")).toBe("10");
  expect(byteLength("")).toBe("0");
});
