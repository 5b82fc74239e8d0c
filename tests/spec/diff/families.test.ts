// The tuning corpus: one small pair per rule family the diff judges, each run as OpenAPI 3.0 and as 3.1 (unless the
// syntax belongs to one of them), expecting exactly oasdiff's rule id at its level (and the findings the same change
// also makes, listed with it), or no finding where oasdiff reports nothing. The held-back corpus (held-back.test.ts) is written apart from this table and never tuned against.
import { diffSpecs } from "../../../scripts/tooling/spec-diff";
import { pairSpecs, type Place } from "./pair-spec";

/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = any;
/** The pair, the rule it gives and its level (null: no finding at all), the one version it is for, and the other findings ("level id") the same change makes. */
type Row = [place: Place, base: Json, revision: Json, rule: string | null, level: "error" | "warning" | "info" | null, only?: "3.0" | "3.1", also?: string[]];

const str = (extra: Json = {}) => ({ type: "string", ...extra });
const num = (extra: Json = {}) => ({ type: "number", ...extra });
const arr = (extra: Json = {}) => ({ type: "array", items: { type: "string" }, ...extra });
const obj = (extra: Json = {}) => ({ type: "object", ...extra });
const pets = { oneOf: [{ $ref: "#/components/schemas/Cat" }, { $ref: "#/components/schemas/Dog" }] };
const ok = { "200": { description: "ok" } };
const get = (operation: Json, path = "/a") => ({ paths: { [path]: { get: { responses: ok, ...operation } }, "/keep": { get: { responses: ok } } } });
const FUTURE = "2099-12-31";
const PAST = "2020-01-01";

