// The documented answer Prism's mock gives to a valid request, as Prism 5.14.2 negotiates it: the status asked for, or
// the lowest 2xx (then `default`, then the first); the media type the request's Accept prefers (none: `*/*` content,
// else JSON, else the first); the named example asked for, or the first; the response's declared headers from their
// examples; with no example, the schema's sample (schema-sample.ts). Not followed: a 406 for an Accept no content fits.
import { deref } from "../core/openapi/refs.js";
import type { MediaType, OpenApiDocument, Operation, ResponseObject } from "../core/openapi/document.js";
import { problem } from "./request-checks.js";
import { schemaSample } from "./schema-sample.js";
import type { Answer } from "./stateful/account.js";

const MISSING = "The server cannot find the requested content";

export function documentedAnswer(spec: OpenApiDocument, operation: Operation, code: string | undefined, example: string | undefined, accept: string | null): Answer {
  const statuses = Object.keys(operation.responses);
  const status = code ?? [...statuses.filter((candidate) => /^2(\d\d|XX)$/.test(candidate))].sort()[0] ?? (statuses.includes("default") ? "default" : statuses[0]);
  const response = status === undefined ? undefined : operation.responses[status];
  if (!response || status === undefined) {
    return problem(404, "NOT_FOUND", MISSING, `Requested status code ${status} is not defined in the document.`);
  }
  const headers = headersOf(spec, response);
  const chosen = contentFor(response.content ?? {}, accept);
  if (!chosen) return { status: Number(status), body: undefined, ...(Object.keys(headers).length > 0 ? { headers } : {}) };
  const [type, media] = chosen;
  const examples = media.examples ?? {};
  const named = example === undefined ? Object.values(examples)[0] : examples[example];
  if (example !== undefined && !named) {
    // With a status asked for, Prism falls back to a default response, which the spec does not have: its 500 says so.
    if (code !== undefined) return problem(500, "UNKNOWN", `https://stoplight.io/prism/errors#NOT_FOUND: ${MISSING}. We tried default response, but we got https://stoplight.io/prism/errors#NOT_FOUND: ${MISSING}`, "");
    return problem(404, "NOT_FOUND", MISSING, `Response for contentType: ${type} and exampleKey: ${example} does not exist.`);
  }
  const given = named ? named.value : media.example;
  // No example: Prism's static sample of the schema (schema-sample.ts).
  const body = given === undefined && media.schema !== undefined ? schemaSample(media.schema, spec) : given;
  return { status: Number(status), body, headers: { ...headers, "content-type": type === "*/*" ? "text/plain" : type } };
}

/** Each declared header with the value Prism gives it: its example, else its schema's sample. */
function headersOf(spec: OpenApiDocument, response: ResponseObject): Record<string, string> {
  const found: Record<string, string> = {};
  for (const [name, declared] of Object.entries(response.headers ?? {})) {
    const header = deref(spec, declared as { schema?: unknown; example?: unknown; examples?: Record<string, { value?: unknown }> });
    if (!header?.schema) continue;
    const example = header.example ?? Object.values(header.examples ?? {})[0]?.value;
    // No example: the schema's static sample, when it is a number or a string (Prism sends no other).
    const value = example ?? schemaSample(header.schema, spec);
    if (example !== undefined || typeof value === "number" || typeof value === "string") found[name.toLowerCase()] = String(value);
  }
  return found;
}

/** The content Prism picks: by the Accept header's ranges (q, then specificity, then order), or its default. */
function contentFor(contents: Record<string, MediaType>, accept: string | null): [string, MediaType] | undefined {
  const entries = Object.entries(contents);
  if (entries.length === 0) return undefined;
  if (!accept) return entries.find(([type]) => type === "*/*") ?? best(entries, ["application/json", "*/*"]);
  return best(entries, accept.split(","));
}

function best(entries: [string, MediaType][], accepted: string[]): [string, MediaType] | undefined {
  const ranges = accepted.flatMap((text, order) => {
    const [range = "", ...parameters] = text.split(";").map((part) => part.trim().toLowerCase());
    const q = Number(parameters.find((parameter) => parameter.startsWith("q="))?.slice(2) ?? 1);
    const [type, subtype] = range.split("/");
    return type && subtype ? [{ type, subtype, q: Number.isNaN(q) ? 1 : q, order }] : [];
  });
  const ranked = entries.flatMap(([media, content], index) => {
    const [type = "", subtype = ""] = media.split(";")[0]!.trim().toLowerCase().split("/");
    const matches = ranges
      .filter((range) => (range.type === "*" || range.type === type) && (range.subtype === "*" || range.subtype === subtype))
      .map((range) => ({ ...range, specificity: (range.type === "*" ? 0 : 2) + (range.subtype === "*" ? 0 : 1) }))
      .sort((a, b) => b.specificity - a.specificity || b.q - a.q);
    const top = matches[0];
    return top && top.q > 0 ? [{ entry: [media, content] as [string, MediaType], q: top.q, specificity: top.specificity, order: top.order, index }] : [];
  });
  ranked.sort((a, b) => b.q - a.q || b.specificity - a.specificity || a.order - b.order || a.index - b.index);
  return ranked[0]?.entry;
}
