// Builds the two documents of a one-change pair from a schema and where it goes (request or response, body or
// property, parameter), or from two partial documents: the shape shared by the tuning table and the held-back corpus.
import type { OpenApiDocument } from "../../../core/openapi/document";

export type Place = "request-body" | "request-property" | "response-body" | "response-property" | "parameter" | "document";

/** One pair: `base` and `revision` are schemas, or partial documents (paths, components, webhooks) when `in` is "document". */
export type Pair = { openapi: "3.0" | "3.1"; in: Place; base: unknown; revision: unknown };

/** Schemas that composition, discriminator and $ref cases point at. */
const COMPONENTS = {
  Cat: { type: "object", properties: { kind: { type: "string" }, meow: { type: "string" } } },
  Dog: { type: "object", properties: { kind: { type: "string" }, bark: { type: "integer" } } },
};

const ok = (content?: unknown) => ({ "200": { description: "ok", ...(content ? { content } : {}) } });

function paths(place: Exclude<Place, "document">, schema: unknown): unknown {
  const json = (value: unknown) => ({ "application/json": { schema: value } });
  const wrapped = { type: "object", properties: { p: schema } };
  switch (place) {
    case "request-body":
      return { "/p": { post: { requestBody: { required: true, content: json(schema) }, responses: ok() } } };
    case "request-property":
      return { "/p": { post: { requestBody: { required: true, content: json(wrapped) }, responses: ok() } } };
    case "response-body":
      return { "/p": { get: { responses: ok(json(schema)) } } };
    case "response-property":
      return { "/p": { get: { responses: ok(json(wrapped)) } } };
    case "parameter":
      return { "/p": { get: { parameters: [{ name: "q", in: "query", schema }], responses: ok() } } };
  }
}

function documentOf(pair: Pair, side: unknown): OpenApiDocument {
  const head = { openapi: pair.openapi === "3.1" ? "3.1.0" : "3.0.3", info: { title: "pair", version: "1.0.0" } };
  if (pair.in === "document") return structuredClone({ ...head, components: { schemas: COMPONENTS }, ...(side as object) }) as unknown as OpenApiDocument;
  return structuredClone({ ...head, paths: paths(pair.in, side), components: { schemas: COMPONENTS } }) as unknown as OpenApiDocument;
}

export function pairSpecs(pair: Pair): [base: OpenApiDocument, revision: OpenApiDocument] {
  return [documentOf(pair, pair.base), documentOf(pair, pair.revision)];
}
