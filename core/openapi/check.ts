// Whether a document may be used as the spec at all: OpenAPI 3, with paths, no `$ref` pointing nowhere, and no name
// holding a control, line-separator or bidi character. A SpecError names the source and what is wrong, in one line.
import { hasForbiddenKeyCharacter, terminalJson } from "../untrusted-text.js";
import type { OpenApiDocument } from "./document.js";
import { resolvePointer } from "./refs.js";

/** A spec that cannot be used: it cannot be read, is not OpenAPI 3, or holds what no spec may. Nothing was changed. */
export class SpecError extends Error {
  override name = "SpecError";
}

/** `doc` as an OpenAPI 3 document, or a SpecError naming `shown` and what is wrong with it. */
export function checkSpec(doc: unknown, shown: string): OpenApiDocument {
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) {
    throw new SpecError(`${shown}: is not an OpenAPI document (the top level is not an object)`);
  }
  const version = (doc as { openapi?: unknown }).openapi;
  if (typeof version !== "string" || !/^3\.\d+\.\d+$/.test(version)) {
    throw new SpecError(`${shown}: is not OpenAPI 3 ("openapi" is ${terminalJson(version ?? null)})`);
  }
  const paths = (doc as { paths?: unknown }).paths;
  if (typeof paths !== "object" || paths === null || Array.isArray(paths)) {
    throw new SpecError(`${shown}: has no "paths" object (OpenAPI 3.0 requires one)`);
  }
  const badKey = findForbiddenKey(doc);
  if (badKey) {
    throw new SpecError(`${shown}: refused, the ${badKey.what} ${terminalJson(badKey.key)} at ${badKey.at} holds a control or bidirectional character, which no name in a spec may`);
  }
  const dangling = findDanglingRef(doc);
  if (dangling) {
    throw new SpecError(`${shown}: $ref ${terminalJson(dangling.ref)} at ${dangling.at} points to nothing`);
  }
  return doc as OpenApiDocument;
}

function findDanglingRef(doc: unknown): { ref: string; at: string } | undefined {
  const stack: { node: unknown; at: string }[] = [{ node: doc, at: "#" }];
  while (stack.length > 0) {
    const { node, at } = stack.pop()!;
    if (typeof node !== "object" || node === null) continue;
    for (const [key, value] of Object.entries(node)) {
      const here = `${at}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`;
      // The vendor ships one self-contained file, so a ref outside it is as broken as a missing one.
      if (key === "$ref" && typeof value === "string" && resolvePointer(doc, value) === undefined) {
        return { ref: value, at: here };
      }
      stack.push({ node: value, at: here });
    }
  }
  return undefined;
}

/** Values that name something (and reach code, types and reports as names), beside every object key. */
const NAME_FIELDS = new Set(["name", "operationId", "$ref", "in", "propertyName"]);
/** Objects whose keys are names, not keywords. */
const MAPS_OF_NAMES = new Set(["properties", "paths", "schemas", "responses", "parameters", "headers", "content", "securitySchemes", "patternProperties", "dependentSchemas", "$defs", "definitions", "callbacks", "links", "requestBodies", "webhooks", "pathItems", "mapping"]);
/** Values that are data, not names: what they hold is escaped wherever it lands, whatever its keys. */
const DATA_FIELDS = new Set(["example", "examples", "default", "enum", "const"]);

/**
 * The first key, or name-like value, holding a control, line-separator or bidi character. Text (descriptions, examples)
 * is escaped where it lands; a key is refused: a path, status, media type or property name with an escape sequence or
 * a line break in it is an attack or a mistake, and either way not an API to generate a client for.
 */
function findForbiddenKey(doc: unknown): { what: string; key: string; at: string } | undefined {
  const stack: { node: unknown; at: string; inRequired: boolean; names?: boolean }[] = [{ node: doc, at: "#", inRequired: false }];
  while (stack.length > 0) {
    // `names`: the node is a map whose keys are names (properties, paths...), so a key "example" there is a name too.
    const { node, at, inRequired, names } = stack.pop()!;
    if (typeof node !== "object" || node === null) continue;
    for (const [key, value] of Object.entries(node)) {
      if (!Array.isArray(node) && hasForbiddenKeyCharacter(key)) return { what: "key", key, at };
      if (!Array.isArray(node) && !names && (DATA_FIELDS.has(key) || key.startsWith("x-"))) continue;
      const here = `${at}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`;
      const named = (!Array.isArray(node) && NAME_FIELDS.has(key)) || inRequired;
      if (named && typeof value === "string" && hasForbiddenKeyCharacter(value)) return { what: `name (${inRequired ? "required" : key})`, key: value, at: here };
      const isMap = !Array.isArray(node) && !names && MAPS_OF_NAMES.has(key);
      stack.push({ node: value, at: here, inRequired: !Array.isArray(node) && !names && key === "required" && Array.isArray(value), names: isMap });
    }
  }
  return undefined;
}
