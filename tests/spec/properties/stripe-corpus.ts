// The Stripe corpus (tests/fixtures/stripe-corpus, 41 operations from Stripe's published spec,
// https://github.com/stripe/openapi openapi/spec3.json) merged into a spec as a vendor's new operations would be: under
// their own paths, with the schemas they reference, and Stripe's document-wide security on each operation (the spec
// they join has its own document-wide security, which must not change theirs).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { operationsOf, type OpenApiDocument } from "../../../core/openapi/document";

export const CORPUS_FILE = join(__dirname, "..", "..", "fixtures", "stripe-corpus", "operations.json");

export function loadCorpus(): OpenApiDocument {
  return JSON.parse(readFileSync(CORPUS_FILE, "utf8")) as OpenApiDocument;
}

/** `base` with every operation of `corpus` added; the operations added, as the harness takes them. */
export function withCorpus(base: OpenApiDocument, corpus: OpenApiDocument): { spec: OpenApiDocument; added: { method: string; path: string }[] } {
  const spec = structuredClone(base);
  const clashes = Object.keys(corpus.paths).filter((path) => path in spec.paths);
  if (clashes.length) throw new Error(`the corpus's paths are the spec's already: ${clashes.join(", ")}`);
  for (const [path, item] of Object.entries(structuredClone(corpus.paths))) {
    for (const { method } of operationsOf({ ...corpus, paths: { [path]: item } })) item[method]!.security ??= corpus.security ?? [];
    spec.paths[path] = item;
  }
  const schemas = corpus.components.schemas;
  const named = Object.keys(schemas).filter((name) => name in spec.components.schemas);
  if (named.length) throw new Error(`the corpus's schemas are named as the spec's: ${named.join(", ")}`);
  spec.components.schemas = { ...spec.components.schemas, ...structuredClone(schemas) };
  spec.components.securitySchemes = { ...(spec.components.securitySchemes as object), ...(corpus.components.securitySchemes as object) };
  return { spec, added: operationsOf(corpus).map(({ method, path }) => ({ method, path })) };
}
