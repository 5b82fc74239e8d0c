// Properties of the judgement, over generated specs (fast-check, seeded: SPEC_DIFF_SEED replays a run, and a failure
// prints the seed and the smallest case it found): a spec against itself has no finding; the order of keys, paths and
// set-like arrays changes nothing; the same change gets the request side's level in a request and the response
// side's in a response.
import fc from "fast-check";
import type { OpenApiDocument } from "../../../core/openapi/document";
import { diffSpecs, LEVELS, type Level } from "../../../scripts/tooling/spec-diff";

const SEED = Number(process.env.SPEC_DIFF_SEED) || 20_261_201;
const RUNS = 150;
const check = (property: fc.IPropertyWithHooks<[unknown]> | fc.IAsyncProperty<[unknown]> | fc.IProperty<unknown[]>) => fc.assert(property as fc.IProperty<unknown[]>, { seed: SEED, numRuns: RUNS });

/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = any;

const name = fc.stringMatching(/^[a-z][a-z_]{0,9}$/);
const scalar: fc.Arbitrary<Json> = fc.oneof(
  fc.record({ type: fc.constant("string"), maxLength: fc.option(fc.integer({ min: 1, max: 500 }), { nil: undefined }), pattern: fc.option(fc.constant("^[a-z]+$"), { nil: undefined }) }, { requiredKeys: ["type"] }),
  fc.record({ type: fc.constantFrom("integer", "number"), minimum: fc.option(fc.integer({ min: -5, max: 5 }), { nil: undefined }), nullable: fc.option(fc.boolean(), { nil: undefined }) }, { requiredKeys: ["type"] }),
  fc.record({ type: fc.constant("string"), enum: fc.uniqueArray(name, { minLength: 1, maxLength: 5 }) }),
  fc.constant({ type: "boolean" }),
);
const schema: fc.Arbitrary<Json> = fc.letrec<{ node: Json }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    scalar,
    fc.record({ type: fc.constant("array"), items: tie("node"), maxItems: fc.option(fc.integer({ min: 1, max: 9 }), { nil: undefined }) }, { requiredKeys: ["type", "items"] }),
    fc.dictionary(name, tie("node"), { minKeys: 1, maxKeys: 4 }).chain((properties) =>
      fc.subarray(Object.keys(properties)).map((required) => ({ type: "object", properties, ...(required.length ? { required } : {}) })),
    ),
  ),
})).node;

/** A spec of one to three operations, each reading or writing generated schemas through $refs and inline. */
const spec: fc.Arbitrary<OpenApiDocument> = fc
  .record({ components: fc.dictionary(fc.stringMatching(/^[A-Z][a-z]{2,8}$/), schema, { minKeys: 1, maxKeys: 3 }), paths: fc.uniqueArray(name, { minLength: 1, maxLength: 3 }), inline: schema })
  .map(({ components, paths, inline }) => {
    const refs = Object.keys(components).map((key) => ({ $ref: `#/components/schemas/${key}` }));
    const doc: Json = { openapi: "3.0.3", info: { title: "t", version: "1" }, servers: [{ url: "https://api.example.com" }], paths: {}, components: { schemas: components } };
    paths.forEach((path, index) => {
      doc.paths[`/${path}`] = {
        get: {
          tags: ["a", "b"],
          parameters: [{ name: "q", in: "query", schema: inline }, { name: "X-H", in: "header", required: true, schema: { type: "string" } }],
          responses: { "200": { description: "ok", content: { "application/json": { schema: refs[index % refs.length] } } }, "404": { description: "no" } },
        },
        post: { requestBody: { required: true, content: { "application/json": { schema: refs[(index + 1) % refs.length] } } }, responses: { "201": { description: "made", content: { "application/json": { schema: inline } } } } },
      };
    });
    return doc as OpenApiDocument;
  });

/** A copy with every object's keys in a new order, and every set-like array (required, enum, tags) shuffled. */
function reordered(value: Json, random: () => number, key = ""): Json {
  const shuffle = <T>(items: T[]) => items.map((item) => [random(), item] as const).sort((a, b) => a[0] - b[0]).map(([, item]) => item);
  if (Array.isArray(value)) {
    const items = value.map((item) => reordered(item, random));
    return ["required", "enum", "tags", "parameters"].includes(key) ? shuffle(items) : items;
  }
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(shuffle(Object.entries(value)).map(([child, item]) => [child, reordered(item, random, child)]));
}

