// What Prism does around the stateful model, done in-process with Fetch API objects, so that the MSW handlers answer
// as `startMock()` does: the route and method must be in the spec (404, 405), the bearer scheme is required (401),
// parameters and the body are checked against their schemas (422), `Prefer: code=` and `example=` pick a documented
// answer, and every answer is checked against its schema (a 500 naming the violation). Each refusal is the problem
// document Prism sends, so that the same request gets the same answer from both hosts (tests/mock-hosts checks it).
import { validators, type Validate } from "../../generated/validators.js";
import type { OperationName } from "../../generated/operations.js";
import { buildMockSpec } from "../mock-spec.js";
import { operationsOf, pointer, type Operation } from "../spec.js";
import type { Answer, ForcedStatuses, Model } from "../stateful/model.js";

export type Violation = { location?: string[]; severity: "Error"; code: string; message: string };

export type RulesOptions = {
  force?: ForcedStatuses;
  /** Your own route (a relative baseUrl): it holds the key, so requests carry none and none is required. */
  keyless?: boolean;
};

const PRISM_ERRORS = "https://stoplight.io/prism/errors#";
const SPEC = buildMockSpec();
// A path is the spec's text: its regex characters are escaped, and only its `{parameter}`s match a segment.
const ROUTES = operationsOf(SPEC).map((entry) => ({ ...entry, pattern: new RegExp(`^${entry.path.split(/\{[^}]+\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("[^/]+")}$`) }));

const problem = (status: number, type: string, title: string, detail: string, extra: Record<string, unknown> = {}): Answer => ({
  status,
  body: { type: `${PRISM_ERRORS}${type}`, title, status, detail, ...extra },
  headers: { "content-type": "application/problem+json" },
});

/** Answers one request (its path relative to the API's base URL) as the Prism-backed stateful mock would. */
export function createPrismRules(model: Model, options: RulesOptions = {}) {
  return async function answer(request: Request, path: string): Promise<Answer> {
    const method = request.method.toLowerCase();
    const matching = ROUTES.filter((route) => route.pattern.test(path));
    if (matching.length === 0) {
      return problem(404, "NO_PATH_MATCHED_ERROR", "Route not resolved, no path matched", `The route ${path} hasn't been found in the specification file`);
    }
    const route = matching.find((candidate) => candidate.method === method);
    if (!route) {
      return problem(405, "NO_METHOD_MATCHED_ERROR", "Route resolved, but no method matched", `The route ${path} has been matched, but it does not have "${method}" method defined`);
    }
    const { operation } = route;
    const authorization = request.headers.get("authorization") ?? "";
    if (!options.keyless && requiresBearer(operation) && !/^Bearer\s+\S/i.test(authorization)) {
      return {
        ...problem(401, "UNAUTHORIZED", "Invalid security scheme used", "Your request does not fullfil the security requirements and no HTTP unauthorized response was found in the spec, so Prism is generating this error for you.", { headers: { "WWW-Authenticate": "Bearer" } }),
        headers: { "content-type": "application/problem+json", "www-authenticate": "Bearer" },
      };
    }
    const body = await request.text();
    const refused = requestViolations(route.path, route.method, operation, request, body);
    if (refused.length > 0) {
      return problem(422, "UNPROCESSABLE_ENTITY", "Invalid request", "Your request is not valid and no HTTP validation response was found in the spec, so Prism is generating this error for you.", { validation: refused });
    }
    const forced = options.force?.[`${route.method.toUpperCase()} ${route.path}` as OperationName];
    const prefer = preferences(request.headers.get("prefer") ?? (forced === undefined ? "" : `code=${forced}`));
    const answer =
      prefer.code !== undefined || prefer.example !== undefined
        ? documented(operation, prefer.code, prefer.example)
        : ((await model.answer({ method: request.method, path: route.path, apiKey: authorization.replace(/^Bearer\s+/i, ""), idempotencyKey: request.headers.get("idempotency-key") ?? undefined, body })) ??
          documented(operation, undefined, undefined));
    return checkedAnswer(route.path, route.method, answer);
  };
}

function requiresBearer(operation: Operation): boolean {
  const requirements = (operation.security ?? SPEC.security ?? []) as Record<string, unknown>[];
  return requirements.length > 0 && !requirements.some((requirement) => Object.keys(requirement).length === 0);
}

/** `Prefer: code=500, example=exhausted` (Prism's header); `dynamic=true` is Prism's alone and is ignored here. */
function preferences(header: string): { code?: string; example?: string } {
  const found: Record<string, string> = {};
  for (const part of header.split(/[,;]/)) {
    const [key, value] = part.split("=").map((piece) => piece?.trim());
    if (key && value) found[key] = value;
  }
  return { code: found.code, example: found.example };
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
    return problem(404, "NOT_FOUND", "The server cannot find the requested content", `Response for contentType: application/json and exampleKey: ${example} does not exist.`);
  }
  return { status: Number(status), body: named ? named.value : media.example };
}

function requestViolations(path: string, method: string, operation: Operation, request: Request, body: string): Violation[] {
  const found: Violation[] = [];
  (operation.parameters ?? []).forEach((parameter, index) => {
    const value = parameter.in === "header" ? request.headers.get(parameter.name) : parameter.in === "query" ? new URL(request.url).searchParams.get(parameter.name) : null;
    const where = `Request ${parameter.in} parameter ${parameter.in === "header" ? parameter.name.toLowerCase() : parameter.name}`;
    if (value === null) {
      if (parameter.required) found.push({ location: [parameter.in, parameter.name.toLowerCase()], severity: "Error", code: "required", message: `${where} is required` });
      return;
    }
    const validate = validators[pointer("paths", path, method, "parameters", index, "schema")];
    for (const violation of violations(validate, value, [parameter.in, parameter.name.toLowerCase()], where)) found.push(violation);
  });
  const content = operation.requestBody?.content?.["application/json"];
  if (!content) return found;
  if (body === "") {
    if (operation.requestBody?.required) found.push({ severity: "Error", code: "required", message: "Body parameter is required" });
    return found;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return [...found, { location: ["body"], severity: "Error", code: "type", message: "Request body must be valid JSON" }];
  }
  const validate = validators[pointer("paths", path, method, "requestBody", "content", "application/json", "schema")];
  return [...found, ...violations(validate, parsed, ["body"], "Request body")];
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

/** ajv's errors in Prism's words: `Response body property credits must be integer`. */
function violations(validate: Validate | undefined, value: unknown, location: string[], subject: string): Violation[] {
  if (!validate || validate(value)) return [];
  return (validate.errors ?? []).map((error) => {
    const inner = error.instancePath.split("/").filter(Boolean);
    const allowed = Array.isArray(error.params.allowedValues) ? `: ${(error.params.allowedValues as unknown[]).join(", ")}` : "";
    const what = inner.length > 0 ? `${subject} property ${inner.join(".")}` : subject;
    return { location: [...location, ...inner], severity: "Error" as const, code: error.keyword, message: `${what} ${error.message ?? "is not valid"}${allowed}` };
  });
}
