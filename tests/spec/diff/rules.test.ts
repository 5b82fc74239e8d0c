// One pair of small specs per rule the diff implements: the mini spec, and the mini spec with that one change. Each must
// give exactly the rule's id at its level (oasdiff's where oasdiff has the rule; ids of this project's own start
// olostep-), and nothing else but the findings the same change also makes, listed with it.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { diffSpecs, type Finding } from "../../../scripts/tooling/spec-diff";
import { OASDIFF_LEVELS } from "../../../scripts/tooling/spec-diff/oasdiff-levels";
import { applyPatch, type PatchOperation } from "../../helpers/json-patch";
import { loadSpec } from "../../helpers/spec";
import { type OasdiffCase } from "./agreement";
import { miniSpec } from "./mini-spec";
import { pairSpecs } from "./pair-spec";

/* eslint-disable @typescript-eslint/no-explicit-any */
type Spec = any;
const thing = (s: Spec) => s.components.schemas.Thing;
const order = (s: Spec) => s.components.schemas.Order;
const get = (s: Spec) => s.paths["/things/{id}"].get;
const post = (s: Spec) => s.paths["/orders"].post;
const ok = (s: Spec) => get(s).responses["200"];
/** The 201's JSON body, whose schema a response-body rule changes whole. */
const created = (s: Spec) => post(s).responses["201"].content["application/json"];
const team = (s: Spec) => s.components.schemas.Team;

/**
 * The rule, its level, the change made to the revision, what both versions have first (when the base needs it), and
 * the other findings ("level id") the same change makes.
 */
