// One operation, two versions: its life (added, removed, deprecated), security, parameters, request body, and each
// response's status, media types, headers and schema. Schemas go to schema-changes.ts with the side that reads them.
import type { OpenApiDocument, Operation } from "../../../mocks/openapi";
import { collector, type Finding, type Level } from "./findings";
import { compareSchemas, type Docs } from "./schema-changes";
import { deref, type Schema } from "./schema-model";

type Parameter = { name: string; in: string; required?: boolean; deprecated?: boolean; schema?: Schema; $ref?: string };
type MediaTypes = Record<string, { schema?: Schema }>;
type Header = { required?: boolean; schema?: Schema; $ref?: string };
type Response = { content?: MediaTypes; headers?: Record<string, Header>; $ref?: string };
type RequestBody = { required?: boolean; content?: MediaTypes; $ref?: string };

const isJson = (mediaType: string) => /^application\/json\b|\+json\b/.test(mediaType);
const isSuccess = (status: string) => /^2/.test(status);

export type OperationPair = { name: string; path: string; base: Operation; revision: Operation; basePath: Record<string, unknown>; revisionPath: Record<string, unknown> };

export function compareOperation(docs: Docs & { base: OpenApiDocument; revision: OpenApiDocument }, findings: Finding[], pair: OperationPair): void {
  const { name, base, revision } = pair;
  const sink = collector(findings, name, "operation");
  if (!base.deprecated && revision.deprecated) sink.add("endpoint-deprecated", "the operation is deprecated");
  if (base.deprecated && !revision.deprecated) sink.add("endpoint-reactivated", "the operation is no longer deprecated");
  if (base.operationId !== revision.operationId) {
    const rule = base.operationId === undefined ? "api-operation-id-added" : revision.operationId === undefined ? "api-operation-id-removed" : "api-operation-id-changed";
    sink.add(rule, `operationId ${String(base.operationId ?? "none")} → ${String(revision.operationId ?? "none")}`);
  }
  const [tagsBefore, tagsAfter] = [(base.tags as string[] | undefined) ?? [], (revision.tags as string[] | undefined) ?? []];
  for (const tag of tagsAfter) if (!tagsBefore.includes(tag)) sink.add("api-tag-added", `tag ${tag} added`);
  for (const tag of tagsBefore) if (!tagsAfter.includes(tag)) sink.add("api-tag-removed", `tag ${tag} removed`);
  securityChange(collector(findings, name, "security"), base.security as Record<string, string[]>[] | undefined, revision.security as Record<string, string[]>[] | undefined, "api-security");
  parameters(docs, findings, pair);
  requestBody(docs, findings, name, deref(docs.base, base.requestBody as Schema) as RequestBody | undefined, deref(docs.revision, revision.requestBody as Schema) as RequestBody | undefined);
  responses(docs, findings, name, base.responses as Record<string, Response>, revision.responses as Record<string, Response>);
}

/** Security requirements added or removed (an operation's own, or the document's with `prefix` api-global-security). */
export function securityChange(sink: ReturnType<typeof collector>, from: Record<string, string[]>[] | undefined, to: Record<string, string[]>[] | undefined, prefix: string): void {
  const names = (requirements: Record<string, string[]>[] | undefined) => new Set((requirements ?? []).map((requirement) => Object.keys(requirement).sort().join(" + ") || "(none)"));
  const [before, after] = [names(from), names(to)];
  for (const name of after) if (!before.has(name)) sink.add(`${prefix}-added`, `security requirement ${name} added`);
  for (const name of before) if (!after.has(name)) sink.add(`${prefix}-removed`, `security requirement ${name} removed`);
}

