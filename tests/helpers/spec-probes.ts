// Raw requests for both mock hosts, made from the spec model for every operation it has: a valid request from the
// examples (every parameter, optional ones too, and the request body), every documented answer asked for by `Prefer`
// and by Prism's query form, malformed preferences, missing and odd credentials, methods and paths the spec lacks,
// every scenario, and for a body or a parameter each way of breaking it. Nothing here names an operation of the spec.
import { HTTP_METHODS, operationsOf, parametersOf, requestBodyOf, requestExampleOf, type Located, type OpenApiDocument, type Parameter } from "../../core/openapi/document";
import { deref } from "../../core/openapi/refs";
import { exampleValue, type Parameter as CallerParameter } from "./raw-caller";
import type { Probe } from "./probes";

/** A probe with its API key: undefined, the probe's own team; null, no Authorization header. */
export type SpecProbe = Omit<Probe, "body"> & { operation: string; key?: string | null; body?: string | Blob };
type Schema = { type?: string | string[]; properties?: Record<string, Schema>; required?: string[]; maxLength?: number; minLength?: number; enum?: unknown[] };

const JSON_TYPE = { "content-type": "application/json" };

/** A value in a parameter's own style (simple, form, label, matrix), as a caller sends it. */
function serialized(parameter: Parameter, value: unknown): string {
  const list = Array.isArray(value) ? value.map(String) : typeof value === "object" && value !== null ? Object.entries(value).flat().map(String) : [String(value)];
  const joined = list.join(",");
  if (parameter.style === "label") return `.${joined}`;
  if (parameter.style === "matrix") return `;${parameter.name}=${joined}`;
  return joined;
}

/** The query string of the parameters given, each in its style (arrays repeated when exploded, else comma-joined). */
function queryOf(parameters: Located<Parameter>[], values: Map<Parameter, unknown>): string {
  const query = new URLSearchParams();
  for (const parameter of parameters.filter((candidate) => candidate.in === "query")) {
    const value = values.get(parameter);
    if (parameter.style === "deepObject" && typeof value === "object" && value !== null) {
      for (const [key, inner] of Object.entries(value)) query.append(`${parameter.name}[${key}]`, String(inner));
    } else if (Array.isArray(value) && parameter.explode === true) {
      for (const item of value) query.append(parameter.name, String(item));
    } else {
      query.append(parameter.name, serialized(parameter, value));
    }
  }
  const text = query.toString();
  return text === "" ? "" : `?${text}`;
}

