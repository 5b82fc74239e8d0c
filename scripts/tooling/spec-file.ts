// Reads an OpenAPI file and refuses, with one line naming the file, anything the generator must not see.
import { readFileSync } from "node:fs";
import type { OpenApiDocument } from "../../mocks/openapi";
import { hasForbiddenKeyCharacter, sourceLiteral } from "../../mocks/spec-text";
import { repoLabel } from "./paths";

export type { OpenApiDocument };

export class SpecError extends Error {
  override name = "SpecError";
}


/** Parses `file` and checks what openapi-typescript would otherwise report as a wall of text. */
export function readSpec(file: string, shown: string = repoLabel(file)): OpenApiDocument {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new SpecError(`${shown}: cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new SpecError(`${shown}: is not valid JSON (${(error as Error).message})`);
  }
  return checkSpec(doc, shown);
}

/** `doc` as an OpenAPI 3 document, or a SpecError naming `shown` and what is wrong with it. */
export function checkSpec(doc: unknown, shown: string): OpenApiDocument {
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) {
    throw new SpecError(`${shown}: is not an OpenAPI document (the top level is not an object)`);
  }
  const version = (doc as { openapi?: unknown }).openapi;
  if (typeof version !== "string" || !/^3\.\d+\.\d+$/.test(version)) {
    throw new SpecError(`${shown}: is not OpenAPI 3 ("openapi" is ${JSON.stringify(version ?? null)})`);
  }
  const paths = (doc as { paths?: unknown }).paths;
  if (typeof paths !== "object" || paths === null || Array.isArray(paths)) {
    throw new SpecError(`${shown}: has no "paths" object (OpenAPI 3.0 requires one)`);
  }
  const badKey = findForbiddenKey(doc);
  if (badKey) {
    throw new SpecError(`${shown}: refused, the ${badKey.what} ${shownKey(badKey.key)} at ${badKey.at} holds a control or bidirectional character, which no name in a spec may`);
  }
  const dangling = findDanglingRef(doc);
  if (dangling) {
    throw new SpecError(`${shown}: $ref "${dangling.ref}" at ${dangling.at} points to nothing`);
  }
  return doc as OpenApiDocument;
}

/** Resolves a local JSON pointer (`#/a/b`) against `doc`; undefined when nothing is there. */
export function resolvePointer(doc: unknown, ref: string): unknown {
  if (!ref.startsWith("#/")) return undefined;
  let node: unknown = doc;
  for (const raw of ref.slice(2).split("/")) {
    const key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    if (typeof node !== "object" || node === null || !(key in node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
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

/** A key as a JSON string with every control, separator and bidi character as a \u escape: one inert line. */
function shownKey(key: string): string {
  return sourceLiteral(key).replace(/[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
