// fast-check arbitraries for operations a vendor could add to the spec: random paths (some with path parameters),
// parameters in path, query and header of every kind (both-hosts.ts narrows which), optional and required, JSON
// request bodies, and answers (a 2xx and some 4xx) with and without examples. Each example is drawn from its schema,
// so the spec stays valid (Spectral checks it in spec:update).
import fc from "fast-check";
import type { OpenApiDocument, Operation, Parameter } from "../../../core/openapi/document";
import type { ParameterKind } from "./both-hosts";
import type { Schema } from "./schema-values";

/** An operation to add, with which of its optional parameters a caller sends. */
export type GeneratedOperation = { method: string; path: string; operation: Operation; sentOptional: string[] };

const word = fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/);
const textValue = fc.string({ maxLength: 8 });

/** A schema of a parameter's kind. */
function schemaOf(kind: ParameterKind): fc.Arbitrary<{ schema: Schema; style?: string; explode?: boolean }> {
  const type = kind.split(":")[1]!;
  const item: fc.Arbitrary<Schema> = fc.oneof(scalar("integer"), scalar("string"), scalar("enum"));
  switch (type) {
    case "array-explode":
    case "array-no-explode":
      return fc.record({ items: item, minItems: fc.constantFrom(undefined, 1) }).map(({ items, minItems }) => ({
        schema: { type: "array", items, ...(minItems === undefined ? {} : { minItems }) },
        style: kind.startsWith("query") ? "form" : "simple",
        explode: type === "array-explode",
      }));
    default:
      return scalar(type).map((schema) => ({ schema }));
  }
}

/** A schema of one scalar type, with bounds sometimes. */
function scalar(type: string): fc.Arbitrary<Schema> {
  switch (type) {
    case "integer":
      return fc.option(fc.integer({ min: -5, max: 5 }), { nil: undefined }).map((minimum) => ({ type: "integer", ...(minimum === undefined ? {} : { minimum, maximum: minimum + 100 }) }));
    case "number":
      return fc.option(fc.integer({ min: -5, max: 5 }), { nil: undefined }).map((minimum) => ({ type: "number", ...(minimum === undefined ? {} : { minimum }) }));
    case "boolean":
      return fc.constant({ type: "boolean" });
    case "enum":
      return fc.uniqueArray(word, { minLength: 1, maxLength: 4 }).map((values) => ({ type: "string", enum: values }));
    default:
      return fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }).map((minLength) => ({ type: "string", ...(minLength === undefined ? {} : { minLength }) }));
  }
}

/** A JSON object schema of scalar and array properties, some required. */
const objectSchema: fc.Arbitrary<Schema> = fc
  .uniqueArray(fc.tuple(word, fc.oneof(scalar("integer"), scalar("number"), scalar("boolean"), scalar("string"), scalar("enum"), scalar("string").map((items) => ({ type: "array", items }) as Schema)), fc.boolean()), {
    maxLength: 4,
    selector: ([name]) => name,
  })
  .map((entries) => {
    const required = entries.filter(([, , isRequired]) => isRequired).map(([name]) => name);
    return { type: "object", properties: Object.fromEntries(entries.map(([name, schema]) => [name, schema])), ...(required.length ? { required } : {}) };
  });

/** A value the schema accepts, drawn at random: what an example may be. */
function valueOf(schema: Schema): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case "integer":
      return fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000 });
    case "number":
      return fc.integer({ min: (schema.minimum ?? -250) * 4, max: 1000 }).map((quarter) => quarter / 4);
    case "boolean":
      return fc.boolean();
    case "string":
      return fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.max(schema.minLength ?? 0, 8) });
    case "array":
      return fc.array(valueOf(schema.items ?? {}), { minLength: schema.minItems ?? 0, maxLength: 3 });
    case "object": {
      const properties = schema.properties ?? {};
      const model = Object.fromEntries(Object.entries(properties).map(([name, property]) => [name, valueOf(property)]));
      return fc.record(model, { requiredKeys: schema.required ?? [] });
    }
    default:
      return textValue;
  }
}

/** A JSON answer: a schema, and an example drawn from it or none. */
function answer(description: string, withoutExample: boolean, withHeaders: boolean): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .record({
      schema: objectSchema,
      headers: withHeaders ? fc.uniqueArray(fc.tuple(word, fc.oneof(scalar("integer"), scalar("string"))), { maxLength: 2, selector: ([name]) => name }) : fc.constant<[string, Schema][]>([]),
    })
    .chain(({ schema, headers }) =>
      fc
        .record({
          example: withoutExample ? fc.option(valueOf(schema), { nil: undefined, freq: 2 }) : valueOf(schema),
          headerExamples: fc.tuple(...headers.map(([, header]) => valueOf(header))),
        })
        .map(({ example, headerExamples }) => ({
          description,
          // A documented answer header, as a vendor writes one (X-…), with an example the mock can serve.
          ...(headers.length
            ? { headers: Object.fromEntries(headers.map(([name, header], index) => [`X-${name}`, { schema: header, example: headerExamples[index] }])) }
            : {}),
          content: { "application/json": { schema, ...(example === undefined ? {} : { example }) } },
        })),
    );
}

