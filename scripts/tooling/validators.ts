// The spec's schemas as validation code (ajv standalone): every parameter, request body and JSON response schema of
// every operation, keyed by its JSON pointer in the spec. The MSW handlers check requests and answers with it, in
// Node and in browsers alike, without shipping a schema compiler.
import { operationsOf, pointer, type OpenApiDocument } from "../../mocks/openapi";
import { SpecError } from "./spec-file";

type AjvClass = typeof import("ajv").default;
type Standalone = typeof import("ajv/dist/standalone").default;

/** Every schema an operation reads or writes, with its pointer. */
export function schemaPointers(doc: OpenApiDocument): string[] {
  const found: string[] = [];
  for (const { method, path, operation } of operationsOf(doc)) {
    (operation.parameters ?? []).forEach((parameter, index) => {
      if (parameter.schema) found.push(pointer("paths", path, method, "parameters", index, "schema"));
    });
    for (const [type, media] of Object.entries(operation.requestBody?.content ?? {})) {
      if (media.schema) found.push(pointer("paths", path, method, "requestBody", "content", type, "schema"));
    }
    for (const [status, response] of Object.entries(operation.responses)) {
      for (const [type, media] of Object.entries(response.content ?? {})) {
        if (media.schema && /json/.test(type)) found.push(pointer("paths", path, method, "responses", status, "content", type, "schema"));
      }
    }
  }
  return found;
}

export function renderValidators(doc: OpenApiDocument, specLabel: string): string {
  const Ajv = (require("ajv") as { default: AjvClass }).default;
  const standalone = (require("ajv/dist/standalone") as { default: Standalone }).default;
  // OpenAPI 3.0 schema objects carry keywords (example, nullable) that strict JSON Schema refuses. Lengths count UTF-16
  // code units (unicode: false), so that the code needs none of ajv's runtime helpers: it imports nothing.
  const ajv = new Ajv({ strict: false, allErrors: true, unicode: false, logger: false, code: { source: true, esm: true } });
  ajv.addSchema(structuredClone(doc), "spec");
  const pointers = schemaPointers(doc);
  let code: string;
  try {
    code = standalone(ajv, Object.fromEntries(pointers.map((at, index) => [`v${index}`, `spec${at}`])));
  } catch (error) {
    throw new SpecError(`${specLabel}: a schema cannot be compiled (${(error as Error).message.split("\n")[0]})`);
  }
  if (/\brequire\(|^\s*import\s/m.test(code)) throw new SpecError(`${specLabel}: a schema needs ajv's runtime helpers, which the validators must not import`);
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
