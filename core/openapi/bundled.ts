// The committed spec as data: generated/document.ts, which the generator writes from openapi/billing.json. What the
// mocks serve and the tests read; no file is read at run time, so it works in browsers and bundles too.
import { document } from "../../generated/document.js";
import type { OpenApiDocument } from "./document.js";

/** A fresh copy of openapi/billing.json each call: callers may change theirs. */
export function loadSpec(): OpenApiDocument {
  return structuredClone(document) as unknown as OpenApiDocument;
}
