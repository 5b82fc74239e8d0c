// What changed between two versions of the spec, judged from the client's side, oasdiff's way (README: "When the
// spec changes" says why this project keeps its own judgement). The one diff behind spec:diff, spec:update and spec:pull.
import type { OpenApiDocument, Operation } from "../../../core/openapi/document";
import { collector, sortFindings, type Finding } from "./findings";
import { dayOf, removalRule } from "./lifecycle";
import { compareOperation, securityChange } from "./operation-changes";
import { isObject, text } from "./schema-context";

export type { Finding, Level } from "./findings";
export { LEVELS } from "./findings";

/** `today` judges sunsets (x-sunset): a deprecated operation removed before its sunset breaks clients; after it, not. */
export type DiffOptions = { today?: Date };

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

type Entry = { name: string; path: string; item: Record<string, unknown>; operation: Operation };

/** Every operation, keyed by method and path with its parameter names blanked (oasdiff matches /a/{id} with /a/{key}). */
function operations(items: unknown, label = (method: string, path: string) => `${method.toUpperCase()} ${path}`): Map<string, Entry> {
  const found = new Map<string, Entry>();
  for (const [path, item] of Object.entries(isObject(items) ? items : {})) {
    if (!isObject(item)) continue;
    for (const method of METHODS) {
      if (!isObject(item[method])) continue;
      found.set(`${method} ${path.replace(/\{[^}]*\}/g, "{}")}`, { name: label(method, path), path, item, operation: item[method] as Operation });
    }
  }
  return found;
}

export function diffSpecs(base: OpenApiDocument, revision: OpenApiDocument, options: DiffOptions = {}): Finding[] {
  const findings: Finding[] = [];
  const today = dayOf(options.today ?? new Date());
  const docs = { base, revision, seen: new Set<string>(), today };
  compareItems(docs, findings, base.paths, revision.paths, "api");
  compareItems(docs, findings, base.webhooks, revision.webhooks, "webhook");
  documentChanges(base, revision, findings);
  return sortFindings(findings);
}

/** The operations of `paths` (or of `webhooks`): added, removed, or compared. */
function compareItems(docs: { base: OpenApiDocument; revision: OpenApiDocument; seen: Set<string>; today: string }, findings: Finding[], from: unknown, to: unknown, kind: "api" | "webhook"): void {
  const label = kind === "api" ? undefined : (method: string, path: string) => `webhook ${path} ${method.toUpperCase()}`;
  const [before, after] = [operations(from, label), operations(to, label)];
  const paths = new Set([...after.values()].map((entry) => entry.path.replace(/\{[^}]*\}/g, "{}")));
  for (const [key, entry] of after) {
    const old = before.get(key);
    if (!old) collector(findings, entry.name, "operation").add(kind === "api" ? "endpoint-added" : "webhook-added", `${kind === "api" ? "operation" : "webhook"} added`);
    else compareOperation(docs, findings, { name: entry.name, base: old.operation, revision: entry.operation, basePath: old.item, revisionPath: entry.item, baseTemplate: old.path, revisionTemplate: entry.path });
  }
  for (const [key, entry] of before) {
    if (after.has(key)) continue;
    const sink = collector(findings, entry.name, "operation");
    if (kind === "webhook") {
      sink.add("webhook-removed", "webhook removed");
      continue;
    }
    // The whole path gone, or one operation of a path that stays.
    const rule = removalRule(entry.operation, paths.has(entry.path.replace(/\{[^}]*\}/g, "{}")) ? "api" : "api-path", docs.today);
    if (rule) sink.add(rule, `operation removed${entry.operation.deprecated === true ? " (it was deprecated)" : ""}`);
  }
}

/** What applies to every operation: the servers (the client's default base URL is the first), global security, schemes. */
function documentChanges(base: OpenApiDocument, revision: OpenApiDocument, findings: Finding[]): void {
  const servers = collector(findings, "", "servers");
  const urls = (doc: OpenApiDocument) => (Array.isArray(doc.servers) ? doc.servers : []).map((server) => text(isObject(server) ? server.url : server));
  const [from, to] = [urls(base), urls(revision)];
  // oasdiff judges servers as deployment, not contract: information, though it moves a client that takes the default.
  if (from[0] !== to[0]) servers.add("api-default-server-changed", `the first server, the client's default base URL, changed from ${from[0] ?? "none"} to ${to[0] ?? "none"}`);
  for (const url of to) if (!from.includes(url)) servers.add("api-server-added", `server ${url} added`);
  for (const url of from) if (!to.includes(url)) servers.add("api-server-removed", `server ${url} removed`);
  securityChange(collector(findings, "", "security"), base.security, revision.security, "api-global-security");
  const schemes = (doc: OpenApiDocument) => (isObject(doc.components) && isObject(doc.components.securitySchemes) ? doc.components.securitySchemes : {}) as Record<string, { type?: string; scheme?: string }>;
  const [schemesBefore, schemesAfter] = [schemes(base), schemes(revision)];
  const sink = collector(findings, "", "components.securitySchemes");
  for (const name of Object.keys(schemesAfter)) {
    if (!(name in schemesBefore)) sink.add("api-security-component-added", `security scheme ${name} added`);
    else if (text(schemesBefore[name]?.type) !== text(schemesAfter[name]?.type) || text(schemesBefore[name]?.scheme) !== text(schemesAfter[name]?.scheme)) {
      sink.add("api-security-component-type-changed", `security scheme ${name} changed from ${text(schemesBefore[name]?.type)}/${text(schemesBefore[name]?.scheme ?? "")} to ${text(schemesAfter[name]?.type)}/${text(schemesAfter[name]?.scheme ?? "")}`);
    }
  }
  for (const name of Object.keys(schemesBefore)) if (!(name in schemesAfter)) sink.add("api-security-component-removed", `security scheme ${name} removed`);
}
