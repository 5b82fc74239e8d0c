// What Prism does around the stateful model, done in-process with Fetch API objects, so that the MSW handlers answer
// as `startMock()` does: the body is read as Prism's server reads it (invalid JSON is a 400 before anything else), the
// route and method must be in the spec (404, 405), the bearer scheme is required (401), parameters and the body are
// checked against their schemas (422, 415 inside it), `Prefer: code=` and `example=` (read as Prism reads them,
// prefer.ts) pick a documented answer, and
// every answer is checked against its schema (a 500 naming the violation). Each refusal is the problem document Prism
// sends, so that the same request gets the same answer from both hosts (tests/mock-differential checks it).
import { validators } from "../../generated/validators.js";
import type { OperationName } from "../../generated/operations.js";
import { preferHeader, type ForcedAnswer, type ForcedStatuses } from "../forced.js";
import { apiKeyOf } from "../bearer.js";
import { asksPrism, preferencesOf } from "../prefer.js";
import { emptyHeaderRefusal, invalidRequest, isJsonType, MOCK_SPEC, problem, routeOf, unauthorized, unparsableJson, violations, type Route, type Violation } from "../request-checks.js";
import { parameterViolations, unreadableParameters } from "../parameter-checks.js";
import { formValue, isFormType } from "../form-body.js";
import { coerced } from "../coercion.js";
import { deref, pointer } from "../../core/openapi/refs.js";
import { type Operation } from "../../core/openapi/document.js";
import type { Answer, Model } from "../stateful/model.js";

export type { Violation } from "../request-checks.js";

export type RulesOptions = {
  force?: ForcedStatuses;
  /** Your own route (a relative baseUrl): it holds the key, so requests carry none and none is required. */
  keyless?: boolean;
};

/** A request body as Prism's server reads it: none, parsed JSON (for a JSON content type), or text. */
type Body = { text: string; json: boolean; value: unknown };

/** Answers one request (its path relative to the API's base URL) as the Prism-backed stateful mock would. */
export function createPrismRules(model: Model, options: RulesOptions = {}) {
  return async function answer(request: Request, path: string): Promise<Answer> {
    const body = await readBody(request);
    if ("status" in body) return body;
    const forced = options.force?.[`${request.method} ${path}` as OperationName];
    const prefer = preferencesOf(request.headers.get("prefer") ?? (forced === undefined ? null : preferHeader(`${request.method} ${path}` as OperationName, forced as ForcedAnswer)), new URL(request.url).searchParams);
    if ("status" in prefer) return prefer;
    const route = routeOf(path, request.method);
    if ("status" in route) return route;
    const parts = { path, template: route.path, query: new URL(request.url).searchParams, header: (name: string) => request.headers.get(name) };
    const unreadable = unreadableParameters(MOCK_SPEC, route.parameters, parts);
    if (unreadable) return unreadable;
    const authorization = request.headers.get("authorization");
    const refused = unauthorized(route, authorization, options.keyless) ?? emptyHeaderRefusal(route, (name) => request.headers.get(name));
    if (refused) return refused;
    // Prism's order: the body's violations, then the headers', the query's and the path's.
    const invalid = [...bodyViolations(route, request, body), ...parameterViolations(MOCK_SPEC, route.parameters, parts)];
    if (invalid.length > 0) return invalidRequest(invalid);
    const answer = asksPrism(prefer)
      ? documented(route.operation, prefer.code, prefer.example)
      : ((await model.answer({ method: request.method, path: route.path, apiKey: apiKeyOf(authorization), idempotencyKey: request.headers.get("idempotency-key") ?? undefined, body: body.text })) ??
          documented(route.operation, undefined, undefined));
    return checkedAnswer(route.path, route.method, answer);
  };
}

/**
 * Prism's server parses a JSON content type's body before it looks at anything else; what will not parse is its web
 * framework's 400 (micri), in JSON when the client accepts it, else in words.
 */
async function readBody(request: Request): Promise<Body | Answer> {
  const text = await request.text();
  const json = isJsonType(request.headers.get("content-type"));
  if (unparsableJson(request.headers.get("content-type"), text)) {
    if (!acceptsJson(request.headers.get("accept"))) return { status: 400, body: "Invalid JSON", headers: { "content-type": "text/plain; charset=utf-8" } };
    return { status: 400, body: { error: { code: "invalid_json", message: "Invalid JSON" } }, headers: { "content-type": "application/json; charset=utf-8" } };
  }
  if (text === "") return { text, json, value: null };
  return { text, json, value: json ? JSON.parse(text) : text };
}

