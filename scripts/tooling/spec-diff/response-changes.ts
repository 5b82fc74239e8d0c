// An operation's request body and responses between two versions: statuses, media types, headers and their schemas,
// each judged from its side (request bodies by schema-changes' request rules, responses by its response rules).
import { collector, type Finding, type Level } from "./findings";
import { compareSchemas, type Docs } from "./schema-changes";
import { isObject } from "./schema-context";
import { deref, type Schema } from "./schema-model";

type MediaTypes = Record<string, { schema?: Schema }>;
type Header = { required?: boolean; schema?: Schema; $ref?: string };
type Response = { content?: MediaTypes; headers?: Record<string, Header>; $ref?: string };
type RequestBody = { required?: boolean; content?: MediaTypes; $ref?: string };

const isJson = (mediaType: string) => /^application\/json\b|\+json\b/.test(mediaType);
const isSuccess = (status: string) => /^2/.test(status);
/** An object from the spec, or an empty one where it has none (or something that is not an object). */
const record = <T>(value: unknown): Record<string, T> => (isObject(value) ? (value as Record<string, T>) : {});

export function requestBody(docs: Docs, findings: Finding[], name: string, base: unknown, revision: unknown): void {
  const [before, after] = [deref(docs.base, base as Schema) as RequestBody | undefined, deref(docs.revision, revision as Schema) as RequestBody | undefined];
  const sink = collector(findings, name, "request body");
  if (!isObject(before) && !isObject(after)) return;
  if (!isObject(before)) return sink.add(after!.required ? "request-body-added-required" : "request-body-added-optional", `${after!.required ? "required" : "optional"} request body added`);
  if (!isObject(after)) return sink.add("request-body-removed", "request body removed");
  if (Boolean(before.required) !== Boolean(after.required)) {
    sink.add(`request-body-became-${after.required ? "required" : "optional"}`, `became ${after.required ? "required" : "optional"}`);
  }
  mediaTypes(docs, findings, name, "request body", record(before.content), record(after.content), "request");
}

export function responses(docs: Docs, findings: Finding[], name: string, base: unknown, revision: unknown): void {
  const [before, after] = [record<Response>(base), record<Response>(revision)];
  for (const status of Object.keys(after)) {
    if (status in before) continue;
    collector(findings, name, `response ${status}`).add(isSuccess(status) ? "response-success-status-added" : "response-non-success-status-added", `status ${status} added`);
  }
  for (const status of Object.keys(before)) {
    const where = `response ${status}`;
    if (!(status in after)) {
      collector(findings, name, where).add(isSuccess(status) ? "response-success-status-removed" : "response-non-success-status-removed", `status ${status} removed`);
      continue;
    }
    const [from, to] = [record<unknown>(deref(docs.base, before[status] as Schema)) as Response, record<unknown>(deref(docs.revision, after[status] as Schema)) as Response];
    mediaTypes(docs, findings, name, where, record(from.content), record(to.content), "response");
    headers(docs, findings, name, where, record(from.headers), record(to.headers));
  }
}

function mediaTypes(docs: Docs, findings: Finding[], name: string, where: string, before: MediaTypes, after: MediaTypes, side: "request" | "response"): void {
  const body = side === "request" ? "request-body" : "response";
  for (const type of Object.keys(after)) if (!(type in before)) collector(findings, name, `${where} ${type}`).add(`${body}-media-type-added`, `media type ${type} added`);
  for (const type of Object.keys(before)) {
    const sink = collector(findings, name, `${where} ${type}`);
    if (!(type in after)) {
      sink.add(`${body}-media-type-removed`, `media type ${type} removed`, "error", "");
      continue;
    }
    const [from, to] = [record<Schema>(before[type]).schema, record<Schema>(after[type]).schema];
    const prefix = `${side}-body`;
    if (!from && to) sink.add(`${prefix}-media-type-schema-added`, "a schema is now given", side === "request" ? "error" : "info");
    else if (from && !to) sink.add(`${prefix}-media-type-schema-removed`, "the schema was removed", side === "request" ? "info" : "warning", "");
    else compareSchemas(docs, sink, { prefix, stronglyTyped: isJson(type) }, from, to);
  }
}

function headers(docs: Docs, findings: Finding[], name: string, where: string, before: Record<string, Header>, after: Record<string, Header>): void {
  const lower = (all: Record<string, Header>, doc: unknown) => new Map(Object.entries(all).map(([header, value]) => [header.toLowerCase(), record<unknown>(deref(doc, value as Schema)) as Header]));
  const [from, to] = [lower(before, docs.base), lower(after, docs.revision)];
  for (const [header, value] of to) {
    const sink = collector(findings, name, `${where} header ${header}`);
    const old = from.get(header);
    if (!old) {
      sink.add("response-header-added", `${value.required ? "required" : "optional"} header added`);
      continue;
    }
    if (Boolean(old.required) !== Boolean(value.required)) {
      const level: Level = value.required ? "info" : "error";
      sink.add(`response-header-became-${value.required ? "required" : "optional"}`, `became ${value.required ? "required" : "optional"}`, level);
    }
    compareSchemas(docs, sink, { prefix: "response-header", stronglyTyped: false }, old.schema, value.schema);
  }
  for (const [header, value] of from) {
    if (to.has(header)) continue;
    collector(findings, name, `${where} header ${header}`).add(value.required ? "required-response-header-removed" : "optional-response-header-removed", `${value.required ? "required" : "optional"} header removed`);
  }
}