/** A parameter of one of `kinds`, named by the generator, required or not. */
function parameter({ kinds, headerArraysLeftOut }: Shapes, where: "query" | "header"): fc.Arbitrary<Parameter & { send: boolean }> {
  const inHere = kinds.filter((kind) => kind.startsWith(`${where}:`));
  return fc.record({ kind: fc.constantFrom(...inHere), name: word, optional: fc.boolean(), send: fc.boolean() }).chain(({ kind, name, optional, send }) => {
    const required = !optional || (!headerArraysLeftOut && kind.startsWith("header:array"));
    return (
    schemaOf(kind).map(({ schema, style, explode }) => ({
      // A header's name as a vendor writes one: X-… in capitals (matched whatever the case).
      name: where === "header" ? `X-${name[0]!.toUpperCase()}${name.slice(1)}` : name,
      in: where,
      required,
      schema,
      ...(style === undefined ? {} : { style, explode }),
      send,
    })));
  });
}

/**
 * One operation under `/props<index>/…` (its own first segment, so no two generated paths match one URL), with
 * parameters of `kinds` only.
 */
function operation(index: number, shapes: Shapes): fc.Arbitrary<GeneratedOperation> {
  const { kinds, successWithoutExample, successHeaders } = shapes;
  const pathKinds = kinds.filter((kind) => kind.startsWith("path:"));
  const segment = pathKinds.length ? fc.oneof(word.map((text) => ({ text })), fc.constantFrom(...pathKinds).map((kind) => ({ kind }))) : word.map((text) => ({ text }));
  const has = (where: string) => kinds.some((kind) => kind.startsWith(`${where}:`));
  return fc
    .record({
      method: fc.constantFrom("get", "post", "put", "patch", "delete"),
      segments: fc.array(segment, { maxLength: 3 }),
      query: has("query") ? fc.uniqueArray(parameter(shapes, "query"), { maxLength: 3, selector: (entry) => entry.name }) : fc.constant([]),
      header: has("header") ? fc.uniqueArray(parameter(shapes, "header"), { maxLength: 2, selector: (entry) => entry.name.toLowerCase() }) : fc.constant([]),
      body: fc.option(fc.record({ schema: objectSchema, required: fc.boolean() }), { nil: undefined }),
      success: fc.constantFrom("200", "201"),
      errors: fc.subarray(["400", "404", "409", "422"]),
    })
    .chain((shape) => {
      const pathParameters = shape.segments.flatMap((entry, position) => ("kind" in entry ? [{ name: `p${position}`, kind: entry.kind }] : []));
      return fc
        .record({
          pathSchemas: fc.tuple(...pathParameters.map(({ kind }) => schemaOf(kind))),
          answers: fc.tuple(answer("the answer", successWithoutExample, successHeaders), ...shape.errors.map(() => answer("refused", true, false))),
        })
        .map(({ pathSchemas, answers }) => {
          const path = `/props${index}${shape.segments.map((entry, position) => ("kind" in entry ? `/{p${position}}` : `/${entry.text}`)).join("")}`;
          const named = [...shape.query, ...shape.header];
          const parameters: Parameter[] = [
            ...pathParameters.map(({ name }, position) => ({ name, in: "path" as const, required: true, schema: pathSchemas[position]!.schema })),
            ...named.map(({ send: _send, ...rest }) => rest),
          ];
          const withBody = shape.body && ["post", "put", "patch"].includes(shape.method);
          const responses = Object.fromEntries([shape.success, ...shape.errors].map((status, position) => [status, answers[position]!]));
          const operation = {
            tags: ["Balance & Billing"],
            summary: `A generated operation (${index})`,
            ...(parameters.length ? { parameters } : {}),
            ...(withBody ? { requestBody: { required: shape.body!.required, content: { "application/json": { schema: shape.body!.schema } } } } : {}),
            responses,
            security: [{ Authorization: [] }],
          } as unknown as Operation;
          return { method: shape.method, path, operation, sentOptional: named.filter((entry) => entry.send).map((entry) => entry.name) };
        });
    });
}

/**
 * What the operations may hold: parameters of `kinds`; a 2xx answer with no example (the schema alone) or not; a 2xx
 * answer that documents headers or not; an optional array header, which a request may leave out, or none.
 */
export type Shapes = { kinds: readonly ParameterKind[]; successWithoutExample: boolean; successHeaders: boolean; headerArraysLeftOut: boolean };

/** A handful of operations to add at once (1 to `most`). */
export function operations(shapes: Shapes, most: number): fc.Arbitrary<GeneratedOperation[]> {
  return fc.integer({ min: 1, max: most }).chain((count) => fc.tuple(...Array.from({ length: count }, (_, index) => operation(index, shapes))));
}

/** `base` with the operations added under their own paths. */
export function withOperations(base: OpenApiDocument, added: GeneratedOperation[]): OpenApiDocument {
  const spec = structuredClone(base);
  for (const { method, path, operation } of added) spec.paths[path] = { ...spec.paths[path], [method]: operation } as OpenApiDocument["paths"][string];
  return spec;
}