/** micri's test: no Accept, `*\/*`, an Accept it cannot parse as one media type, or exactly `application/json`. */
function acceptsJson(accept: string | null): boolean {
  const single = /^\s*([!#$%&'*+.^_`|~\w-]+\/[!#$%&'*+.^_`|~\w-]+)\s*(?:;.*)?$/.exec(accept ?? "*/*");
  return !single || single[1] === "*/*" || accept === "application/json";
}

/** A documented answer: the status asked for (default the first 2xx), and its named example (default the first). */
function documented(operation: Operation, code: string | undefined, example: string | undefined): Answer {
  const status = code ?? Object.keys(operation.responses).find((candidate) => candidate.startsWith("2"))!;
  const response = operation.responses[status];
  if (!response) {
    return problem(404, "NOT_FOUND", "The server cannot find the requested content", `Requested status code ${status} is not defined in the document.`);
  }
  const media = response.content?.["application/json"];
  if (!media) return { status: Number(status), body: undefined };
  const examples = media.examples ?? {};
  const named = example === undefined ? Object.values(examples)[0] : examples[example];
  if (example !== undefined && !named) {
    const missing = "The server cannot find the requested content";
    // With a status asked for, Prism falls back to a default response, which the spec does not have: its 500 says so.
    if (code !== undefined) return problem(500, "UNKNOWN", `https://stoplight.io/prism/errors#NOT_FOUND: ${missing}. We tried default response, but we got https://stoplight.io/prism/errors#NOT_FOUND: ${missing}`, "");
    return problem(404, "NOT_FOUND", missing, `Response for contentType: application/json and exampleKey: ${example} does not exist.`);
  }
  return { status: Number(status), body: named ? named.value : media.example };
}

/**
 * A required body that is missing (or JSON null, 0, false: Prism tests it for truth), then its media type (a suffix
 * counts: `application/vnd.api+json` is JSON), then its schema; with no content type, the text itself is checked; a
 * form (urlencoded or multipart) is read into fields first (form-body.ts) and coerced as Prism coerces it.
 */
function bodyViolations({ body: declared }: Route, request: Request, body: Body): Violation[] {
  const contents = Object.keys(declared?.content ?? {});
  if (declared?.required && !body.value) return [{ severity: "Error", code: "required", message: "Body parameter is required" }];
  if (body.text === "") return [];
  const type = request.headers.get("content-type");
  if (type !== null && !contents.some((content) => sameMediaType(type, content))) {
    const message = contents.length > 0 ? `Supported content types: ${contents.join(",")}` : "No supported content types, but request included a non-empty body";
    return [{ severity: "Error", code: 415, message }];
  }
  // The content the request's media type matches (else the first), read as a form when the request says it is one.
  const chosen = (type === null ? undefined : contents.find((content) => sameMediaType(type, content))) ?? contents[0];
  const media = chosen === undefined ? undefined : declared!.content![chosen]!;
  if (!media?.schema) return [];
  const validate = validators[`${declared!.pointer}${pointer("content", chosen!, "schema").slice(1)}`];
  if (type === null || !isFormType(type.split(";")[0]!.trim())) return violations(validate, body.value, ["body"], "Request body");
  const form = formValue(body.text, type, deref(MOCK_SPEC, media.schema as object) as never, (media.encoding ?? {}) as never);
  if ("violations" in form) return form.violations;
  return violations(validate, coerced(MOCK_SPEC, media.schema, form.value), ["body"], "Request body");
}

/** Prism's match of media types: type and subtype, a structured suffix set aside (`vnd.api+json` is `json`). */
function sameMediaType(received: string, documented: string): boolean {
  const parse = (type: string) => /^([^/]+)\/(?:.+\+)?(.+)$/.exec(type.split(";")[0]!.trim().toLowerCase());
  const [a, b] = [parse(received), parse(documented)];
  return !!a && !!b && (a[1] === b[1] || b[1] === "*") && (a[2] === b[2] || b[2] === "*");
}

/** The answer, or a 500 naming how it breaks the spec: a broken state must be loud, never silent drift. */
function checkedAnswer(path: string, method: string, answer: Answer): Answer {
  const validate = validators[pointer("paths", path, method, "responses", String(answer.status), "content", "application/json", "schema")];
  if (!validate || answer.body === undefined || answer.headers?.["content-type"] === "application/problem+json") return answer;
  const found = violations(validate, answer.body, ["response", "body"], "Response body");
  if (found.length === 0) return answer;
  const refused = problem(500, "VIOLATIONS", "Request/Response not valid", "Your request/response is not valid and the --errors flag is set, so Prism is generating this error for you.", { validation: found });
  return { ...refused, headers: { ...refused.headers, "sl-violations": JSON.stringify(found) } };
}
