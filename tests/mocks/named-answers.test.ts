// The vendor's documented error objects, named in the spec, reachable in both mocks by `force` ({ status, example }), by
// `Prefer: code=…, example=…`, and by scenario (an API key ending in :<name>, or the scenario option), and read by the
// client as its errors. Every name here comes from the spec (generated/named-answers.ts, core/openapi): none is typed in.
import { stretched } from "../../core/patience";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { AuthenticationError, BillingError, createBillingClient, ERROR_CODES, IdempotencyError, InsufficientCreditsError, RateLimitError } from "../../src";
import { createModel } from "../../mocks/stateful/model";
import { namedAnswers as namedByOperation, scenarioNames } from "../../generated/named-answers";
import { namedErrorAnswers, requestExampleOf } from "../../core/openapi/document";
import { loadSpec } from "../../core/openapi/bundled";
import { operations, type OperationName } from "../../generated/operations";
import { CONVENIENCE_METHODS } from "../../src/internal/convenience-methods";
import { HOSTS, MSW_HOST, type RunningHost } from "../helpers/mock-hosts";
import { preferHeader } from "../../mocks";

const spec = loadSpec();
const errorAnswers = namedErrorAnswers(spec);
/** The error class the client gives each vendor code the spec names (the client's mapping, not the spec's). */
const CLASS_OF_CODE: Record<string, typeof BillingError> = {
  [ERROR_CODES.creditsExhausted]: InsufficientCreditsError,
  [ERROR_CODES.invalidApiKey]: AuthenticationError,
  [ERROR_CODES.idempotencyInProgress]: IdempotencyError,
  [ERROR_CODES.idempotencyReuse]: IdempotencyError,
};
const classOf = (answer: { status: number; body: unknown }): typeof BillingError => {
  const code = (answer.body as { code?: string; error?: string }).code ?? (answer.body as { error?: string }).error ?? "";
  return CLASS_OF_CODE[code] ?? (answer.status === 429 || (answer.body as { retry_after?: unknown }).retry_after !== undefined ? RateLimitError : BillingError);
};

