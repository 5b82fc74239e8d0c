// Reads an OpenAPI file and refuses, with one line naming the file, anything the generator must not see.
import { readFileSync } from "node:fs";
import type { OpenApiDocument } from "../../mocks/openapi";
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