const ROWS: Row[] = [
  // const
  ["request-property", str(), str({ const: "x" }), "request-property-const-added", "error"],
  ["request-body", str({ const: "x" }), str(), "request-body-const-removed", "info"],
  ["response-property", str({ const: "x" }), str({ const: "y" }), "response-property-const-changed", "error"],
  ["response-body", str(), str({ const: "x" }), "response-body-const-added", "info"],
  // contains, minContains, maxContains
  ["request-body", arr(), arr({ contains: str() }), "request-body-contains-added", "error"],
  ["response-property", arr({ contains: str() }), arr(), "response-property-contains-removed", "error"],
  ["request-property", arr({ contains: str(), maxContains: 3 }), arr({ contains: str(), maxContains: 2 }), "request-property-max-contains-decreased", "error"],
  ["response-body", arr({ contains: str(), minContains: 2 }), arr({ contains: str(), minContains: 1 }), "response-body-min-contains-decreased", "error"],
  // if / then / else
  ["request-property", obj(), obj({ if: { required: ["a"] }, then: { required: ["b"] } }), "request-property-then-added", "error", undefined, ["error request-property-if-added"]],
  ["response-property", obj({ if: { required: ["a"] }, else: { required: ["c"] } }), obj({ if: { required: ["a"] } }), "response-property-else-removed", "error"],
  ["request-body", obj({ if: { required: ["a"] } }), obj(), "request-body-if-removed", "info"],
  // dependentRequired / dependentSchemas
  ["request-property", obj(), obj({ dependentRequired: { a: ["b"] } }), "request-property-dependent-required-added", "error"],
  ["response-body", obj({ dependentRequired: { a: ["b"] } }), obj({ dependentRequired: { a: ["c"] } }), "response-body-dependent-required-changed", "error"],
  ["request-body", obj({ dependentSchemas: { a: { required: ["b"] } } }), obj(), "request-body-dependent-schema-removed", "info"],
  ["response-property", obj(), obj({ dependentSchemas: { a: { required: ["b"] } } }), "response-property-dependent-schema-added", "info"],
  // patternProperties, propertyNames, prefixItems
  ["request-body", obj(), obj({ patternProperties: { "^a": str() } }), "request-body-pattern-property-added", "error"],
  ["response-body", obj({ patternProperties: { "^a": str() } }), obj(), "response-body-pattern-property-removed", "error"],
  ["response-property", obj(), obj({ propertyNames: { maxLength: 3 } }), "response-property-property-names-added", "info"],
  ["request-body", obj({ propertyNames: { maxLength: 3 } }), obj(), "request-body-property-names-removed", "info"],
  ["request-property", { type: "array" }, { type: "array", prefixItems: [str()] }, "request-property-prefix-items-added", "info"],
  ["response-body", { type: "array", prefixItems: [str()] }, { type: "array" }, "response-body-prefix-items-removed", "info"],
  // unevaluatedItems / unevaluatedProperties
  ["request-property", obj(), obj({ unevaluatedProperties: false }), "request-property-unevaluated-properties-added", "error"],
  ["response-body", { type: "array", unevaluatedItems: false }, { type: "array" }, "response-body-unevaluated-items-removed", "error"],
  // contentMediaType / contentSchema / contentEncoding
  ["response-property", str({ contentMediaType: "image/png" }), str({ contentMediaType: "image/gif" }), "response-property-content-media-type-changed", "error"],
  ["request-body", str({ contentMediaType: "application/json" }), str({ contentMediaType: "application/json", contentSchema: obj() }), "request-body-content-schema-added", "error"],
  ["request-property", str({ contentEncoding: "base64" }), str({ contentEncoding: "quoted-printable" }), "request-property-content-encoding-changed", "error"],
  // exclusiveMinimum / exclusiveMaximum: numbers (3.1) and flags (3.0)
  ["request-body", num({ exclusiveMinimum: 1 }), num({ exclusiveMinimum: 2 }), "request-body-exclusive-min-increased", "error", "3.1"],
  ["request-parameter" as Place, num({ exclusiveMaximum: 9 }), num({ exclusiveMaximum: 8 }), "request-parameter-exclusive-max-decreased", "error", "3.1"],
  ["response-body", num({ exclusiveMaximum: 9 }), num({ exclusiveMaximum: 10 }), "response-body-exclusive-max-increased", "error", "3.1"],
  ["response-body", num({ exclusiveMinimum: 2 }), num({ exclusiveMinimum: 1 }), "response-body-exclusive-min-decreased", "error", "3.1"],
  ["request-property", num(), num({ exclusiveMinimum: 0 }), "request-property-exclusive-min-set", "warning", "3.1"],
  ["request-property", num({ maximum: 9 }), num({ maximum: 9, exclusiveMaximum: true }), "request-property-exclusive-max-set", "warning", "3.0"],
  ["request-body", num({ minimum: 1, exclusiveMinimum: false }), num({ minimum: 1, exclusiveMinimum: true }), "request-body-exclusive-min-decreased", "info", "3.0"],
  ["response-property", num({ minimum: 1, exclusiveMinimum: true }), num({ minimum: 1, exclusiveMinimum: false }), null, null, "3.0"],
  // changes inside not, if, then, else, contains, prefixItems, patternProperties
  ["request-body", obj({ not: obj({ properties: { a: str({ maxLength: 5 }) } }) }), obj({ not: obj({ properties: { a: str({ maxLength: 4 }) } }) }), "request-property-max-length-decreased", "error"],
  ["response-property", obj({ if: { required: ["a"] }, then: obj({ properties: { n: str() } }) }), obj({ if: { required: ["a"] }, then: obj({ properties: { n: str({ nullable: true }) } }) }), "response-property-became-nullable", "error", "3.0"],
  ["response-body", obj({ else: obj({ properties: { n: str() } }) }), obj({ else: obj({ properties: { n: { type: ["string", "null"] } } }) }), "response-property-became-nullable", "error", "3.1"],
  ["request-property", { type: "array", prefixItems: [str({ enum: ["a", "b"] })] }, { type: "array", prefixItems: [str({ enum: ["a"] })] }, "request-property-enum-value-removed", "error"],
  ["response-body", obj({ patternProperties: { "^a": num() } }), obj({ patternProperties: { "^a": str() } }), "response-property-type-changed", "error"],
  // defaults
  ["request-property", str({ default: "a" }), str({ default: "b" }), "request-property-default-value-changed", "info"],
  ["response-body", str(), str({ default: "a" }), "response-body-default-value-added", "info"],
  ["parameter", str({ default: "a" }), str(), "request-parameter-default-value-removed", "error"],
  // discriminators
  ["request-property", pets, { ...pets, discriminator: { propertyName: "kind" } }, "request-property-discriminator-added", "info"],
  ["response-body", { ...pets, discriminator: { propertyName: "kind" } }, pets, "response-body-discriminator-removed", "info"],
  ["response-property", { ...pets, discriminator: { propertyName: "kind" } }, { ...pets, discriminator: { propertyName: "kind", mapping: { c: "#/components/schemas/Cat" } } }, "response-property-discriminator-mapping-added", "info"],
  ["request-body", { ...pets, discriminator: { propertyName: "kind", mapping: { c: "#/components/schemas/Cat" } } }, { ...pets, discriminator: { propertyName: "kind", mapping: { c: "#/components/schemas/Dog" } } }, "request-body-discriminator-mapping-changed", "info"],
  // x-extensible-enum
  ["request-property", str({ "x-extensible-enum": ["a", "b"] }), str({ "x-extensible-enum": ["b"] }), "request-property-x-extensible-enum-value-removed", "error"],
  ["parameter", str({ "x-extensible-enum": ["a", "b"] }), str({ "x-extensible-enum": ["a"] }), "request-parameter-x-extensible-enum-value-removed", "error"],
  ["response-property", str({ "x-extensible-enum": ["a", "b"] }), str({ "x-extensible-enum": ["a"] }), null, null],
  // the calls issue 29 names
  ["request-property", str({ pattern: "^a+$" }), str({ pattern: ".*" }), "request-property-pattern-generalized", "info"],
  ["request-property", str(), str({ pattern: "^a+$" }), "request-property-pattern-added", "error"],
  ["parameter", str(), str({ pattern: "^a+$" }), "request-parameter-pattern-added", "error"],
  ["response-property", num(), { type: "integer" }, "response-property-type-specialized", "info"],
  ["response-body", { type: "integer", format: "int64" }, { type: "integer", format: "int32" }, "response-body-type-specialized", "info"],
  ["request-body", obj({ properties: { a: str() } }), { oneOf: [obj({ properties: { a: str() } }), obj({ properties: { b: str() } })] }, "request-body-wrapped-in-one-of", "error"],
  ["parameter", arr({ maxItems: 5 }), arr({ maxItems: 4 }), "request-parameter-max-items-decreased", "error"],
  ["parameter", arr(), arr({ minItems: 1 }), "request-parameter-min-items-set", "warning"],
  ["request-property", num(), { oneOf: [num(), str()] }, "request-property-list-of-types-widened", "info"],
  ["response-body", { anyOf: [num(), str()] }, num(), "response-body-list-of-types-narrowed", "info"],
  ["request-body", obj({ properties: { id: str({ readOnly: true }) } }), obj({ required: ["id"], properties: { id: str({ readOnly: true }) } }), null, null],
  ["request-body", obj({ properties: { id: str({ readOnly: true, maximum: 5 }) } }), obj({ properties: { id: str({ readOnly: true, maximum: 4 }) } }), "request-read-only-property-max-decreased", "info"],
  // objects sent in a header, write-only properties in a response, operationIds
  ["document", get({ parameters: [{ name: "h", in: "header", schema: obj({ properties: { a: str() } }) }] }), get({ parameters: [{ name: "h", in: "header", schema: obj({ required: ["b"], properties: { a: str(), b: str() } }) }] }), "new-required-request-header-property", "error"],
  ["document", get({ parameters: [{ name: "h", in: "header", schema: obj({ properties: { a: str() } }) }] }), get({ parameters: [{ name: "h", in: "header", schema: obj({ required: ["a"], properties: { a: str() } }) }] }), "request-header-property-became-required", "error"],
  ["document", get({ parameters: [{ name: "h", in: "header", schema: obj({ properties: { a: str() } }) }] }), get({ parameters: [{ name: "h", in: "header", schema: obj({ properties: { a: str({ enum: ["x"] }) } }) }] }), "request-header-property-became-enum", "error"],
  ["response-body", obj({ properties: { s: str({ writeOnly: true }) } }), obj({ required: ["s"], properties: { s: str({ writeOnly: true }) } }), "response-write-only-property-became-required", "info"],
  ["document", get({ operationId: "a" }), get({ operationId: "b" }), "api-operation-id-removed", "info"],
  // deprecation, sunsets, stability
  ["document", get({}), get({ deprecated: true, "x-sunset": FUTURE }), "endpoint-deprecated-with-sunset", "info"],
  ["document", get({}), get({ deprecated: true, "x-sunset": PAST }), "api-sunset-date-too-small", "error"],
  ["document", get({ deprecated: true, "x-sunset": FUTURE }), { paths: { "/keep": { get: { responses: ok } } } }, "api-path-removed-before-sunset", "error"],
  ["document", get({ deprecated: true, "x-sunset": PAST }), { paths: { "/keep": { get: { responses: ok } } } }, null, null],
  ["document", get({ deprecated: true, "x-sunset": "tomorrow" }), { paths: { "/keep": { get: { responses: ok } } } }, "api-path-sunset-parse", "error"],
  ["document", get({ deprecated: true, "x-sunset": FUTURE }), get({ deprecated: true, "x-sunset": "2099-01-01" }), null, null],
  ["document", get({ "x-stability-level": "beta" }), get({ "x-stability-level": "alpha" }), "api-stability-decreased", "error"],
  ["document", get({ "x-stability-level": "alpha" }), get({ "x-stability-level": "draft" }), null, null],
  ["document", get({ "x-stability-level": "alpha", parameters: [{ name: "q", in: "query", schema: str() }] }), get({ "x-stability-level": "alpha" }), null, null],
  ["document", get({ parameters: [{ name: "q", in: "query", deprecated: true, "x-sunset": PAST, schema: str() }] }), get({}), null, null],
  ["request-property", str(), str({ deprecated: true, "x-sunset": FUTURE }), "request-property-deprecated-with-sunset", "info"],
  ["response-property", str({ deprecated: true }), str(), "response-property-reactivated", "info"],
  ["response-property", str({ "x-stability-level": "stable" }), str({ "x-stability-level": "alpha" }), "response-property-stability-decreased", "error"],
  // operations with no responses, renamed path parameters
  ["document", { paths: { "/a/{id}": { get: {} } } }, { paths: { "/a/{id}": { get: { deprecated: true } } } }, "endpoint-deprecated", "info"],
  ["document", { paths: { "/a/{id}": { get: { parameters: [{ name: "id", in: "path", required: true, schema: str() }], responses: ok } } } }, { paths: { "/a/{key}": { get: { parameters: [{ name: "key", in: "path", required: true, schema: { type: "integer" } }], responses: ok } } } }, "request-parameter-type-changed", "error"],
];

const CASES = ROWS.flatMap(([place, base, revision, rule, level, only, also = []]) =>
  (only ? [only] : (["3.0", "3.1"] as const)).map((openapi) => [`${openapi} ${place}: ${rule ?? "no finding"} (${JSON.stringify(revision).slice(0, 60)})`, { openapi, in: place === ("request-parameter" as Place) ? "parameter" : place, base, revision }, rule ? [`${level} ${rule}`, ...also] : []] as const),
);

test.each(CASES)("%s", (_name, pair, expected) => {
  const findings = diffSpecs(...pairSpecs(pair), { today: new Date("2026-06-01T00:00:00Z") }).map((finding) => `${finding.level} ${finding.id}`);
  // The exact list: a wrong extra finding fails as surely as a missing one.
  expect(findings.sort()).toEqual([...expected].sort());
});
