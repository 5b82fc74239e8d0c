// The contract tests' caller for an operation with no method of its own: `client.raw` (openapi-fetch, typed from the
// spec) with the spec's own examples as input, so an operation the vendor adds is in the matrix with no code written.
import { operationsOf, requestExampleOf, type SpecPath } from "../../core/openapi/document";
import { resolvePointer } from "../../core/openapi/refs";
import type { BillingClient } from "../../src";
import type { Spec } from "./spec";

export type Parameter = { name: string; in: "path" | "query" | "header" | "cookie"; required?: boolean; example?: unknown; examples?: Record<string, { value?: unknown }>; schema?: Schema; $ref?: string };
type Schema = { $ref?: string; type?: string | string[]; example?: unknown; examples?: unknown[]; default?: unknown; enum?: unknown[]; const?: unknown };

/** What a call through `raw` gave: the status, and the body openapi-fetch read (its `data` or its `error`). */
export type RawAnswer = { status: number; body: unknown };

export function rawCaller(spec: Spec, name: string): (client: BillingClient, headers: Record<string, string>) => Promise<RawAnswer> {
  const entry = operationsOf(spec).find((candidate) => candidate.name === name);
  if (!entry) throw new Error(`${name}: not an operation of the spec`);
  const { method, path, operation } = entry;
  const declared = [...((spec.paths[path] as { parameters?: Parameter[] }).parameters ?? []), ...((operation.parameters ?? []) as Parameter[])].map((parameter) => resolve<Parameter>(spec, parameter));
  const params: Record<"path" | "query" | "header" | "cookie", Record<string, unknown>> = { path: {}, query: {}, header: {}, cookie: {} };
  // Operation-level parameters come last and win, as OpenAPI says; optional ones are sent too, as callers send them.
  for (const parameter of declared) params[parameter.in][parameter.name] = exampleValue(spec, parameter);
  const body = requestExampleOf(spec, path as SpecPath, method);
  return async (client, headers) => {
    const init = { params, headers, ...(body === undefined ? {} : { body }) };
    const { data, error, response } = await (client.raw.request as (method: string, url: string, init: object) => Promise<{ data?: unknown; error?: unknown; response: Response }>)(method, path, init);
    // openapi-fetch reads an empty error body as "": no body, as the spec documents it.
    return { status: response.status, body: data ?? (error === "" ? undefined : error) };
  };
}

function resolve<T>(spec: Spec, node: T & { $ref?: string }): T {
  return node.$ref ? resolve(spec, resolvePointer(spec, node.$ref) as T & { $ref?: string }) : node;
}

/** The parameter's own example, else its schema's (example, examples, default, enum, const), else a value of its type. */
export function exampleValue(spec: Spec, parameter: Parameter): unknown {
  if (parameter.example !== undefined) return parameter.example;
  const named = Object.values(parameter.examples ?? {})[0]?.value;
  if (named !== undefined) return named;
  const schema = parameter.schema ? resolve<Schema>(spec, parameter.schema) : {};
  const found = [schema.example, schema.examples?.[0], schema.default, schema.enum?.[0], schema.const].find((value) => value !== undefined);
  if (found !== undefined) return found;
  const type = [schema.type ?? "string"].flat().find((candidate) => candidate !== "null");
  return type === "integer" || type === "number" ? 1 : type === "boolean" ? true : "example";
}
