// The spec as data, for the mock, the MSW handlers, the contract tests and the bench: generated/document.ts, which the
// generator writes from openapi/billing.json, with the look-ups of openapi.ts.
import { document } from "../generated/document.js";
import type { OpenApiDocument } from "./openapi.js";

export * from "./openapi.js";

/** A fresh copy of openapi/billing.json each call: callers may change theirs. */
export function loadSpec(): OpenApiDocument {
  return structuredClone(document) as unknown as OpenApiDocument;
}

