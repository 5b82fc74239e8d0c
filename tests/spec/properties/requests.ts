// The requests the property tests send for one operation of a spec: one built from its schemas (every required
// parameter, the optional ones asked for, a body its schema accepts), and, where the schema makes one certain, the
// same request broken in one place (a typed parameter's text that is not of its type, a required parameter left out,
// or a JSON body of the wrong type). Built from the spec alone, as a caller who read only the spec would build them.
import { defaultExample, parametersOf, requestBodyOf, type OpenApiDocument, type Parameter, type ResponseObject } from "../../../core/openapi/document";
import { deref } from "../../../core/openapi/refs";
import { brokenTextOf, typeOf, validValueOf, type Schema } from "./schema-values";
import type { ParameterKind } from "./both-hosts";

/** One request, as fetch takes it (the path relative to the host's URL), and the answer headers the spec documents. */
export type Probe = { name: string; expect: "answer" | "refusal"; method: string; path: string; headers: Record<string, string>; body?: string; documentedHeaders: string[]; exampleOnSuccess: boolean };

/** A parameter's kind, or undefined for what no kind names (an object, a cookie, `content` instead of a schema). */
export function kindOf(doc: OpenApiDocument, parameter: Parameter): ParameterKind | undefined {
  if (parameter.in === "cookie" || !parameter.schema) return undefined;
  const node = deref<Schema>(doc, parameter.schema as Schema);
  const type = typeOf(doc, node);
  if (node?.enum && node.enum.every((value) => typeof value === "string")) return `${parameter.in}:enum`;
  if (type === "array") {
    const explode = parameter.explode ?? (parameter.style ?? (parameter.in === "query" ? "form" : "simple")) === "form";
    const style = parameter.style ?? (parameter.in === "query" ? "form" : "simple");
    if (style !== "form" && style !== "simple") return undefined;
    return `${parameter.in}:${explode && parameter.in === "query" ? "array-explode" : "array-no-explode"}` as ParameterKind;
  }
  if (type === "integer" || type === "number" || type === "boolean" || type === "string") return `${parameter.in}:${type}`;
  return undefined;
}

/** `send(parameter)`: whether an optional parameter goes in the request. `read`: the kinds the request may carry. */
export type ProbeOptions = { send(operation: string, parameter: Parameter): boolean; read: readonly ParameterKind[] };

type Built = { valid: Probe; broken?: Probe } | { skipped: string };

/** The valid and broken requests of `method path`, or why none can be built with the kinds allowed. */
export function probesOf(doc: OpenApiDocument, method: string, path: string, options: ProbeOptions): Built {
  const name = `${method.toUpperCase()} ${path}`;
  const parameters = parametersOf(doc, path, method).filter((parameter) => parameter.in !== "cookie");
  const unreadable = parameters.find((parameter) => parameter.required && !options.read.includes(kindOf(doc, parameter)!));
  if (unreadable) return { skipped: `${name}: required ${unreadable.in} parameter ${unreadable.name} is of a kind both hosts do not read alike yet (${kindOf(doc, unreadable) ?? "no kind"})` };
  const sent = parameters.filter((parameter) => parameter.required || (options.read.includes(kindOf(doc, parameter)!) && options.send(name, parameter)));
  const values = new Map(sent.map((parameter) => [parameter, serialised(doc, parameter, validValueOf(doc, parameter.example !== undefined ? { example: parameter.example } : parameter.schema))]));
  const body = bodyOf(doc, method, path);
  if ("skipped" in body) return { skipped: `${name}: ${body.skipped}` };
  const documentedHeaders = [...new Set(Object.values(doc.paths[path]![method]!.responses).flatMap((response) => Object.keys(deref(doc, response)?.headers ?? {}).map((header) => header.toLowerCase())))];
  const responses = doc.paths[path]![method]!.responses;
  const success = deref<ResponseObject>(doc, Object.entries(responses).find(([status]) => status.startsWith("2"))?.[1]);
  const media = success?.content?.["application/json"];
  const exampleOnSuccess = media === undefined || defaultExample(media) !== undefined;
  const build = (label: string, text: Map<Parameter, string[] | string>, expect: Probe["expect"] = "refusal", sentBody = body.text): Probe => ({ ...requestOf(path, text), name: `${name} ${label}`, expect, method: method.toUpperCase(), body: sentBody, headers: { ...requestOf(path, text).headers, ...body.headers }, documentedHeaders, exampleOnSuccess });
  const valid = build("(from its schemas)", values, "answer");
  const breakable = sent.find((parameter) => parameter.in !== "path" && brokenTextOf(doc, parameter.schema) !== undefined);
  if (breakable) {
    const broken = new Map(values);
    broken.set(breakable, brokenTextOf(doc, breakable.schema)!);
    return { valid, broken: build(`(${breakable.in} ${breakable.name} not of its type)`, broken) };
  }
  const leftOut = sent.find((parameter) => parameter.required && parameter.in !== "path");
  if (leftOut) {
    const broken = new Map(values);
    broken.delete(leftOut);
    return { valid, broken: build(`(required ${leftOut.in} ${leftOut.name} left out)`, broken) };
  }
  if (body.broken !== undefined) return { valid, broken: build("(a body of the wrong type)", values, "refusal", body.broken) };
  return { valid };
}