/** Sends one operation's documented request (its example body, a fresh Idempotency-Key) through `raw`, as a caller would. */
async function call(baseUrl: string, apiKey: string, operation: OperationName, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
  const { method, path } = operations[operation];
  const body = requestExampleOf(spec, path, method.toLowerCase());
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${apiKey}`, "idempotency-key": crypto.randomUUID(), ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** The operation through the client's own method (its convenience method), as an app calls it; resolves with what it threw. */
async function clientCall(baseUrl: string, operation: OperationName, headers: Record<string, string>): Promise<unknown> {
  const billing = createBillingClient({ apiKey: "team-client", baseUrl, maxRetries: 0 });
  const method = (CONVENIENCE_METHODS as Record<string, string>)[operation];
  const { path, method: verb } = operations[operation];
  const sent =
    method === "getCreditsInfo"
      ? billing.getCreditsInfo({ headers })
      : method === "purchaseTopup"
        ? billing.purchaseTopup((requestExampleOf(spec, path, verb.toLowerCase()) as { credits: 10000 }).credits, { headers })
        : Promise.reject(new Error(`${operation} has no method of its own`));
  return sent.then(() => undefined, (error: unknown) => error);
}

test("the spec names error answers, and the names the mocks take are exactly the spec's (generated, not typed in)", () => {
  expect(errorAnswers.length).toBeGreaterThan(0);
  for (const answer of errorAnswers) expect(namedByOperation[answer.operation as OperationName][String(answer.status) as never]).toContain(answer.name);
  expect(scenarioNames).toEqual(expect.arrayContaining([...new Set(errorAnswers.map((answer) => answer.name))]));
});

describe.each(HOSTS)("on $name", (host) => {
  let mock: RunningHost;
  beforeAll(async () => {
    mock = await host.start({ chargeMs: 0 });
  }, stretched(60_000));
  afterAll(() => mock?.stop());

  test("every named error answer comes by Prefer: code=…, example=…, body as documented, and the client reads it as its class", async () => {
    for (const answer of errorAnswers) {
      const operation = answer.operation as OperationName;
      const prefer = { prefer: `code=${answer.status}, example=${answer.name}` };
      const seen = await call(mock.url, `team-${answer.name}`, operation, prefer);
      expect({ name: answer.name, ...seen }).toEqual({ name: answer.name, status: answer.status, body: answer.body });
      const error = await clientCall(mock.url, operation, { Prefer: prefer.prefer });
      expect({ name: answer.name, error }).toEqual({ name: answer.name, error: expect.any(classOf(answer)) });
      expect(error).toMatchObject({ status: answer.status });
    }
  });

  test("a bare Prefer: code=<status> gives that status's first named example", async () => {
    for (const [operation, statuses] of Object.entries(namedByOperation) as [OperationName, Record<string, readonly string[]>][]) {
      for (const [status, names] of Object.entries(statuses)) {
        const first = errorAnswers.find((answer) => answer.operation === operation && String(answer.status) === status && answer.name === names[0]);
        if (!first) continue;
        expect(await call(mock.url, "team-bare", operation, { prefer: `code=${status}` })).toEqual({ status: first.status, body: first.body });
      }
    }
  });

  test("a key ending in :<name> answers that named error on every operation documenting it, and as usual elsewhere", async () => {
    for (const name of new Set(errorAnswers.map((answer) => answer.name))) {
      for (const [index, operation] of (Object.keys(operations) as OperationName[]).entries()) {
        const documented = errorAnswers.find((answer) => answer.name === name && answer.operation === operation);
        const seen = await call(mock.url, `team-key-${index}:${name}`, operation);
        if (documented) expect(seen).toEqual({ status: documented.status, body: documented.body });
        else expect(seen.status).toBeLessThan(300);
      }
    }
  });
});

describe.each(HOSTS)("force, on $name", (host) => {
  const forcedAnswer = errorAnswers.find((answer) => answer.status !== 429)!;
  let forced: RunningHost;
  beforeAll(async () => {
    forced = await host.start({ chargeMs: 0, force: { [forcedAnswer.operation]: { status: forcedAnswer.status, example: forcedAnswer.name } } as never });
  }, stretched(60_000));
  afterAll(() => forced?.stop());

  test("force { status, example } answers that named example, and the client throws its class with the vendor's code", async () => {
    const operation = forcedAnswer.operation as OperationName;
    expect(await call(forced.url, "team-forced", operation)).toEqual({ status: forcedAnswer.status, body: forcedAnswer.body });
    if (operation === "GET /user/credits/info") {
      const error = await createBillingClient({ apiKey: "team-forced", baseUrl: forced.url, maxRetries: 0 }).getCreditsInfo().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(classOf(forcedAnswer));
      expect(error).toMatchObject({ status: forcedAnswer.status });
    }
    expect(forced.requests().at(-1)).toMatchObject({ method: operations[operation].method, path: operations[operation].path, status: forcedAnswer.status });
  });

  test("a Prefer header of the request's own wins over the forced answer", async () => {
    const operation = forcedAnswer.operation as OperationName;
    const other = (namedByOperation[operation] as Record<string, readonly string[]>)[String(forcedAnswer.status)]!.find((name) => name !== forcedAnswer.name);
    if (!other) return;
    const expected = errorAnswers.find((answer) => answer.operation === operation && answer.name === other)!;
    expect(await call(forced.url, "team-own", operation, { prefer: `code=${expected.status}, example=${other}` })).toEqual({ status: expected.status, body: expected.body });
  });
});

test.each(HOSTS)("a misspelt force is refused at start on $name, naming what the spec has, and nothing is left running", async (host) => {
  const [answer] = errorAnswers;
  const operation = answer!.operation as OperationName;
  const names = (namedByOperation[operation] as Record<string, readonly string[]>)[String(answer!.status)]!;
  const misspelt = `${answer!.name}x`;
  await expect(host.start({ force: { [operation]: { status: answer!.status, example: misspelt } } as never })).rejects.toThrow(
    `force: ${operation} ${answer!.status} has no example "${misspelt}"; its examples are ${names.join(", ")}`,
  );
  const statuses = Object.keys(namedByOperation[operation]);
  await expect(host.start({ force: { [operation]: 418 } as never })).rejects.toThrow(`force: ${operation} documents no status 418; its statuses are ${statuses.join(", ")}`);
});

test("a scenario of a named error, by option, answers every read with it (MSW; the differential test holds Prism to it)", async () => {
  const read = errorAnswers.find((answer) => answer.operation === "GET /user/credits/info");
  if (!read) return;
  const byOption = await MSW_HOST.start({ scenario: read.name as never });
  try {
    expect(await call(byOption.url, "any", "GET /user/credits/info")).toEqual({ status: read.status, body: read.body });
  } finally {
    await byOption.stop();
  }
});

test("an unknown scenario does not compile, and from JavaScript is refused naming the scenarios there are", () => {
  // @ts-expect-error -- "broke" is no scenario of the spec or the mock
  expect(() => createModel({ scenario: "broke" })).toThrow(`no scenario "broke"; the scenarios are ${scenarioNames.join(", ")}`);
});

test("Prism alone (this run's shared, stateless Prism) serves every named answer too", async () => {
  for (const answer of errorAnswers) {
    expect(await call(process.env.PRISM_URL!, "k", answer.operation as OperationName, { prefer: `code=${answer.status}, example=${answer.name}` })).toEqual({ status: answer.status, body: answer.body });
  }
});

test("docs/testing.md's table of the vendor's errors by name is the spec's list, each with the class the client throws", () => {
  const docs = readFileSync(join(__dirname, "..", "..", "docs", "testing.md"), "utf8");
  const table = docs.slice(docs.indexOf("| operation | status | name | the client throws |")).split("\n\n")[0]!.split("\n").slice(2);
  const rows = table.map((line) => line.split("|").slice(1, -1).map((cell) => cell.trim()));
  const listed = rows.flatMap(([operation, status, names, thrown]) => {
    const operations = operation === "both" ? (Object.keys(namedByOperation) as OperationName[]) : [operation!.replace(/`/g, "") as OperationName];
    const named = names === "—" ? [] : [...names!.matchAll(/`([^`]+)`/g)].map((match) => match[1]!);
    return operations.map((name) => ({ operation: name, status: Number(status), names: named, thrown: thrown!.replace(/`/g, "") }));
  });
  const documented = Object.entries(namedByOperation).flatMap(([operation, statuses]) =>
    Object.entries(statuses as Record<string, readonly string[]>)
      .filter(([status]) => !status.startsWith("2"))
      .map(([status, names]) => ({ operation, status: Number(status), names: [...names] })),
  );
  const key = (row: { operation: string; status: number }) => `${row.operation} ${row.status}`;
  // A row may cover several operations ("both"), and a status may be split over rows: join the names per operation and status.
  const joined = new Map<string, string[]>();
  listed.forEach((row) => joined.set(key(row), [...(joined.get(key(row)) ?? []), ...row.names]));
  expect([...joined.entries()].map(([at, names]) => [at, [...names].sort()]).sort()).toEqual(documented.map((row) => [key(row), [...row.names].sort()]).sort());
  for (const row of listed) {
    // A status with no named example has no vendor code: the client's class follows the status alone.
    const classes = row.names.length === 0 ? [row.status >= 500 ? "ServerError" : "ApiError"] : row.names.map((name) => classOf(errorAnswers.find((answer) => answer.operation === row.operation && answer.status === row.status && answer.name === name)!).name);
    expect(`${row.operation} ${row.status} ${row.thrown}`).toBe(`${row.operation} ${row.status} ${[...new Set(classes)].join(", ")}`);
  }
});

test("preferHeader writes the header of a documented answer, and from JavaScript refuses a name the spec lacks, listing its names", () => {
  const [first] = errorAnswers;
  const operation = first!.operation as OperationName;
  expect(preferHeader(operation, { status: first!.status, example: first!.name } as never)).toBe(`code=${first!.status}, example=${first!.name}`);
  const misspelt = `${first!.name}x`;
  const names = (namedByOperation as Record<string, Record<string, readonly string[]>>)[operation]![String(first!.status)]!;
  expect(() => preferHeader(operation, { status: first!.status, example: misspelt } as never)).toThrow(`preferHeader: ${operation} ${first!.status} has no example "${misspelt}"; its examples are ${names.join(", ")}`);
});
