// One answer per request, whichever host: raw requests made from the spec model for every operation and every
// documented answer (tests/helpers/spec-probes.ts: methods, content types, bodies valid and not, parameters, Prefer,
// credentials, scenarios) sent to the Prism-hosted stateful mock and to the MSW handlers (msw/node), and their status,
// headers and body compared; then hosts started with each named scenario. Each request is its own team (its own API
// key), so order does not matter.
import { buildMockSpec } from "../../mocks/mock-spec";
import { scenarioNames } from "../../generated/named-answers";
import { namedErrorAnswers, operationsOf, parametersOf, requestBodyOf } from "../../core/openapi/document";
import { deref } from "../../core/openapi/refs";
import { HOSTS, type RunningHost } from "../helpers/mock-hosts";
import { comparableAnswer, type HostAnswer } from "../helpers/probes";
import { specProbes, type SpecProbe } from "../helpers/spec-probes";
import { loadSpec } from "../helpers/spec";

// Prism's start takes seconds idle and much longer on two busy cores: no clock is tested here.
jest.setTimeout(300_000);

/** The spec the hosts serve: the scenarios are named examples there, which `Prefer: example=` reaches. */
const spec = buildMockSpec(loadSpec());
const PROBES = specProbes(spec, scenarioNames);
const OPERATIONS = operationsOf(spec);
const clock = Date.parse("2026-11-25T12:00:00Z");

async function send(mock: RunningHost, probe: SpecProbe, team: string): Promise<HostAnswer> {
  const key = probe.key === undefined ? team : probe.key;
  const headers = { ...(key === null ? {} : { authorization: `Bearer ${key}` }), ...probe.headers };
  const response = await fetch(`${mock.url}${probe.path}`, { method: probe.method ?? "GET", headers, body: probe.body });
  return comparableAnswer(response.status, response.headers, await response.text());
}

const byName = (name: string): SpecProbe => {
  const found = PROBES.find((probe) => probe.name === name);
  if (!found) throw new Error(`no probe "${name}"`);
  return found;
};