/** A parameter's value as text, by its style: a query array exploded is one text per item, else items joined by commas. */
function serialised(doc: OpenApiDocument, parameter: Parameter, value: unknown): string[] | string {
  if (!Array.isArray(value)) return String(value);
  return kindOf(doc, parameter) === "query:array-explode" ? value.map(String) : value.map(String).join(",");
}

/** The path with its parameters filled, the query string and the headers, from each parameter's text. */
function requestOf(template: string, text: Map<Parameter, string[] | string>): { path: string; headers: Record<string, string> } {
  let path = template;
  const query: string[] = [];
  const headers: Record<string, string> = {};
  for (const [parameter, value] of text) {
    const values = Array.isArray(value) ? value : [value];
    if (parameter.in === "path") path = path.replace(`{${parameter.name}}`, encodeURIComponent(values.join(",")));
    if (parameter.in === "query") values.forEach((one) => query.push(`${encodeURIComponent(parameter.name)}=${encodeURIComponent(one).replace(/%2C/g, ",")}`));
    if (parameter.in === "header") headers[parameter.name] = values.join(",");
  }
  return { path: query.length ? `${path}?${query.join("&")}` : path, headers };
}

/**
 * The request body: JSON when the operation takes it, else a form of its flat properties (Stripe's), else none. An
 * optional body goes with a POST, PUT or PATCH only (fetch sends none with a GET).
 */
function bodyOf(doc: OpenApiDocument, method: string, path: string): { text?: string; broken?: string; headers: Record<string, string> } | { skipped: string } {
  const declared = requestBodyOf(doc, path, method);
  if (!declared?.required && !["post", "put", "patch"].includes(method)) return { headers: {} };
  const content = declared?.content ?? {};
  const json = content["application/json"];
  // Broken: an array where the schema wants an object.
  if (json?.schema) return { text: JSON.stringify(validValueOf(doc, json.schema)), headers: { "content-type": "application/json" }, ...(typeOf(doc, json.schema) === "object" ? { broken: "[]" } : {}) };
  const form = content["application/x-www-form-urlencoded"];
  if (form?.schema) {
    const value = validValueOf(doc, form.schema);
    const flat = Object.entries(typeof value === "object" && value !== null ? value : {}).filter(([, item]) => item === null || typeof item !== "object");
    if (flat.length === 0 && !declared?.required) return { headers: {} };
    return { text: new URLSearchParams(flat.map(([key, item]) => [key, String(item)])).toString(), headers: { "content-type": "application/x-www-form-urlencoded" } };
  }
  if (declared?.required) return { skipped: `its required body is of none of the media types sent here (${Object.keys(content).join(", ")})` };
  return { headers: {} };
}
