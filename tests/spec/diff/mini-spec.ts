// A small spec with one of each thing the diff judges: path, query and header parameters, a request body (Order, read
// by requests only), responses with headers and media types (Thing, read by responses only), composition, arrays.
import type { OpenApiDocument } from "../../../core/openapi/document";

export function miniSpec(): OpenApiDocument {
  return structuredClone({
    openapi: "3.0.3",
    info: { title: "mini", version: "1.0.0" },
    servers: [{ url: "https://api.example.com" }],
    security: [{ bearer: [] }],
    paths: {
      "/things/{id}": {
        get: {
          operationId: "getThing",
          tags: ["things"],
          security: [{ bearer: [] }],
          parameters: [
            { name: "id", in: "path", required: true, schema: { type: "string" } },
            { name: "X-Trace", in: "header", schema: { type: "string", maxLength: 64 } },
            { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 100 } },
          ],
          responses: {
            "200": {
              description: "the thing",
              headers: { "X-Rate": { required: true, schema: { type: "integer" } }, "X-Note": { schema: { type: "string" } } },
              content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } },
            },
            "404": { description: "no such thing" },
          },
        },
      },
      "/orders": {
        post: {
          requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/Order" } } } },
          responses: { "201": { description: "made", content: { "application/json": { schema: { type: "object", properties: { ok: { type: "boolean" } } } } } } },
        },
      },
    },
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      schemas: {
        Thing: {
          type: "object",
          required: ["id"],
          properties: {
            id: { type: "string" },
            kind: { type: "string", enum: ["a", "b"] },
            size: { type: "integer", maximum: 10, minimum: 0 },
            name: { type: "string", maxLength: 20, minLength: 1, pattern: "^[a-z]+$" },
            tags: { type: "array", items: { type: "string" }, maxItems: 5, minItems: 1 },
            owner: { oneOf: [{ $ref: "#/components/schemas/Person" }, { $ref: "#/components/schemas/Team" }] },
            secret: { type: "string", writeOnly: true },
            extra: { type: "object", additionalProperties: true },
          },
        },
        Order: {
          type: "object",
          required: ["item"],
          properties: {
            item: { type: "string", enum: ["x", "y"] },
            count: { type: "integer", minimum: 1, maximum: 9 },
            note: { type: "string", maxLength: 100, pattern: "^.*$" },
            lines: { type: "array", items: { type: "string" }, maxItems: 3, minItems: 1 },
            meta: { type: "object", additionalProperties: true },
            payer: { anyOf: [{ $ref: "#/components/schemas/Person" }] },
            stamp: { type: "string", format: "date" },
          },
        },
        Person: { type: "object", properties: { name: { type: "string" } } },
        Team: { type: "object", properties: { members: { type: "integer" } } },
      },
    },
  }) as unknown as OpenApiDocument;
}