test(`a spec against itself has no finding (seed ${SEED})`, () => {
  check(fc.property(spec, (doc) => diffSpecs(doc, structuredClone(doc)).length === 0));
});

test(`the order of keys, paths, parameters and set-like arrays changes nothing (seed ${SEED})`, () => {
  check(
    fc.property(spec, fc.integer(), (doc, seed) => {
      let state = seed >>> 0 || 1;
      const random = () => ((state = (state * 1_103_515_245 + 12_345) >>> 0) % 10_000) / 10_000;
      expect(diffSpecs(doc, reordered(doc, random))).toEqual([]);
    }),
  );
});

/** A change to one property of a schema, with the level it must get read by a request and read by a response. */
type Change = { name: string; before: Json; after: (property: Json) => Json; required?: [before: boolean, after: boolean]; request: Level; response: Level };

const CHANGES: fc.Arbitrary<Change>[] = [
  fc.uniqueArray(name, { minLength: 2, maxLength: 5 }).map((values) => ({ name: "enum value added", before: { type: "string", enum: values.slice(1) }, after: (p) => ({ ...p, enum: [...p.enum, values[0]] }), request: "info", response: "warning" })),
  fc.uniqueArray(name, { minLength: 2, maxLength: 5 }).map((values) => ({ name: "enum value removed", before: { type: "string", enum: values }, after: (p) => ({ ...p, enum: p.enum.slice(1) }), request: "error", response: "info" })),
  fc.integer({ min: 2, max: 500 }).map((n) => ({ name: "maxLength lowered", before: { type: "string", maxLength: n }, after: (p) => ({ ...p, maxLength: n - 1 }), request: "error", response: "info" })),
  fc.integer({ min: 1, max: 500 }).map((n) => ({ name: "maxLength raised", before: { type: "string", maxLength: n }, after: (p) => ({ ...p, maxLength: n + 1 }), request: "info", response: "error" })),
  fc.integer({ min: -100, max: 100 }).map((n) => ({ name: "minimum raised", before: { type: "integer", minimum: n }, after: (p) => ({ ...p, minimum: n + 1 }), request: "error", response: "info" })),
  fc.integer({ min: -100, max: 100 }).map((n) => ({ name: "minimum lowered", before: { type: "integer", minimum: n }, after: (p) => ({ ...p, minimum: n - 1 }), request: "info", response: "error" })),
  fc.constantFrom("string", "integer", "boolean").map((type) => ({ name: "became nullable", before: { type }, after: (p) => ({ ...p, nullable: true }), request: "info", response: "error" })),
  fc.constant<Change>({ name: "integer widened to number", before: { type: "integer" }, after: (p) => ({ ...p, type: "number" }), request: "info", response: "error" }),
  fc.constant<Change>({ name: "became required", before: { type: "string" }, after: (p) => p, required: [false, true], request: "error", response: "info" }),
  fc.constant<Change>({ name: "became optional", before: { type: "string" }, after: (p) => p, required: [true, false], request: "info", response: "error" }),
];

/** The spec with schema Probe read only by a request body, or only by a response. */
function probeSpec(side: "request" | "response", probe: Json): OpenApiDocument {
  const use = { content: { "application/json": { schema: { $ref: "#/components/schemas/Probe" } } } };
  const operation = side === "request" ? { post: { requestBody: { required: true, ...use }, responses: { "204": { description: "done" } } } } : { get: { responses: { "200": { description: "ok", ...use } } } };
  return { openapi: "3.0.3", info: { title: "t", version: "1" }, paths: { "/probe": operation }, components: { schemas: { Probe: probe } } } as unknown as OpenApiDocument;
}

test(`the same change gets the request's level in a request and the response's in a response (seed ${SEED})`, () => {
  const worst = (levels: Level[]) => LEVELS.find((level) => levels.includes(level));
  check(
    fc.property(fc.oneof(...CHANGES), fc.dictionary(name, scalar, { maxKeys: 3 }), name, (change, others, property) => {
      delete others[property];
      const [wasRequired, isRequired] = change.required ?? [false, false];
      const probe = (value: Json, required: boolean) => ({ type: "object", properties: { ...others, [property]: value }, ...(required ? { required: [property] } : {}) });
      for (const side of ["request", "response"] as const) {
        const findings = diffSpecs(probeSpec(side, probe(change.before, wasRequired)), probeSpec(side, probe(change.after(change.before), isRequired)));
        expect({ change: change.name, side, level: worst(findings.map((finding) => finding.level)) }).toEqual({ change: change.name, side, level: change[side] });
      }
    }),
  );
});
