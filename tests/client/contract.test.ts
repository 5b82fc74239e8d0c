// The client against the spec, every operation times every documented status, on both hosts of the mock: Prism
// serving the spec (the run's shared, stateless one), and the MSW handlers in this process.
import { createBillingClient } from "../../src";
import { callerFor, caseName, contractMatrix, preferFor } from "../helpers/contract";
import { MSW_HOST, type RunningHost } from "../helpers/mock-hosts";
import { loadSpec, type Spec } from "../helpers/spec";
import { namedAnswers, operationsOf } from "../../core/openapi/document";

const spec = loadSpec();
const { cases, uncovered } = contractMatrix(spec);
let msw: RunningHost;
beforeAll(async () => {
  msw = await MSW_HOST.start();
});
afterAll(() => msw.stop());

const HOST_URLS: [string, () => string][] = [
  ["Prism", () => process.env.PRISM_URL!],
  ["MSW handlers", () => msw.url],
];

test("every documented operation and status is covered by a contract case", () => {
  expect(uncovered).toEqual([]);
  expect(cases.length).toBeGreaterThan(0);
});

test.each(HOST_URLS.flatMap(([host, url]) => cases.map((c) => [caseName(c), host, url, c] as const)))("%s on %s gives the outcome its documented answer maps to", async (_name, _host, url, c) => {
  const billing = () => createBillingClient({ apiKey: "contract-test-key", baseUrl: url(), maxRetries: 0 });
  const result = await callerFor(c.operation, spec)(billing(), { Prefer: preferFor(c) }, spec).then(
    (data) => ({ data }),
    (error: unknown) => ({ error }),
  );
  if (c.expect.kind === "data") {
    expect(result).toEqual({ data: c.expect.equals });
  } else if (c.expect.kind === "raw") {
    expect(result).toEqual({ data: { status: c.expect.status, body: c.expect.body } });
  } else {
    expect("error" in result && result.error).toBeInstanceOf(c.expect.class);
    // Field by field: an expected undefined means the error does not have that field at all.
    const error = ("error" in result ? result.error : {}) as Record<string, unknown>;
    expect(Object.fromEntries(Object.keys(c.expect.fields).map((field) => [field, error[field]]))).toEqual(c.expect.fields);
    if (c.expect.says) expect("error" in result && (result.error as Error).message).toContain(c.expect.says);
  }
});

describe("the coverage gate", () => {
  const copy = (): Spec => structuredClone(spec);

  test("fails, naming operation and status, for a status nobody handles", () => {
    const extended = copy();
    extended.paths["/user/credits/info"]!.get!.responses["418"] = { description: "I'm a teapot." };
    expect(contractMatrix(extended).uncovered).toEqual(["GET /user/credits/info 418: no outcome rule for this status"]);
  });

  test("fails, naming operation and status, when the 500 response loses its example", () => {
    const stripped = copy();
    const media = stripped.paths["/user/credits/info"]!.get!.responses["500"]!.content!["application/json"]!;
    delete media.example;
    delete media.examples;
    expect(contractMatrix(stripped).uncovered).toEqual([
      "GET /user/credits/info 500: the response documents a body but no example",
    ]);
  });

  test("covers an operation with no method of its own through raw, every documented status", () => {
    const extended = copy();
    extended.paths["/user/refund"] = { post: { responses: { "200": { description: "ok" }, "418": { description: "I'm a teapot." } } } };
    const { cases, uncovered } = contractMatrix(extended);
    expect(uncovered).toEqual([]);
    expect(cases.filter((c) => c.operation === ("POST /user/refund" as never)).map((c) => [c.status, c.raw])).toEqual([["200", true], ["418", true]]);
  });

  test("makes one case per named example of a status, each expecting that example's body", () => {
    const { cases } = contractMatrix(spec);
    const named = namedAnswers(spec).map((answer) => `${answer.operation} ${answer.status} ${answer.name}`);
    expect(cases.filter((c) => c.example !== undefined).map(caseName)).toEqual(named);
  });

  test("fails, naming operation and status, when an operation through raw documents a body with no example", () => {
    const extended = copy();
    extended.paths["/user/refund"] = { post: { responses: { "200": { description: "ok", content: { "application/json": { schema: { type: "object" } } } } } } };
    expect(contractMatrix(extended).uncovered).toEqual(["POST /user/refund 200: the response documents a body but no example"]);
  });
});

test("the generated operation list is the spec's: every operation and status, nothing more", () => {
  const { operations } = require("../../generated/operations") as typeof import("../../generated/operations");
  expect(Object.fromEntries(Object.entries(operations).map(([name, op]) => [name, [...op.statuses]]))).toEqual(
    Object.fromEntries(operationsOf(spec).map(({ name, operation }) => [name, Object.keys(operation.responses)])),
  );
});