/** Every operation's probes; each named `<operation>: <what it does>`. */
export function specProbes(spec: OpenApiDocument, scenarios: readonly string[]): SpecProbe[] {
  return operationsOf(spec).flatMap(({ name, method, path, operation }) => {
    const parameters = parametersOf(spec, path, method);
    const values = new Map<Parameter, unknown>(parameters.map((parameter) => [parameter, exampleValue(spec, parameter as CallerParameter)]));
    const pathOf = (overrides = new Map<Parameter, unknown>()) =>
      path.replace(/\{([^}]+)\}/g, (_, inner: string) => {
        const parameter = parameters.find((candidate) => candidate.in === "path" && candidate.name === inner)!;
        return encodeURIComponent(serialized(parameter, overrides.has(parameter) ? overrides.get(parameter) : values.get(parameter))).replace(/%2C/g, ",");
      });
    const url = (overrides = new Map<Parameter, unknown>()) => `${pathOf(overrides)}${queryOf(parameters, new Map([...values, ...overrides]))}`;
    const headers = Object.fromEntries(parameters.filter((parameter) => parameter.in === "header").map((parameter) => [parameter.name.toLowerCase(), serialized(parameter, values.get(parameter))]));
    const declared = requestBodyOf(spec, path, method);
    const example = requestExampleOf(spec, path, method);
    const body = example === undefined ? undefined : JSON.stringify(example);
    const valid: Record<string, string> = { ...headers, ...(body === undefined ? {} : JSON_TYPE) };
    const probe = (what: string, extra: Partial<SpecProbe> = {}): SpecProbe => ({ operation: name, name: `${name}: ${what}`, method: method.toUpperCase(), path: url(), headers: valid, body, ...extra });
    const withHeaders = (more: Record<string, string>) => ({ headers: { ...valid, ...more } });
    const statuses = Object.keys(operation.responses);
    const undocumented = ["418", "419", "420", "499"].find((status) => !statuses.includes(status))!;
    const errorStatus = statuses.find((status) => !status.startsWith("2")) ?? statuses[0]!;

    const probes: SpecProbe[] = [probe("a valid request from the examples")];
    // Every documented answer, by `Prefer` and by Prism's query form.
    for (const [status, response] of Object.entries(operation.responses)) {
      const named = Object.keys(response.content?.["application/json"]?.examples ?? {});
      probes.push(probe(`Prefer: code=${status}`, withHeaders({ prefer: `code=${status}` })));
      for (const example of named) probes.push(probe(`Prefer: code=${status}, example=${example}`, withHeaders({ prefer: `code=${status}, example=${example}` })));
      for (const example of named) probes.push(probe(`Prefer: example=${example} alone`, withHeaders({ prefer: `example=${example}` })));
      const join = url().includes("?") ? "&" : "?";
      probes.push(probe(`__code=${status} in the query`, { path: `${url()}${join}__code=${status}${named[0] === undefined ? "" : `&__example=${named[0]}`}` }));
    }
    // Preferences Prism reads in its own way.
    for (const prefer of [
      `code=${undocumented}`,
      "example=nope",
      `code=${errorStatus}, example=nope`,
      `code=${errorStatus};example=nope`,
      `Code=${errorStatus}`,
      `code="${errorStatus}"`,
      `code=${errorStatus}, code=${statuses[0]}`,
      "code=abc",
      "code=40",
      "code",
      "example",
      "respond-async, wait=5",
      "dynamic=maybe",
    ]) {
      probes.push(probe(`Prefer: ${prefer}`, withHeaders({ prefer })));
    }
    probes.push(probe(`Prefer: code=${errorStatus} with no Authorization`, { key: null, ...withHeaders({ prefer: `code=${errorStatus}` }) }));
    // Credentials.
    probes.push(probe("no Authorization", { key: null }));
    probes.push(probe("Bearer with no token", { key: null, ...withHeaders({ authorization: "Bearer" }) }));
    probes.push(probe("Basic credentials", { key: null, ...withHeaders({ authorization: "Basic dXNlcjpwYXNz" }) }));
    probes.push(probe("a lowercase bearer", { key: null, ...withHeaders({ authorization: "bearer team-lower" }) }));
    for (const scenario of [...scenarios, "nope"]) probes.push(probe(`a key of the scenario ${scenario}`, { key: `team:${scenario}` }));
    // Methods and paths the spec lacks.
    const item = spec.paths[path]!;
    for (const other of HTTP_METHODS.filter((candidate) => !item[candidate] && candidate !== "trace")) probes.push(probe(`${other.toUpperCase()} instead`, { method: other.toUpperCase(), body: ["get", "head", "options"].includes(other) ? undefined : body }));
    probes.push(probe("OPTIONS, a browser's preflight", { method: "OPTIONS", key: null, headers: { origin: "https://app.example", "access-control-request-method": method.toUpperCase(), "access-control-request-headers": "authorization" }, body: undefined }));
    probes.push(probe("a trailing slash", { path: `${pathOf()}/` }));
    probes.push(probe("a query parameter the spec lacks", { path: `${url()}${url().includes("?") ? "&" : "?"}verbose=1` }));
    probes.push(probe("a path the spec lacks", { path: `${pathOf()}-nope` }));
    // The body: its media types, JSON that does not parse, and each way of breaking the schema.
    if (declared) {
      const schema = deref(spec, Object.values(declared.content ?? {})[0]?.schema as Schema | undefined);
      const as = (what: string, type: Record<string, string>, text: string | Blob | undefined = body) => probe(what, { headers: { ...headers, ...type }, body: text });
      probes.push(as("as JSON with a charset", { "content-type": "application/json; charset=utf-8" }));
      probes.push(as("as text/plain", { "content-type": "text/plain" }));
      probes.push(as("with no content type", {}, new Blob([body ?? "{}"])));
      probes.push(as("as text/plain;charset=UTF-8, fetch's default for a string", {}));
      probes.push(as("as application/vnd.api+json", { "content-type": "application/vnd.api+json" }));
      probes.push(as("as a form", { "content-type": "application/x-www-form-urlencoded" }, new URLSearchParams(Object.entries((example ?? {}) as Record<string, string>)).toString()));
      probes.push(as("invalid JSON", JSON_TYPE, "{"));
      probes.push(as("invalid JSON as text/plain", { "content-type": "text/plain" }, "not json"));
      probes.push(as("invalid JSON, accepting HTML only", { ...JSON_TYPE, accept: "text/html" }, "{"));
      probes.push(as("invalid JSON, accepting JSON", { ...JSON_TYPE, accept: "application/json" }, "{"));
      probes.push(as("invalid JSON with no Authorization", JSON_TYPE, "{"));
      probes[probes.length - 1]!.key = null;
      probes.push(as("invalid JSON to a path the spec lacks", JSON_TYPE, "{"));
      probes[probes.length - 1]!.path = `${pathOf()}-nope`;
      for (const text of ["false", "null", "[]", "{}", "", "0"]) probes.push(as(`a body of ${JSON.stringify(text)}`, JSON_TYPE, text));
      probes.push(probe("no body and no content type", { headers, body: undefined }));
      if (typeof example === "object" && example !== null && !Array.isArray(example)) {
        probes.push(as("an extra property", JSON_TYPE, JSON.stringify({ ...example, unexpected_extra: "x" })));
        for (const [property, value] of Object.entries(example)) {
          const { [property]: _removed, ...without } = example as Record<string, unknown>;
          probes.push(as(`without ${property}`, JSON_TYPE, JSON.stringify(without)));
          probes.push(as(`${property} of the wrong type`, JSON_TYPE, JSON.stringify({ ...example, [property]: typeof value === "string" ? 12345 : "text" })));
          if (schema?.properties?.[property]?.enum) probes.push(as(`${property} outside its enum`, JSON_TYPE, JSON.stringify({ ...example, [property]: typeof value === "number" ? value + 1 : `${String(value)}x` })));
        }
      }
    }
    // Each parameter: left out, empty, spaces, the wrong type, and at and past its length.
    for (const parameter of parameters.filter((candidate) => candidate.in !== "path" && candidate.in !== "cookie")) {
      const schema = deref(spec, parameter.schema as Schema | undefined) ?? {};
      const set = (what: string, value: string | undefined) => {
        if (parameter.in === "header") {
          const { [parameter.name.toLowerCase()]: _left, ...others } = valid;
          return probe(`${parameter.name} ${what}`, { headers: value === undefined ? others : { ...others, [parameter.name.toLowerCase()]: value } });
        }
        const query = new Map(values);
        if (value === undefined) query.delete(parameter);
        else query.set(parameter, value);
        return probe(`${parameter.name} ${what}`, { path: `${pathOf()}${queryOf(value === undefined ? parameters.filter((candidate) => candidate !== parameter) : parameters, query)}` });
      };
      probes.push(set("left out", undefined), set("empty", ""), set("of spaces", "   "), set("of the wrong type", [schema.type].flat().includes("string") ? "12345" : "not-a-number"));
      if (schema.maxLength !== undefined) probes.push(set(`of ${schema.maxLength} characters`, "k".repeat(schema.maxLength)), set(`of ${schema.maxLength + 1} characters`, "k".repeat(schema.maxLength + 1)));
      if (parameter.in === "header" && declared) {
        // Refusals that meet: which one the hosts give first.
        probes.push({ ...set("empty, and a body of the wrong type", ""), body: "[]" }, { ...set("empty, and invalid JSON", ""), body: "{" }, { ...set("empty, and no Authorization", ""), key: null });
        const empty = set("empty, as text/plain", "");
        probes.push({ ...empty, headers: { ...empty.headers, "content-type": "text/plain" } });
        if (schema.maxLength !== undefined) probes.push({ ...set(`of ${schema.maxLength + 1} characters, and a body of the wrong type`, "k".repeat(schema.maxLength + 1)), body: "[]" });
      }
    }
    for (const parameter of parameters.filter((candidate) => candidate.in === "path")) {
      probes.push(probe(`path parameter ${parameter.name} of the wrong type`, { path: pathOf(new Map([[parameter, "not-a-number"]])) }));
    }
    return probes;
  });
}
