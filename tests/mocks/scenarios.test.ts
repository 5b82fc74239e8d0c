// Mock-only scenarios are data checked against the spec's schemas, and Prism serves each by name.
import { createBillingClient } from "../../src";
import { operations } from "../../generated/operations";
import { buildMockSpec, loadScenarios } from "../../mocks/mock-spec";
import type { SpecPath } from "../../core/openapi/document";
import { callerFor } from "../helpers/contract";
import { responseSchemaRef, schemaValidator } from "../helpers/schemas";
import { exampleOf, loadSpec } from "../helpers/spec";

const spec = loadSpec();
const validatorFor = schemaValidator(spec);
const scenarios = loadScenarios();

test.each(scenarios.map((s) => [s.name, s] as const))("scenario %s matches an operation, a status and its schema", (_name, scenario) => {
  const target = (operations as Record<string, { method: string; path: SpecPath; statuses: readonly string[] }>)[scenario.operation];
  expect(target?.statuses).toContain(scenario.status);
  const ref = responseSchemaRef(spec, target!.path, target!.method.toLowerCase(), scenario.status);
  expect(ref).toBeDefined();
  const validate = validatorFor(ref!);
  expect(validate(scenario.body) ? [] : validate.errors).toEqual([]);
});

test.each(scenarios.map((s) => [s.name, s] as const))("Prism serves scenario %s on Prefer: example=<name>", async (_name, scenario) => {
  const billing = createBillingClient({ apiKey: "contract-test-key", baseUrl: process.env.PRISM_URL!, maxRetries: 0 });
  const call = callerFor(scenario.operation, spec)(billing, { Prefer: `example=${scenario.name}` }, spec);
  await expect(call).resolves.toEqual(scenario.body);
});

test("without a Prefer header the mock still serves the vendor's example", () => {
  const mock = buildMockSpec(loadSpec());
  const media = mock.paths["/user/credits/info"]!.get!.responses["200"]!.content!["application/json"]!;
  expect(Object.keys(media.examples!)[0]).toBe("default");
  expect(media.examples!.default!.value).toEqual(exampleOf(spec, "/user/credits/info", "get", "200"));
});

test("a scenario body that breaks the schema is caught", () => {
  const validate = validatorFor("#/components/schemas/CreditsInfoResponse");
  expect(validate({ credits: "lots", allow_usage: "yes" })).toBe(false);
  expect(validate({ breakdown: [{ purchase_kind: "Gift" }] })).toBe(false);
});
