// No input makes the diff throw (fast-check, seeded: SPEC_DIFF_SEED replays a run): documents whose operations,
// parameters, bodies, responses and schemas hold any JSON value at all (an operation with no responses, `required: 5`,
// `properties: null`, a $ref to nowhere, a keyword of the wrong type) are compared without a crash.
import fc from "fast-check";
import type { OpenApiDocument } from "../../../core/openapi/document";
import { diffSpecs } from "../../../scripts/tooling/spec-diff";

const SEED = Number(process.env.SPEC_DIFF_SEED) || 20_261_206;

/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = any;

const KEYWORDS = ["type", "format", "enum", "const", "default", "properties", "required", "items", "prefixItems", "allOf", "oneOf", "anyOf", "not", "if", "then", "else", "contains", "minContains", "maximum", "exclusiveMinimum", "exclusiveMaximum", "maxLength", "pattern", "patternProperties", "dependentRequired", "dependentSchemas", "propertyNames", "unevaluatedProperties", "additionalProperties", "discriminator", "x-extensible-enum", "deprecated", "x-sunset", "x-stability-level", "readOnly", "nullable", "$ref"];
const odd = fc.oneof(fc.constantFrom(null, true, false, 0, -1, 2.5, "", "x", ".*", "2099-12-31", "beta", [], {}, ["string", "null"], { type: "string" }, "#/components/schemas/Nowhere", "#/components/schemas/S", "#/%E0"), fc.jsonValue({ maxDepth: 1 }));
const schema: fc.Arbitrary<Json> = fc.letrec<{ node: Json }>((tie) => ({
  node: fc.dictionary(fc.constantFrom(...KEYWORDS), fc.oneof({ depthSize: "xsmall" }, odd, tie("node"), fc.array(tie("node"), { maxLength: 2 }), fc.dictionary(fc.constantFrom("a", "b"), tie("node"), { maxKeys: 2 })), { maxKeys: 4 }),
})).node;
const anything = fc.oneof(odd, schema);
const operation = fc.record(
  { parameters: fc.oneof(anything, fc.array(fc.record({ name: fc.constantFrom("id", "q"), in: fc.constantFrom("path", "query", "header"), schema }, { requiredKeys: [] }))), requestBody: fc.oneof(anything, fc.record({ content: fc.dictionary(fc.constantFrom("application/json", "text/plain"), fc.record({ schema })) })), responses: fc.oneof(anything, fc.dictionary(fc.constantFrom("200", "404"), fc.record({ content: fc.record({ "application/json": fc.record({ schema }) }), headers: fc.dictionary(fc.constantFrom("X-A"), fc.record({ schema, required: fc.boolean() })) }, { requiredKeys: [] }))), deprecated: fc.boolean(), "x-sunset": odd, "x-stability-level": odd },
  { requiredKeys: [] },
);
const doc: fc.Arbitrary<OpenApiDocument> = fc
  .record({ paths: fc.dictionary(fc.constantFrom("/a", "/a/{id}", "/a/{key}", "/b"), fc.oneof(anything, fc.record({ get: operation, post: operation, parameters: anything }, { requiredKeys: [] })), { maxKeys: 3 }), S: schema, webhooks: fc.oneof(anything, fc.dictionary(fc.constantFrom("w"), fc.record({ post: operation }))), servers: anything, security: anything })
  .map(({ paths, S, webhooks, servers, security }) => ({ openapi: "3.1.0", info: { title: "t", version: "1" }, paths, webhooks, servers, security, components: { schemas: { S } } }) as unknown as OpenApiDocument);

test(`any JSON in any place of two documents is compared without throwing (seed ${SEED})`, () => {
  fc.assert(
    fc.property(doc, doc, (base, revision) => {
      diffSpecs(base, revision, { today: new Date("2026-06-01T00:00:00Z") });
      diffSpecs(base, structuredClone(base));
    }),
    { seed: SEED, numRuns: 120 },
  );
});

test("components that refer to each other twice per level, 20 levels deep, are each judged once (no walk per path)", () => {
  const chain = (leaf: string) => {
    const schemas: Record<string, Json> = { C20: { type: leaf } };
    for (let level = 19; level >= 0; level -= 1) schemas[`C${level}`] = { type: "object", properties: { a: { $ref: `#/components/schemas/C${level + 1}` }, b: { $ref: `#/components/schemas/C${level + 1}` } } };
    const ok = { "200": { description: "ok", content: { "application/json": { schema: { $ref: "#/components/schemas/C0" } } } } };
    return { openapi: "3.0.3", info: { title: "t", version: "1" }, paths: { "/a": { get: { responses: ok } } }, components: { schemas } } as unknown as OpenApiDocument;
  };
  // 2^20 paths lead to C20; its type changes once, and is reported once.
  expect(diffSpecs(chain("integer"), chain("string")).map((finding) => `${finding.level} ${finding.id} ${finding.text}`)).toEqual([`error response-property-type-changed ${"a/".repeat(20)}: type changed from integer to string`.replace("/:", ":")]);
});

test("allOf members that share members, 30 levels deep, fold once each", () => {
  const chain = (leaf: string) => {
    const schemas: Record<string, Json> = { A30: { type: "object", properties: { n: { type: leaf } } } };
    for (let level = 29; level >= 0; level -= 1) schemas[`A${level}`] = { allOf: [{ $ref: `#/components/schemas/A${level + 1}` }, { $ref: `#/components/schemas/A${level + 1}` }] };
    const ok = { "200": { description: "ok", content: { "application/json": { schema: { $ref: "#/components/schemas/A0" } } } } };
    return { openapi: "3.0.3", info: { title: "t", version: "1" }, paths: { "/a": { get: { responses: ok } } }, components: { schemas } } as unknown as OpenApiDocument;
  };
  expect(diffSpecs(chain("integer"), chain("string")).map((finding) => `${finding.level} ${finding.id} ${finding.text}`)).toEqual(["error response-property-type-changed n: type changed from integer to string"]);
});
