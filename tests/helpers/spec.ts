// The spec as tests read it: the same file Prism serves, never a copy typed into a test.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

export const SPEC_PATH = resolve(__dirname, "..", "..", "openapi", "billing.json");

export type Spec = {
  paths: Record<string, Record<string, { responses: Record<string, ResponseObject>; requestBody?: unknown }>>;
  components: { schemas: Record<string, unknown> };
  [key: string]: unknown;
};
export type ResponseObject = { description: string; content?: Record<string, { schema?: unknown; example?: unknown }> };

export function loadSpec(path = SPEC_PATH): Spec {
  return JSON.parse(readFileSync(path, "utf8")) as Spec;
}

/** The documented JSON example of one response. */
export function exampleOf(spec: Spec, path: string, method: string, status: string): unknown {
  return spec.paths[path]?.[method]?.responses[status]?.content?.["application/json"]?.example;
}