const RULES: [rule: string, level: "error" | "warning" | "info", change: (spec: Spec) => void, both?: (spec: Spec) => void, also?: string[]][] = [
  // Operations.
  ["endpoint-added", "info", (s) => (s.paths["/people"] = { get: { responses: { "200": { description: "ok" } } } })],
  ["api-path-removed-without-deprecation", "error", (s) => delete s.paths["/orders"]],
  ["api-path-removed-with-deprecation", "info", (s) => delete s.paths["/orders"], (s) => (post(s).deprecated = true)],
  ["api-removed-without-deprecation", "error", (s) => delete s.paths["/orders"].get, (s) => (s.paths["/orders"].get = { responses: { "200": { description: "ok" } } })],
  ["api-removed-with-deprecation", "info", (s) => delete s.paths["/orders"].get, (s) => (s.paths["/orders"].get = { deprecated: true, responses: { "200": { description: "ok" } } })],
  ["endpoint-reactivated", "info", (s) => delete get(s).deprecated, (s) => (get(s).deprecated = true)],
  ["endpoint-deprecated", "info", (s) => (get(s).deprecated = true)],
  ["api-operation-id-removed", "info", (s) => delete get(s).operationId],
  ["api-operation-id-added", "info", (s) => (post(s).operationId = "makeOrder")],
  ["api-operation-id-removed", "info", (s) => (get(s).operationId = "fetchThing")],
  ["api-tag-added", "info", (s) => get(s).tags.push("reads")],
  ["api-tag-removed", "info", (s) => (get(s).tags = [])],
  ["api-security-removed", "info", (s) => (get(s).security = [])],
  ["api-security-added", "info", (s) => get(s).security.push({ apiKey: [] })],
  ["api-global-security-removed", "info", (s) => (s.security = [])],
  ["api-security-component-added", "info", (s) => (s.components.securitySchemes.apiKey = { type: "apiKey", in: "header", name: "X-Key" })],
  ["api-security-component-removed", "info", (s) => delete s.components.securitySchemes.bearer],
  ["api-security-component-type-changed", "info", (s) => (s.components.securitySchemes.bearer.scheme = "basic")],
  ["olostep-api-default-server-changed", "info", (s) => (s.servers[0].url = "https://eu.api.example.com"), undefined, ["info olostep-api-server-added", "info olostep-api-server-removed"]],
  ["olostep-api-server-added", "info", (s) => s.servers.push({ url: "https://eu.api.example.com" })],
  // Parameters.
  ["new-request-path-parameter", "error", (s) => get(s).parameters.unshift({ name: "id", in: "path", required: true, schema: { type: "string" } }), (s) => get(s).parameters.shift()],
  ["new-required-request-parameter", "error", (s) => get(s).parameters.push({ name: "X-Team", in: "header", required: true, schema: { type: "string" } })],
  ["new-optional-request-parameter", "info", (s) => get(s).parameters.push({ name: "expand", in: "query", schema: { type: "string" } })],
  ["request-parameter-removed", "warning", (s) => get(s).parameters.splice(2, 1)],
  ["request-parameter-became-required", "error", (s) => (get(s).parameters[1].required = true)],
  ["request-parameter-deprecated", "info", (s) => (get(s).parameters[2].deprecated = true)],
  ["request-parameter-max-length-decreased", "error", (s) => (get(s).parameters[1].schema.maxLength = 32)],
  ["request-parameter-max-length-increased", "info", (s) => (get(s).parameters[1].schema.maxLength = 128)],
  ["request-parameter-max-decreased", "error", (s) => (get(s).parameters[2].schema.maximum = 50)],
  ["request-parameter-min-increased", "error", (s) => (get(s).parameters[2].schema.minimum = 5)],
  ["request-parameter-type-changed", "error", (s) => (get(s).parameters[2].schema = { type: "boolean" }), undefined, ["info olostep-request-parameter-max-unset", "info olostep-request-parameter-min-unset"]],
  ["request-parameter-type-generalized", "info", (s) => (get(s).parameters[2].schema.type = "string")],
  ["request-parameter-pattern-added", "error", (s) => (get(s).parameters[1].schema.pattern = "^[0-9a-f]+$")],
  ["request-parameter-became-enum", "error", (s) => (get(s).parameters[1].schema.enum = ["a"])],
  ["request-parameter-became-nullable", "info", (s) => (get(s).parameters[1].schema.nullable = true)],
  // Request bodies.
  ["request-body-added-optional", "info", (s) => (get(s).requestBody = { content: { "application/json": { schema: { type: "object" } } } })],
  ["request-body-added-required", "error", (s) => (get(s).requestBody = { required: true, content: { "application/json": { schema: { type: "object" } } } })],
  ["request-body-removed", "error", (s) => delete post(s).requestBody],
  ["request-body-became-optional", "info", (s) => (post(s).requestBody.required = false)],
  ["request-body-media-type-added", "info", (s) => (post(s).requestBody.content["application/x-www-form-urlencoded"] = { schema: { type: "object" } })],
  ["request-body-media-type-removed", "error", (s) => (post(s).requestBody.content = { "text/plain": { schema: { type: "string" } } }), undefined, ["info request-body-media-type-added"]],
  ["request-body-media-type-schema-removed", "info", (s) => delete post(s).requestBody.content["application/json"].schema],
  ["request-body-type-changed", "error", (s) => (post(s).requestBody.content["application/json"].schema = { type: "array", items: { type: "string" } }), undefined, Array<string>(7).fill("warning request-property-removed")],
  // Request schemas.
  ["new-required-request-property", "error", (s) => ((order(s).properties.shop = { type: "string" }), order(s).required.push("shop"))],
  ["new-optional-request-property", "info", (s) => (order(s).properties.coupon = { type: "string" })],
  ["request-property-removed", "warning", (s) => delete order(s).properties.note],
  ["request-property-became-required", "error", (s) => order(s).required.push("count")],
  ["request-property-became-optional", "info", (s) => (order(s).required = [])],
  ["request-property-enum-value-removed", "error", (s) => order(s).properties.item.enum.pop()],
  ["request-property-enum-value-added", "info", (s) => order(s).properties.item.enum.push("z")],
  ["request-property-became-enum", "error", (s) => (order(s).properties.note.enum = ["hi"])],
  ["request-property-type-changed", "error", (s) => (order(s).properties.count.type = "string")],
  ["request-property-type-generalized", "info", (s) => (order(s).properties.count.type = "number")],
  ["request-property-type-generalized", "info", (s) => (order(s).properties.stamp.format = "date-time")],
  ["request-property-type-changed", "error", (s) => (order(s).properties.stamp.format = "time")],
  ["request-property-became-nullable", "info", (s) => (order(s).properties.note.nullable = true)],
  ["request-property-max-length-decreased", "error", (s) => (order(s).properties.note.maxLength = 10)],
  ["request-property-max-length-increased", "info", (s) => (order(s).properties.note.maxLength = 1000)],
  ["request-property-max-length-set", "warning", (s) => (order(s).properties.item.maxLength = 1)],
  ["request-property-min-length-increased", "error", (s) => (order(s).properties.note.minLength = 3)],
  ["request-property-max-decreased", "error", (s) => (order(s).properties.count.maximum = 5)],
  ["request-property-max-increased", "info", (s) => (order(s).properties.count.maximum = 99)],
  ["request-property-min-increased", "error", (s) => (order(s).properties.count.minimum = 2)],
  ["request-property-min-decreased", "info", (s) => (order(s).properties.count.minimum = 0)],
  ["olostep-request-property-max-items-decreased", "error", (s) => (order(s).properties.lines.maxItems = 2)],
  ["request-property-min-items-increased", "error", (s) => (order(s).properties.lines.minItems = 2)],
  ["request-property-pattern-changed", "warning", (s) => (order(s).properties.note.pattern = "^[a-z]*$")],
  ["request-property-pattern-removed", "info", (s) => delete order(s).properties.note.pattern],
  ["request-property-any-of-removed", "error", (s) => (order(s).properties.payer.anyOf = [])],
  ["request-property-any-of-added", "info", (s) => order(s).properties.payer.anyOf.push({ $ref: "#/components/schemas/Team" })],
  ["request-required-property-became-read-only", "info", (s) => (order(s).properties.item.readOnly = true)],
  ["olostep-request-property-additional-properties-forbidden", "warning", (s) => (order(s).properties.meta.additionalProperties = false)],
  ["request-property-enum-value-removed", "error", (s) => order(s).properties.lines.items.enum.pop(), (s) => (order(s).properties.lines.items.enum = ["a", "b"])],
  ["request-parameter-became-optional", "info", (s) => (get(s).parameters[2].required = false), (s) => (get(s).parameters[2].required = true)],
  ["request-parameter-reactivated", "info", (s) => delete get(s).parameters[2].deprecated, (s) => (get(s).parameters[2].deprecated = true)],
  ["request-body-became-required", "error", (s) => (post(s).requestBody.required = true), (s) => (post(s).requestBody.required = false)],
  ["request-body-media-type-schema-added", "error", (s) => (post(s).requestBody.content["text/plain"].schema = { type: "string" }), (s) => (post(s).requestBody.content["text/plain"] = {})],
  ["response-body-media-type-schema-added", "info", (s) => (ok(s).content["text/plain"].schema = { type: "string" }), (s) => (ok(s).content["text/plain"] = {})],
  ["request-body-became-not-nullable", "error", (s) => delete order(s).nullable, (s) => (order(s).nullable = true)],
  ["response-property-became-not-nullable", "info", (s) => delete thing(s).properties.name.nullable, (s) => (thing(s).properties.name.nullable = true)],
  ["request-optional-property-became-not-read-only", "info", (s) => delete order(s).properties.note.readOnly, (s) => (order(s).properties.note.readOnly = true)],
  ["response-required-property-became-write-only", "info", (s) => (thing(s).properties.id.writeOnly = true)],
  ["olostep-request-property-additional-properties-allowed", "info", (s) => (order(s).properties.meta.additionalProperties = true), (s) => (order(s).properties.meta.additionalProperties = false)],
  ["api-global-security-added", "info", (s) => s.security.push({ apiKey: [] })],
  ["olostep-api-server-removed", "info", (s) => s.servers.pop(), (s) => s.servers.push({ url: "https://eu.api.example.com" })],
  // Responses.
  ["response-success-status-added", "info", (s) => (get(s).responses["202"] = { description: "later" })],
  ["response-success-status-removed", "error", (s) => delete post(s).responses["201"]],
  ["response-non-success-status-added", "info", (s) => (get(s).responses["429"] = { description: "slow down" })],
  ["response-non-success-status-removed", "info", (s) => delete get(s).responses["404"]],
  ["response-media-type-added", "info", (s) => (ok(s).content["application/xml"] = { schema: { type: "object" } })],
  ["response-media-type-removed", "error", (s) => delete ok(s).content],
  ["response-body-media-type-schema-removed", "warning", (s) => delete ok(s).content["application/json"].schema],
  ["response-header-added", "info", (s) => (ok(s).headers["X-Id"] = { schema: { type: "string" } })],
  ["required-response-header-removed", "error", (s) => delete ok(s).headers["X-Rate"]],
  ["optional-response-header-removed", "warning", (s) => delete ok(s).headers["X-Note"]],
  ["response-header-became-optional", "error", (s) => (ok(s).headers["X-Rate"].required = false)],
  ["olostep-response-header-became-required", "info", (s) => (ok(s).headers["X-Note"].required = true)],
  ["response-header-type-changed", "error", (s) => (ok(s).headers["X-Rate"].schema.type = "boolean")],
  ["response-header-became-nullable", "error", (s) => (ok(s).headers["X-Note"].schema.nullable = true)],
  // Response schemas.
  ["response-required-property-added", "info", (s) => ((thing(s).properties.made = { type: "integer" }), thing(s).required.push("made"))],
  ["response-optional-property-added", "info", (s) => (thing(s).properties.color = { type: "string" })],
  ["response-required-property-removed", "error", (s) => ((thing(s).required = []), delete thing(s).properties.id)],
  ["response-optional-property-removed", "warning", (s) => delete thing(s).properties.kind],
  ["response-property-became-required", "info", (s) => thing(s).required.push("kind")],
  ["response-property-became-optional", "error", (s) => (thing(s).required = [])],
  ["response-property-enum-value-added", "warning", (s) => thing(s).properties.kind.enum.push("c")],
  ["response-property-enum-value-removed", "info", (s) => thing(s).properties.kind.enum.pop()],
  ["response-property-type-changed", "error", (s) => (thing(s).properties.size.type = "string")],
  ["response-property-type-generalized", "error", (s) => (thing(s).properties.size.type = "number")],
  ["response-property-type-specialized", "info", (s) => (thing(s).properties.size.format = "int32")],
  ["response-property-became-nullable", "error", (s) => (thing(s).properties.name.nullable = true)],
  ["response-property-max-length-increased", "error", (s) => (thing(s).properties.name.maxLength = 40)],
  ["response-property-max-length-unset", "error", (s) => delete thing(s).properties.name.maxLength],
  ["response-property-min-length-decreased", "error", (s) => (thing(s).properties.name.minLength = 0)],
  ["response-property-max-increased", "error", (s) => (thing(s).properties.size.maximum = 20)],
  ["response-property-min-decreased", "error", (s) => (thing(s).properties.size.minimum = -1)],
  ["response-property-min-items-decreased", "error", (s) => (thing(s).properties.tags.minItems = 0)],
  ["olostep-response-property-max-decreased", "info", (s) => (thing(s).properties.size.maximum = 5)],
  ["response-property-pattern-changed", "info", (s) => (thing(s).properties.name.pattern = "^[a-z0-9]+$")],
  ["response-property-one-of-added", "error", (s) => thing(s).properties.owner.oneOf.push({ type: "string" })],
  ["response-property-one-of-removed", "info", (s) => thing(s).properties.owner.oneOf.pop()],
  ["response-property-type-changed", "error", (s) => (s.components.schemas.Team.properties.members.type = "string")],
  ["response-optional-property-became-not-write-only", "info", (s) => delete thing(s).properties.secret.writeOnly],
  ["response-property-enum-value-added", "warning", (s) => (thing(s).properties.tags.items.enum = ["x"])],
  ["olostep-response-property-additional-properties-forbidden", "info", (s) => (thing(s).properties.extra.additionalProperties = false)],
  ["olostep-request-property-min-unset", "info", (s) => delete order(s).properties.count.minimum],
  ["olostep-request-parameter-max-length-unset", "info", (s) => delete get(s).parameters[1].schema.maxLength],
  ["olostep-request-parameter-max-unset", "info", (s) => delete get(s).parameters[2].schema.maximum],
  ["olostep-request-parameter-min-unset", "info", (s) => delete get(s).parameters[2].schema.minimum],
  ["olostep-response-property-max-set", "info", (s) => (team(s).properties.members.maximum = 50)],
  ["olostep-response-property-exclusive-max-set", "info", (s) => (thing(s).properties.size.exclusiveMaximum = true)],
  // Response bodies whose schema is the whole body.
  ["olostep-response-body-additional-properties-forbidden", "info", (s) => (created(s).schema.additionalProperties = false)],
  ["olostep-response-body-max-length-set", "info", (s) => (created(s).schema.maxLength = 5), (s) => (created(s).schema = { type: "string" })],
  ["olostep-response-body-max-length-decreased", "info", (s) => (created(s).schema.maxLength = 5), (s) => (created(s).schema = { type: "string", maxLength: 10 })],
  ["olostep-response-body-min-items-increased", "info", (s) => (created(s).schema.minItems = 2), (s) => (created(s).schema = { type: "array", items: { type: "string" }, minItems: 1 })],
  ["response-body-then-added", "info", (s) => Object.assign(created(s).schema, { if: { required: ["ok"] }, then: { required: ["id"] } }), (s) => (s.openapi = "3.1.0"), ["info response-body-if-added"]],
  ["request-body-then-added", "error", (s) => Object.assign(order(s), { if: { required: ["note"] }, then: { required: ["count"] } }), (s) => (s.openapi = "3.1.0"), ["error request-body-if-added"]],
  ["olostep-response-body-exclusive-max-decreased", "info", (s) => (created(s).schema.exclusiveMaximum = 5), (s) => ((s.openapi = "3.1.0"), (created(s).schema = { type: "integer", exclusiveMaximum: 10 }))],
  ["olostep-request-body-enum-value-added", "info", (s) => post(s).requestBody.content["application/json"].schema.enum.push("b"), (s) => (post(s).requestBody.content["application/json"].schema = { type: "string", enum: ["a"] })],
];

