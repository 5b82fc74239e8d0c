// Prism's random schema-valid bodies (Prefer: dynamic=true) pass through the client and stay schema-valid.
import { createBillingClient } from "../../src";
import { callerFor, contractMatrix } from "../helpers/contract";
import type { RawAnswer } from "../helpers/raw-caller";
import { responseSchemaRef, schemaValidator } from "../helpers/schemas";
import { loadSpec } from "../helpers/spec";

const RUNS_PER_OPERATION = 50;
const spec = loadSpec();
const validatorFor = schemaValidator(spec);
// Operations with a JSON body to check: a 200 whose response has a schema.
const successCases = contractMatrix(spec).cases.filter((c) => c.status === "200" && responseSchemaRef(spec, c.path, c.method, "200"));

test.each(successCases.map((c) => [c.operation, c] as const))(
  `${RUNS_PER_OPERATION} random responses of %s pass through the client and validate against the spec`,
  async (_name, c) => {
    const billing = createBillingClient({ apiKey: "contract-test-key", baseUrl: process.env.PRISM_URL!, maxRetries: 0 });
    const validate = validatorFor(responseSchemaRef(spec, c.path, c.method, "200")!);
    const bodies = await Promise.all(
      Array.from({ length: RUNS_PER_OPERATION }, () => callerFor(c.operation, spec)(billing, { Prefer: "dynamic=true" }, spec)),
    ).then((answers) => (c.raw ? answers.map((answer) => (answer as RawAnswer).body) : answers));
    const invalid = bodies.filter((body) => !validate(body));
    expect(invalid).toEqual([]);
    // Random means random: the bodies are not all the example.
    expect(new Set(bodies.map((body) => JSON.stringify(body))).size).toBeGreaterThan(1);
  },
);
