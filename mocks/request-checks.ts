// Prism's refusals before an answer (no route, no method, no bearer key, an invalid parameter), as the problem
// documents Prism sends: the MSW handlers give them all (msw/prism-rules.ts); the Prism host's front door gives the one
// Prism lets through (a header parameter sent empty), so that both hosts refuse the same requests in the same words.
import { validators, type Validate } from "../generated/validators.js";
import { loadSpec } from "../core/openapi/bundled.js";
import { buildMockSpec } from "./mock-spec.js";
import { operationsOf, parametersOf, requestBodyOf, type Located, type Operation, type Parameter, type RequestBody } from "../core/openapi/document.js";
import { BEARER } from "./bearer.js";
import type { Answer } from "./stateful/account.js";

export type Violation = { location?: string[]; severity: "Error"; code: string | number; message: string };
/** An operation of the spec as a request reaches it: its parameters and body with their `$ref`s followed. */
export type Route = { path: string; method: string; operation: Operation; parameters: Located<Parameter>[]; body: Located<RequestBody> | undefined };

const PRISM_ERRORS = "https://stoplight.io/prism/errors#";
export const MOCK_SPEC = buildMockSpec(loadSpec());
// A path is the spec's text: its regex characters are escaped, and only its `{parameter}`s match a segment.
const ROUTES = operationsOf(MOCK_SPEC).map((entry) => ({
  ...entry,
  parameters: parametersOf(MOCK_SPEC, entry.path, entry.method),
  body: requestBodyOf(MOCK_SPEC, entry.path, entry.method),
  pattern: new RegExp(`^${entry.path.split(/\{[^}]+\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("[^/]+")}$`),
}));

export const problem = (status: number, type: string, title: string, detail: string, extra: Record<string, unknown> = {}): Answer => ({
  status,
  body: { type: `${PRISM_ERRORS}${type}`, title, status, detail, ...extra },
  headers: { "content-type": "application/problem+json" },
});

/** The spec's operation for a path (relative to the API's base URL) and method, or Prism's 404 or 405. */
export function routeOf(path: string, method: string): Route | Answer {
  const matching = ROUTES.filter((route) => route.pattern.test(path));
  if (matching.length === 0) {
    return problem(404, "NO_PATH_MATCHED_ERROR", "Route not resolved, no path matched", `The route ${path} hasn't been found in the specification file`);
  }
  const lower = method.toLowerCase();
  const route = matching.find((candidate) => candidate.method === lower);
  if (!route) {
    return problem(405, "NO_METHOD_MATCHED_ERROR", "Route resolved, but no method matched", `The route ${path} has been matched, but it does not have "${lower}" method defined`);
  }
  return { path: route.path, method: route.method, operation: route.operation, parameters: route.parameters, body: route.body };
}

/** Prism's 401 when the operation needs a bearer key and the request has none (`keyless`: your own route holds it). */
export function unauthorized(route: Route, authorization: string | null, keyless = false): Answer | undefined {
  const requirements = (route.operation.security ?? MOCK_SPEC.security ?? []) as Record<string, unknown>[];
  const required = requirements.length > 0 && !requirements.some((requirement) => Object.keys(requirement).length === 0);
  if (keyless || !required || BEARER.test(authorization ?? "")) return undefined;
  return {
    ...problem(401, "UNAUTHORIZED", "Invalid security scheme used", "Your request does not fullfil the security requirements and no HTTP unauthorized response was found in the spec, so Prism is generating this error for you.", { headers: { "WWW-Authenticate": "Bearer" } }),
    headers: { "content-type": "application/problem+json", "www-authenticate": "Bearer" },
  };
}

/** A body Prism's server parses as JSON (`application/json`, `application/*+json`), or not. */
export const isJsonType = (contentType: string | null): boolean => /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(contentType ?? "");

/** A JSON content type whose body will not parse: Prism's server answers 400 before it looks at anything else. */
export function unparsableJson(contentType: string | null, text: string): boolean {
  if (!isJsonType(contentType) || text === "") return false;
  try {
    JSON.parse(text);
    return false;
  } catch {
    return true;
  }
}

/** Prism's 422 for a request that breaks the spec's rules. */
export const invalidRequest = (violations: Violation[]): Answer =>
  problem(422, "UNPROCESSABLE_ENTITY", "Invalid request", "Your request is not valid and no HTTP validation response was found in the spec, so Prism is generating this error for you.", { validation: violations });

/**
 * A header parameter sent empty (`Idempotency-Key:` with no value) breaks a schema with `minLength: 1`, but Prism takes
 * it as absent, and the stateful mock would charge under an empty key. Both hosts refuse it, on its own, before the body.
 */
export function emptyHeaderRefusal(route: Route, header: (name: string) => string | null): Answer | undefined {
  const found = route.parameters.flatMap((parameter) => {
    if (parameter.in !== "header" || header(parameter.name)?.trim() !== "") return [];
    const validate = validators[`${parameter.pointer}/schema`];
    const name = parameter.name.toLowerCase();
    return violations(validate, "", ["header", name], `Request header parameter ${name}`);
  });
  return found.length > 0 ? invalidRequest(found) : undefined;
}

/**
 * ajv's errors in Prism's words: `Response body property credits must be integer`, `Request query parameter limit must
 * be integer` (Prism says "parameter" below a parameter location, "property" below a body).
 */
export function violations(validate: Validate | undefined, value: unknown, location: string[], subject: string, kind: "property" | "parameter" = "property"): Violation[] {
  if (!validate || validate(value)) return [];
  return (validate.errors ?? []).map((error) => {
    const inner = error.instancePath.split("/").filter(Boolean);
    const what = inner.length > 0 ? `${subject} ${kind} ${inner.join(".")}` : subject;
    return { location: [...location, ...inner], severity: "Error" as const, code: error.keyword, message: `${what} ${error.message ?? ""}${detailsOf(error.params)}` };
  });
}

/** What Prism adds to ajv's message: the allowed values, the extra property found, the unevaluated one. */
function detailsOf(params: Record<string, unknown>): string {
  const allowed = Array.isArray(params.allowedValues) ? `: ${(params.allowedValues as unknown[]).join(", ")}` : "";
  const additional = "additionalProperty" in params ? `; found '${String(params.additionalProperty)}'` : "";
  const unevaluated = "unevaluatedProperty" in params ? `: '${String(params.unevaluatedProperty)}'` : "";
  return `${allowed}${additional}${unevaluated}`;
}
