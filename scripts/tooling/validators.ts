// The spec's schemas as validation code (ajv standalone): every parameter, request body and JSON response schema of
// every operation, keyed by its JSON pointer in the spec. The MSW handlers check requests and answers with it, in
// Node and in browsers alike, without shipping a schema compiler.
import { operationsOf, parametersOf, requestBodyOf, type OpenApiDocument } from "../../core/openapi/document";
import { pointer } from "../../core/openapi/refs";
import { SpecError } from "../../core/openapi/check";

type AjvClass = typeof import("ajv").default;
type Standalone = typeof import("ajv/dist/standalone").default;

/**
 * Every schema an operation reads or writes, by the pointer of where it is written: a parameter or a body shared
 * through a `$ref` has one validator, under its own place in the spec.
 */
export function schemaPointers(doc: OpenApiDocument): string[] {
  const found = new Set<string>();
  for (const { method, path, operation } of operationsOf(doc)) {
    for (const parameter of parametersOf(doc, path, method)) if (parameter.schema) found.add(`${parameter.pointer}/schema`);
    const body = requestBodyOf(doc, path, method);
    for (const [type, media] of Object.entries(body?.content ?? {})) {
      if (media.schema) found.add(`${body!.pointer}${pointer("content", type, "schema").slice(1)}`);
    }
    for (const [status, response] of Object.entries(operation.responses)) {
      for (const [type, media] of Object.entries(response.content ?? {})) {
        if (media.schema && /json/.test(type)) found.add(pointer("paths", path, method, "responses", status, "content", type, "schema"));
      }
    }
  }
  return [...found];
}

/**
 * OpenAPI 3.0's `nullable: true` beside no `type` (Stripe writes `{ nullable: true, anyOf: [...] }`), which ajv's
 * `nullable` keyword refuses to compile: read as the vendor means it, the schema or null. In place, on a copy.
 */
const DATA_KEYWORDS = new Set(["example", "examples", "enum", "default", "const", "x-examples"]);

function typedNullables(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(typedNullables);
  if (typeof node !== "object" || node === null) return node;
  const object = node as Record<string, unknown>;
  // Examples, enums and defaults are data, not schemas: left as written.
  for (const key of Object.keys(object)) if (!DATA_KEYWORDS.has(key)) object[key] = typedNullables(object[key]);
  if (object.nullable !== true || "type" in object || "$ref" in object) return object;
  const { nullable: _nullable, ...rest } = object;
  return { anyOf: [rest, { type: "null" }] };
}

export function renderValidators(doc: OpenApiDocument, specLabel: string): string {
  const Ajv = (require("ajv") as { default: AjvClass }).default;
  const standalone = (require("ajv/dist/standalone") as { default: Standalone }).default;
  // OpenAPI 3.0 schema objects carry keywords (example, nullable) that strict JSON Schema refuses. Lengths count UTF-16
  // code units (unicode: false), so that the code needs none of ajv's runtime helpers: it imports nothing.
  // An enum of 200 values or more (Stripe's) is checked in a loop that needs ajv's deep-equal helper, unless every enum
  // is written out as comparisons (loopEnum): the validators must import nothing.
  const ajv = new Ajv({ strict: false, allErrors: true, unicode: false, logger: false, loopEnum: Number.POSITIVE_INFINITY, code: { source: true, esm: true } });
  ajv.addSchema(typedNullables(structuredClone(doc)) as object, "spec");
  const pointers = schemaPointers(doc);
  let code: string;
  try {
    code = standalone(ajv, Object.fromEntries(pointers.map((at, index) => [`v${index}`, `spec${at}`])));
  } catch (error) {
    throw new SpecError(`${specLabel}: a schema cannot be compiled (${(error as Error).message.split("\n")[0]})`);
  }
  const helper = /\brequire\([^)]*\)|^\s*import\s.*$/m.exec(code);
  if (helper) throw new SpecError(`${specLabel}: a schema needs ajv's runtime helpers (${helper[0].trim()}), which the validators must not import`);
  return [
    "// @ts-nocheck -- ajv's standalone output, typed by the map at the end.",
    code,
    "",
    "/** A compiled schema: true when `data` is valid; otherwise `errors` says why (ajv's error objects). */",
    "export type Validate = ((data: unknown) => boolean) & { errors?: { instancePath: string; keyword: string; message?: string; params: Record<string, unknown> }[] | null };",
    "",
    "/** Every parameter, request body and JSON response schema of every operation, by its JSON pointer in the spec. */",
    "export const validators: Record<string, Validate> = {",
    ...pointers.map((at, index) => `  ${JSON.stringify(at)}: v${index},`),
    "};",
    "",
  ].join("\n");
}