function parameters(docs: Docs, findings: Finding[], { name, base, revision, basePath, revisionPath }: OperationPair): void {
  const key = (parameter: Parameter) => `${parameter.in} ${parameter.in === "header" ? parameter.name.toLowerCase() : parameter.name}`;
  // Path-level parameters apply to every operation of the path; an operation's own parameter of the same name wins.
  const collect = (doc: unknown, item: Record<string, unknown>, operation: Operation) => {
    const all = [...((item.parameters as Parameter[] | undefined) ?? []), ...((operation.parameters as Parameter[] | undefined) ?? [])];
    return new Map(all.map((parameter) => deref(doc, parameter as Schema) as unknown as Parameter).filter(Boolean).map((parameter) => [key(parameter), parameter]));
  };
  const [before, after] = [collect(docs.base, basePath, base), collect(docs.revision, revisionPath, revision)];
  for (const [id, parameter] of after) {
    const sink = collector(findings, name, `parameter ${id}`);
    const old = before.get(id);
    if (!old) {
      if (parameter.in === "path") sink.add("new-request-path-parameter", "path parameter added");
      else if (parameter.required) sink.add("new-required-request-parameter", "required parameter added");
      else sink.add("new-optional-request-parameter", "optional parameter added");
      continue;
    }
    if (Boolean(old.required) !== Boolean(parameter.required)) {
      sink.add(`request-parameter-became-${parameter.required ? "required" : "optional"}`, `became ${parameter.required ? "required" : "optional"}`, parameter.required ? "error" : "info");
    }
    if (Boolean(old.deprecated) !== Boolean(parameter.deprecated)) {
      sink.add(parameter.deprecated ? "request-parameter-deprecated" : "request-parameter-reactivated", parameter.deprecated ? "deprecated" : "no longer deprecated");
    }
    compareSchemas(docs, sink, { prefix: "request-parameter", stronglyTyped: false }, old.schema, parameter.schema);
  }
  for (const id of before.keys()) if (!after.has(id)) collector(findings, name, `parameter ${id}`).add("request-parameter-removed", "parameter removed", "warning");
}

function requestBody(docs: Docs, findings: Finding[], name: string, before: RequestBody | undefined, after: RequestBody | undefined): void {
  const sink = collector(findings, name, "request body");
  if (!before && !after) return;
  if (!before) return sink.add(after!.required ? "request-body-added-required" : "request-body-added-optional", `${after!.required ? "required" : "optional"} request body added`);
  if (!after) return sink.add("request-body-removed", "request body removed");
  if (Boolean(before.required) !== Boolean(after.required)) {
    sink.add(`request-body-became-${after.required ? "required" : "optional"}`, `became ${after.required ? "required" : "optional"}`);
  }
  mediaTypes(docs, findings, name, "request body", before.content ?? {}, after.content ?? {}, "request");
}

function responses(docs: Docs, findings: Finding[], name: string, before: Record<string, Response>, after: Record<string, Response>): void {
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
    const [from, to] = [deref(docs.base, before[status] as Schema) as Response, deref(docs.revision, after[status] as Schema) as Response];
    mediaTypes(docs, findings, name, where, from.content ?? {}, to.content ?? {}, "response");
    headers(docs, findings, name, where, from.headers ?? {}, to.headers ?? {});
  }
}

function mediaTypes(docs: Docs, findings: Finding[], name: string, where: string, before: MediaTypes, after: MediaTypes, side: "request" | "response"): void {
  const body = side === "request" ? "request-body" : "response";
  for (const type of Object.keys(after)) if (!(type in before)) collector(findings, name, `${where} ${type}`).add(`${body}-media-type-added`, `media type ${type} added`);
  for (const type of Object.keys(before)) {
    const sink = collector(findings, name, `${where} ${type}`);
    if (!(type in after)) {
      sink.add(`${body}-media-type-removed`, `media type ${type} removed`, "error");
      continue;
    }
    const [from, to] = [before[type]!.schema, after[type]!.schema];
    const prefix = `${side}-body`;
    if (!from && to) sink.add(`${prefix}-media-type-schema-added`, "a schema is now given", side === "request" ? "error" : "info");
    else if (from && !to) sink.add(`${prefix}-media-type-schema-removed`, "the schema was removed", side === "request" ? "info" : "warning");
    else compareSchemas(docs, sink, { prefix, stronglyTyped: isJson(type) }, from, to);
  }
}

function headers(docs: Docs, findings: Finding[], name: string, where: string, before: Record<string, Header>, after: Record<string, Header>): void {
  const lower = (all: Record<string, Header>, doc: unknown) => new Map(Object.entries(all).map(([header, value]) => [header.toLowerCase(), deref(doc, value as Schema) as Header]));
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
