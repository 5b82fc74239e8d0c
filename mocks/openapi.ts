// The spec's shape and the look-ups that the generator, the scripts, the mock and the contract tests share: the one
// document type, every operation, examples, pointers. No document is imported here, so the generator can use it
// before generated/ exists.
import type { paths } from "../generated/billing.js";

/** A path the compiler checks against the generated `paths`: literal paths elsewhere are typed with it. */
export type SpecPath = keyof paths;

export type MediaType = { schema?: unknown; example?: unknown; examples?: Record<string, { summary?: string; description?: string; value: unknown }> };
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

/**
 * The documented JSON example of one response: the one named, or by default its `example`, or else the first of its
 * named `examples` (OpenAPI 3.0 allows one or the other; Prism serves the first named one when none is asked for).
 */
export function exampleOf(spec: OpenApiDocument, path: SpecPath, method: string, status: string, name?: string): unknown {
  const media = spec.paths[path]?.[method]?.responses[status]?.content?.["application/json"];
  return media && (name === undefined ? defaultExample(media) : media.examples?.[name]?.value);
}

/** What a media type answers when no example is asked for: its `example`, or the first of its named `examples`. */
export function defaultExample(media: MediaType): unknown {
  return "example" in media ? media.example : Object.values(media.examples ?? {})[0]?.value;
}

/** A named example of an error response: `credits_exhausted` for `GET /user/credits/info` 402. */
export type NamedErrorAnswer = { name: string; operation: string; status: number; body: unknown };

/** Every named example of every non-2xx JSON response: the documented error answers a mock can be asked for by name. */
export function namedErrorAnswers(spec: OpenApiDocument): NamedErrorAnswer[] {
  return operationsOf(spec).flatMap(({ name: operation, operation: { responses } }) =>
    Object.entries(responses)
      .filter(([status]) => !status.startsWith("2"))
      .flatMap(([status, response]) =>
        Object.entries(response.content?.["application/json"]?.examples ?? {}).map(([name, example]) => ({ name, operation, status: Number(status), body: example.value })),
      ),
  );
}

/** The documented JSON example of one request body, read as exampleOf reads a response's. */
export function requestExampleOf(spec: OpenApiDocument, path: SpecPath, method: string): unknown {
  const media = spec.paths[path]?.[method]?.requestBody?.content?.["application/json"];
  return media && defaultExample(media);
}

/** The `$ref` of an operation's JSON response schema for one status. */
export function responseSchemaRef(spec: OpenApiDocument, path: SpecPath, method: string, status: string): string | undefined {
  return (spec.paths[path]?.[method]?.responses[status]?.content?.["application/json"]?.schema as { $ref?: string } | undefined)?.$ref;
}