test.each(RULES.map(([rule, level, change, both, also], index) => [`${rule} (${level}) #${index}`, rule, level, change, both, also] as const))("%s", (_name, rule, level, change, both, also) => {
  const base = miniSpec();
  both?.(base);
  const revision = structuredClone(base);
  change(revision);
  const findings = diffSpecs(base, revision).map((finding) => `${finding.level} ${finding.id}`);
  // The exact list: a wrong extra finding fails as surely as a missing one.
  expect(findings.sort()).toEqual([`${level} ${rule}`, ...(also ?? [])].sort());
});

type HeldBack = { name: string; oasdiff: "ERR" | "WARN" | "INFO"; rule: string; patch: PatchOperation[] };
const fixture = (name: string) => JSON.parse(readFileSync(resolve(__dirname, "../../fixtures/spec-changes", name), "utf8")) as { cases: unknown[] };
const LEVEL = { ERR: "error", WARN: "warning", INFO: "info", NONE: undefined } as const;

test("every rule the diff emits on the pairs above and on both held-back corpora has a pair of its own that pins it at that level, and oasdiff's rules carry oasdiff's level", () => {
  // What the diff emits, over every pair this suite has: the table's, the billing spec's held-back pairs, the corpus
  // written elsewhere.
  const emitted = new Set<string>();
  // At the level oasdiff's rule gives: this kit's own judgement may raise a change that reaches a field it reads.
  const note = (findings: Finding[]) => findings.forEach((finding) => emitted.add(`${finding.kit?.oasdiffLevel ?? finding.level} ${finding.id}`));
  for (const [, , change, both] of RULES) {
    const base = miniSpec();
    both?.(base);
    const revision = structuredClone(base);
    change(revision);
    note(diffSpecs(base, revision));
  }
  const billing = loadSpec();
  const heldBack = fixture("held-back.json").cases as HeldBack[];
  for (const c of heldBack) note(diffSpecs(billing, applyPatch(billing, c.patch)));
  const elsewhere = fixture("held-back-elsewhere.json").cases as OasdiffCase[];
  for (const c of elsewhere) note(diffSpecs(...pairSpecs(c), { today: new Date("2026-06-01T00:00:00Z") }));

  // Pinned: a pair in the table above, or a held-back case that names the rule at its level (held-back.test.ts).
  const pinned = new Set([
    ...RULES.map(([rule, level]) => `${level} ${rule}`),
    ...[...heldBack, ...elsewhere].flatMap((c) => (c.rule && LEVEL[c.oasdiff] ? [`${LEVEL[c.oasdiff]} ${c.rule}`] : [])),
  ]);
  // A rule found here with no pair of its own (only beside another rule's change): give it one in RULES.
  expect([...emitted].filter((rule) => !pinned.has(rule)).sort()).toEqual([]);
  const level = { ERR: "error", WARN: "warning", INFO: "info" } as const;
  // A rule oasdiff has is at oasdiff's level; any other is this project's own, and says so by its prefix.
  const misjudged = [...emitted].filter((rule) => {
    const id = rule.split(" ")[1]!;
    return id in OASDIFF_LEVELS ? rule !== `${level[OASDIFF_LEVELS[id]!]} ${id}` : !id.startsWith("olostep-");
  });
  expect(misjudged).toEqual([]);
});
