// The spec's shape and its look-ups, for every surface that reads a spec (the generator, the scripts, both mock hosts,
// the contract tests): the document type, every operation with its parameters, examples and named answers. No document
// is imported here, so the generator can use it before generated/ exists.
import type { paths } from "../../generated/billing.js";
import { pointer, resolvePointer } from "./refs.js";

/** A path the compiler checks against the generated `paths`: literal paths elsewhere are typed with it. */
export type SpecPath = keyof paths;

export type NamedExample = { summary?: string; description?: string; value: unknown };
export type MediaType = { schema?: unknown; example?: unknown; examples?: Record<string, NamedExample>; encoding?: Record<string, unknown> };
export type ResponseObject = { description: string; headers?: Record<string, unknown>; content?: Record<string, MediaType> };
/** A parameter as OpenAPI 3.0 and 3.1 write it (`content` instead of `schema` is allowed, and rare). */
export type Parameter = {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema?: unknown;
  style?: string;
  explode?: boolean;
  allowReserved?: boolean;
  deprecated?: boolean;
  example?: unknown;
  examples?: Record<string, { value?: unknown }>;
  content?: Record<string, MediaType>;
};
export type RequestBody = { required?: boolean; content?: Record<string, MediaType> };
export type Operation = {
  operationId?: string;
  summary?: string;
  parameters?: (Parameter | { $ref: string })[];
  requestBody?: RequestBody | { $ref: string };
  responses: Record<string, ResponseObject>;
  security?: Record<string, unknown>[];
  [key: string]: unknown;
};
export type OpenApiDocument = {
  openapi: string;
  servers?: { url: string }[];
  security?: Record<string, unknown>[];
  paths: Record<string, Record<string, Operation> & { parameters?: (Parameter | { $ref: string })[] }>;
  components: { schemas: Record<string, unknown>; [key: string]: unknown };
  [key: string]: unknown;
};

/** One operation of the spec: its name (`GET /user/credits/info`), lower-case method, path and object. */
export type OperationEntry = { name: string; method: string; path: string; operation: Operation };

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

/** Every operation of the spec, in the spec's order. */
export function operationsOf(spec: OpenApiDocument): OperationEntry[] {
  return Object.entries(spec.paths).flatMap(([path, item]) =>
    HTTP_METHODS.filter((method) => item[method]).map((method) => ({ name: `${method.toUpperCase()} ${path}`, method, path, operation: item[method]! })),
  );
}

/** Something the spec declares, `$ref`s followed, with the JSON pointer of where it is written (validators are keyed by it). */
export type Located<T> = T & { pointer: string };

/** `node` (written at `at`) with its `$ref` chain followed; undefined when a ref points nowhere or round in a loop. */
function located<T>(spec: OpenApiDocument, node: unknown, at: string): Located<T> | undefined {
  for (let depth = 0; depth <= 32; depth++) {
    if (typeof node !== "object" || node === null || Array.isArray(node)) return undefined;
    const ref = (node as { $ref?: unknown }).$ref;
    if (typeof ref !== "string") return { ...(node as T), pointer: at };
    node = resolvePointer(spec, ref);
    at = ref;
  }
  return undefined;
}

/**
 * The parameters of one operation, `$ref`s resolved: the path item's, then the operation's, an operation's parameter
 * replacing a path item's of the same name and location, as OpenAPI says.
 */
export function parametersOf(spec: OpenApiDocument, path: string, method: string): Located<Parameter>[] {
  const item = spec.paths[path];
  const found = new Map<string, Located<Parameter>>();
  const collect = (list: unknown, ...at: string[]) =>
    (Array.isArray(list) ? list : []).forEach((entry, index) => {
      const parameter = located<Parameter>(spec, entry, pointer(...at, index));
      // A ref that points nowhere is refused when the spec is read; here it is simply not a parameter.
      if (parameter && typeof parameter.name === "string") found.set(`${parameter.in}:${parameter.in === "header" ? parameter.name.toLowerCase() : parameter.name}`, parameter);
    });
  collect(item?.parameters, "paths", path, "parameters");
  collect(item?.[method]?.parameters, "paths", path, method, "parameters");
  return [...found.values()];
}

/** An operation's request body, its `$ref` resolved. */
export function requestBodyOf(spec: OpenApiDocument, path: string, method: string): Located<RequestBody> | undefined {
  const body = spec.paths[path]?.[method]?.requestBody;
  return body === undefined ? undefined : located<RequestBody>(spec, body, pointer("paths", path, method, "requestBody"));
}

/**
 * The documented JSON example of one response: the one named, or by default its `example`, or else the first of its
 * named `examples` (OpenAPI 3.0 allows one or the other; Prism serves the first named one when none is asked for).
 */
export function exampleOf(spec: OpenApiDocument, path: string, method: string, status: string, name?: string): unknown {
  const media = spec.paths[path]?.[method]?.responses[status]?.content?.["application/json"];
  return media && (name === undefined ? defaultExample(media) : media.examples?.[name]?.value);
}

/** What a media type answers when no example is asked for: its `example`, or the first of its named `examples`. */
export function defaultExample(media: MediaType): unknown {
  return "example" in media ? media.example : Object.values(media.examples ?? {})[0]?.value;
}

/** A named example of an answer: `credits_exhausted` for `GET /user/credits/info` 402. */
export type NamedAnswer = { name: string; operation: string; status: number; body: unknown };

/** Every named example of every JSON response, by operation and status: the answers a mock can be asked for by name. */
export function namedAnswers(spec: OpenApiDocument): NamedAnswer[] {
  return operationsOf(spec).flatMap(({ name: operation, operation: { responses } }) =>
    Object.entries(responses).flatMap(([status, response]) =>
      Object.entries(response.content?.["application/json"]?.examples ?? {}).map(([name, example]) => ({ name, operation, status: Number(status), body: example.value })),
    ),
  );
}

/** Every named example of every non-2xx JSON response: the documented error answers, which the mock takes as scenarios. */
export function namedErrorAnswers(spec: OpenApiDocument): NamedAnswer[] {
  return namedAnswers(spec).filter((answer) => !(answer.status >= 200 && answer.status < 300));
}

/** The documented JSON example of one request body, read as exampleOf reads a response's. */
export function requestExampleOf(spec: OpenApiDocument, path: string, method: string): unknown {
  const media = requestBodyOf(spec, path, method)?.content?.["application/json"];
  return media && defaultExample(media);
}

/** The `$ref` of an operation's JSON response schema for one status. */
export function responseSchemaRef(spec: OpenApiDocument, path: string, method: string, status: string): string | undefined {
  return (spec.paths[path]?.[method]?.responses[status]?.content?.["application/json"]?.schema as { $ref?: string } | undefined)?.$ref;
}