describe("hosts started with no scenario", () => {
  let prism: RunningHost, msw: RunningHost;
  beforeAll(async () => {
    [prism, msw] = (await Promise.all(HOSTS.map((host) => host.start({ now: () => clock, chargeMs: 0 })))) as [RunningHost, RunningHost];
  });
  afterAll(() => Promise.all([prism?.stop(), msw?.stop()]));

  test("the spec gives probes for every operation, every documented answer and every scenario", () => {
    for (const { name, operation } of OPERATIONS) {
      const mine = PROBES.filter((probe) => probe.operation === name).map((probe) => probe.name);
      for (const status of Object.keys(operation.responses)) expect(mine).toContain(`${name}: Prefer: code=${status}`);
      for (const scenario of scenarioNames) expect(mine).toContain(`${name}: a key of the scenario ${scenario}`);
    }
  });

  test("every probe gets the same status, headers and body from Prism and from the MSW handlers", async () => {
    const answers = await Promise.all(PROBES.map(async (probe, index) => ({ probe, fromPrism: await send(prism, probe, `team-${index}`), fromMsw: await send(msw, probe, `team-${index}`) })));
    const differences = answers
      .filter(({ fromPrism, fromMsw }) => JSON.stringify(fromPrism) !== JSON.stringify(fromMsw))
      .map(({ probe, fromPrism, fromMsw }) => `${probe.name}:\n  Prism ${JSON.stringify(fromPrism)}\n  MSW   ${JSON.stringify(fromMsw)}`);
    expect(differences).toEqual([]);
  });

  // Where the hosts used to differ, the answer that follows the vendor's documented behaviour (and the spec), on both;
  // and nothing charged: the team's balance afterwards is a new team's.
  const refusals: [string, number, string][] = OPERATIONS.flatMap(({ name, method, path }) => {
    const found: [string, number, string][] = [];
    const body = requestBodyOf(spec, path, method);
    // A body documented as JSON only: anything else is refused; malformed JSON is a 400, before anything else.
    if (body && Object.keys(body.content ?? {}).every((type) => /json/.test(type))) {
      found.push([`${name}: as text/plain`, 422, "application/problem+json"], [`${name}: with no content type`, 422, "application/problem+json"], [`${name}: invalid JSON`, 400, "application/json; charset=utf-8"]);
    }
    // A header with at least one character (the spec's minLength): an empty one is refused, not taken as absent.
    for (const parameter of parametersOf(spec, path, method)) {
      const schema = deref(spec, parameter.schema as { minLength?: number } | undefined);
      if (parameter.in === "header" && (schema?.minLength ?? 0) > 0) found.push([`${name}: ${parameter.name} empty`, 422, "application/problem+json"]);
    }
    // The API documents no CORS, no OPTIONS and no HEAD: a preflight and a HEAD get the spec's 405.
    if (!spec.paths[path]!.options) found.push([`${name}: OPTIONS, a browser's preflight`, 405, "application/problem+json"]);
    if (!spec.paths[path]!.head) found.push([`${name}: HEAD instead`, 405, "application/problem+json"]);
    return found;
  });
  const balance = byName(`${OPERATIONS[0]!.name}: a valid request from the examples`);

  test.each(refusals)("%s: %i (%s) from both hosts, and nothing charged", async (name, status, type) => {
    const probe = byName(name);
    const team = `refused-${PROBES.indexOf(probe)}`;
    for (const host of [prism, msw]) {
      const seen = await send(host, probe, team);
      expect({ status: seen.status, type: seen.headers["content-type"] }).toEqual({ status, type });
      if (probe.method === "HEAD") expect(seen.body).toBeNull();
      expect(await send(host, balance, team)).toEqual(await send(host, balance, `${team}-new`));
    }
  });

  test.each(namedErrorAnswers(spec).map((answer) => [`${answer.operation}: a key of the scenario ${answer.name}`, answer] as const))("%s: the documented answer from both hosts", async (name, answer) => {
    const probe = byName(name);
    for (const host of [prism, msw]) expect(await send(host, probe, "unused")).toMatchObject({ status: answer.status, body: answer.body });
  });
});

// Each scenario named as the hosts' own (every new key starts from it): the same answers from both, and the documented
// error answer where the operation documents that scenario's error. A pair of hosts is a Prism start each: the everyday
// suite starts them with the first balance scenario and the first named error answer, the slow tier with every one.
const errorNames = new Set(namedErrorAnswers(spec).map((answer) => answer.name));
const STARTED = process.env.BILLING_ALL_TESTS === "1" ? scenarioNames : [scenarioNames.find((name) => !errorNames.has(name)), scenarioNames.find((name) => errorNames.has(name))].filter((name) => name !== undefined);
describe.each(STARTED.map((scenario) => [scenario]))("hosts started with the scenario %s", (scenario) => {
  let prism: RunningHost, msw: RunningHost;
  beforeAll(async () => {
    [prism, msw] = (await Promise.all(HOSTS.map((host) => host.start({ now: () => clock, chargeMs: 0, scenario })))) as [RunningHost, RunningHost];
  });
  afterAll(() => Promise.all([prism?.stop(), msw?.stop()]));

  test.each(OPERATIONS.map(({ name }) => [name]))("%s: the same answer from both hosts, the scenario's where documented", async (operation) => {
    const probe = byName(`${operation}: a valid request from the examples`);
    const [fromPrism, fromMsw] = [await send(prism, probe, "team-started"), await send(msw, probe, "team-started")];
    expect(fromMsw).toEqual(fromPrism);
    const documented = namedErrorAnswers(spec).find((answer) => answer.operation === operation && answer.name === scenario);
    if (documented) expect(fromPrism).toMatchObject({ status: documented.status, body: documented.body });
  });
});
