// Operations the vendor could add (tests/helpers/parameter-spec.ts: issue 34's `GET /user/credits/history`, the same
// with `limit` required, parameters of every type and style in the path, the query and a header, form and multipart
// bodies), generated into a copy of the repository as `npm run generate` would; then the same requests to real Prism
// (startMock) and to the MSW handlers there (those written here, and the differential test's, made from the spec for
// each added operation): the same status, headers and body, and the statuses Prism gives.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { exampleOf, operationsOf } from "../../core/openapi/document";
import { copyOfRepo } from "../helpers/repo-copy";
import { HISTORY, PARAMETER_PROBES, withParameterOperations } from "../helpers/parameter-spec";
import type { HostAnswer, Probe } from "../helpers/probes";
import { BLOB_TEXT, specProbes } from "../helpers/spec-probes";
import { scenarioNames } from "../../generated/named-answers";
import { loadSpec } from "../helpers/spec";

// Copying the repository, generating and starting Prism take seconds idle and much longer on two busy cores: no
// clock is tested here.
jest.setTimeout(600_000);

const spec = withParameterOperations(loadSpec());
const ADDED = new Set(operationsOf(spec).map(({ name }) => name).filter((name) => !operationsOf(loadSpec()).some((committed) => committed.name === name)));
/** The requests written for these operations, and the differential test's requests made from the spec for each of them. */
const PROBES: Probe[] = [
  ...PARAMETER_PROBES,
  ...specProbes(spec, scenarioNames)
    .filter((probe) => ADDED.has(probe.operation))
    .map(({ operation: _operation, key, body, ...probe }) => ({
      ...probe,
      headers: { ...(key === null ? {} : { authorization: `Bearer ${key ?? "team-probe"}` }), ...probe.headers },
      ...(body instanceof Blob ? { body: BLOB_TEXT.get(body)!, untyped: true } : body === undefined ? {} : { body }),
    })),
];
let answers: Map<string, { prism: HostAnswer; msw: HostAnswer }>;

const node = (copy: string, script: string, ...args: string[]) => {
  const result = spawnSync(process.execPath, ["-r", join(copy, "scripts", "register.js"), join(copy, script), ...args], { cwd: copy, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${script}: exit ${result.status}\n${result.stderr}`);
  return result.stdout;
};

beforeAll(() => {
  const copy = copyOfRepo("billing-parameters-");
  writeFileSync(join(copy, "billing.json"), JSON.stringify(spec, null, 2));
  expect(JSON.parse(node(copy, join("tests", "helpers", "generate-each.ts"), copy))).toEqual({ [copy]: "ok" });
  writeFileSync(join(copy, "probes.json"), JSON.stringify(PROBES));
  const seen = JSON.parse(node(copy, join("tests", "helpers", "host-answers.ts"), join(copy, "probes.json"))) as { prism: HostAnswer; msw: HostAnswer }[];
  answers = new Map(PROBES.map((probe, index) => [probe.name, seen[index]!]));
});

test("every request gets the same status, headers and body from Prism and from the MSW handlers", () => {
  const differing = PROBES.map((probe) => ({ probe: probe.name, ...answers.get(probe.name)! })).filter(({ prism, msw }) => JSON.stringify(prism) !== JSON.stringify(msw));
  expect(differing).toEqual([]);
});

const history200 = exampleOf(spec, HISTORY, "get", "200");
const invalid = (violations: object[]) => ({ status: 422, body: expect.objectContaining({ title: "Invalid request", validation: violations }) });

test.each([
  ["history, limit and cursor", { status: 200, body: history200 }],
  ["history, no parameters", { status: 200, body: history200 }],
  ["required history, limit and cursor", { status: 200, body: history200 }],
  ["history, limit=ten", invalid([expect.objectContaining({ location: ["query", "limit"], code: "type", message: "Request query parameter limit must be integer" })])],
  ["history, limit=0", invalid([expect.objectContaining({ location: ["query", "limit"], code: "minimum", message: "Request query parameter limit must be >= 1" })])],
  ["required history, limit=ten", invalid([expect.objectContaining({ location: ["query", "limit"], code: "type" })])],
  ["required history, limit=0", invalid([expect.objectContaining({ location: ["query", "limit"], code: "minimum" })])],
  ["required history, no limit", invalid([expect.objectContaining({ location: ["query"], code: "required", message: "Request query must have required property 'limit'" })])],
  ["query, every style valid", { status: 200 }],
  ["header, every style valid", { status: 200 }],
  ["form, valid", { status: 200 }],
  ["multipart, valid", { status: 200 }],
  ["path, id not an integer", invalid([expect.objectContaining({ location: ["path", "id"], code: "type", message: "Request path parameter id must be integer" })])],
  ["form, count not an integer", invalid([expect.objectContaining({ location: ["body", "count"], code: "type", message: "Request body property count must be integer" })])],
  ["header, the array header left out", { status: 500 }],
  ["query, a deprecated parameter", invalid([expect.objectContaining({ location: ["query", "old"], severity: "Warning", code: "deprecated" })])],
  ["a deprecated operation", { status: 200, headers: expect.objectContaining({ deprecation: "true" }) }],
  // No example: Prism samples the schema (and a header's), and the MSW handlers the same way.
  ["an answer with no example", { status: 200, body: expect.objectContaining({ when: expect.any(String) }), headers: expect.objectContaining({ "x-window": expect.any(String) }) }],
  ["an answer with no example, whose sample breaks a pattern", { status: 500, body: expect.objectContaining({ title: "Request/Response not valid" }) }],
  ["an answer with headers, accepting CSV", { status: 200, headers: expect.objectContaining({ "content-type": "text/csv" }), body: expect.any(String) }],
] as const)("%s: the status and document Prism gives, and the same from the MSW handlers", (name, expected) => {
  const { prism, msw } = answers.get(name)!;
  expect(prism).toMatchObject(expected);
  expect(msw).toEqual(prism);
});
