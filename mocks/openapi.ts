// The spec's shape and the look-ups that the generator, the scripts, the mock and the contract tests share: the one
// document type, every operation, examples, pointers. No document is imported here, so the generator can use it
// before generated/ exists.
import type { paths } from "../generated/billing.js";

/** A path the compiler checks against the generated `paths`: literal paths elsewhere are typed with it. */
export type SpecPath = keyof paths;

export type MediaType = { schema?: unknown; example?: unknown; examples?: Record<string, { summary?: string; value: unknown }> };
export type ResponseObject = { description: string; content?: Record<string, MediaType> };
export type Operation = {
  operationId?: string;
  parameters?: { name: string; in: string; required?: boolean; schema?: unknown }[];
  requestBody?: { required?: boolean; content?: Record<string, MediaType> };
  responses: Record<string, ResponseObject>;
  [key: string]: unknown;
};
export type OpenApiDocument = {
  openapi: string;
  servers?: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown>; [key: string]: unknown };
  [key: string]: unknown;
};

const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

/** Every operation of the spec: "GET /user/credits/info" and its documented statuses. */
export function operationsOf(spec: OpenApiDocument): { name: string; method: string; path: string; operation: Operation }[] {
  return Object.entries(spec.paths).flatMap(([path, item]) =>
    HTTP_METHODS.filter((method) => item[method]).map((method) => ({ name: `${method.toUpperCase()} ${path}`, method, path, operation: item[method]! })),
  );
}

/** A JSON pointer (RFC 6901) into the spec, as $refs write it: `pointer("paths", "/user/credits/info")` → `#/paths/~1user~1credits~1info`. */
export function pointer(...keys: (string | number)[]): string {
  return `#/${keys.map((key) => String(key).replace(/~/g, "~0").replace(/\//g, "~1")).join("/")}`;
}

/** The documented JSON example of one response: its `example`, else the first of its named `examples` (as Prism serves). */
export function exampleOf(spec: OpenApiDocument, path: SpecPath, method: string, status: string): unknown {
  return mediaExample(spec.paths[path]?.[method]?.responses[status]?.content?.["application/json"]);
}

/** The documented JSON example of one request body, read as exampleOf reads a response's. */
export function requestExampleOf(spec: OpenApiDocument, path: SpecPath, method: string): unknown {
  return mediaExample(spec.paths[path]?.[method]?.requestBody?.content?.["application/json"]);
}

function mediaExample(media: MediaType | undefined): unknown {
  return media?.example !== undefined ? media.example : Object.values(media?.examples ?? {})[0]?.value;
}

/** The `$ref` of an operation's JSON response schema for one status. */
export function responseSchemaRef(spec: OpenApiDocument, path: SpecPath, method: string, status: string): string | undefined {
  return (spec.paths[path]?.[method]?.responses[status]?.content?.["application/json"]?.schema as { $ref?: string } | undefined)?.$ref;
}
