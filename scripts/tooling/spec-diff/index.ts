// What changed between two versions of the spec, judged from the client's side, oasdiff's way (README: "When the
// spec changes" says why this project keeps its own judgement). The one diff behind spec:diff, spec:update and spec:pull.
import { operationsOf, type OpenApiDocument } from "../../../mocks/openapi";
import { collector, sortFindings, type Finding } from "./findings";
import { compareOperation, securityChange } from "./operation-changes";

export type { Finding, Level } from "./findings";
export { LEVELS } from "./findings";

export function diffSpecs(base: OpenApiDocument, revision: OpenApiDocument): Finding[] {
  const findings: Finding[] = [];
  const docs = { base, revision, seen: new Set<string>() };
  const before = new Map(operationsOf(base).map((entry) => [entry.name, entry]));
  const after = new Map(operationsOf(revision).map((entry) => [entry.name, entry]));
  for (const [name, entry] of after) {
    const old = before.get(name);
    if (!old) collector(findings, name, "operation").add("endpoint-added", "operation added");
    else compareOperation(docs, findings, { name, path: entry.path, base: old.operation, revision: entry.operation, basePath: base.paths[entry.path]!, revisionPath: revision.paths[entry.path]! });
  }
  for (const [name, entry] of before) {
    if (after.has(name)) continue;
    const deprecated = entry.operation.deprecated === true;
    // The whole path gone, or one operation of a path that stays.
    const scope = revision.paths[entry.path] ? "api" : "api-path";
    collector(findings, name, "operation").add(`${scope}-removed-with${deprecated ? "" : "out"}-deprecation`, `operation removed${deprecated ? " (it was deprecated)" : ""}`);
  }
  documentChanges(base, revision, findings);
  return sortFindings(findings);
}

/** What applies to every operation: the servers (the client's default base URL is the first), global security, schemes. */
function documentChanges(base: OpenApiDocument, revision: OpenApiDocument, findings: Finding[]): void {
  const servers = collector(findings, "", "servers");
  const [from, to] = [(base.servers ?? []).map((server) => server.url), (revision.servers ?? []).map((server) => server.url)];
  // oasdiff judges servers as deployment, not contract: information, though it moves a client that takes the default.
  if (from[0] !== to[0]) servers.add("api-default-server-changed", `the first server, the client's default base URL, changed from ${from[0] ?? "none"} to ${to[0] ?? "none"}`);
  for (const url of to) if (!from.includes(url)) servers.add("api-server-added", `server ${url} added`);
  for (const url of from) if (!to.includes(url)) servers.add("api-server-removed", `server ${url} removed`);
  securityChange(collector(findings, "", "security"), base.security as Record<string, string[]>[] | undefined, revision.security as Record<string, string[]>[] | undefined, "api-global-security");
  const schemes = (doc: OpenApiDocument) => (doc.components?.securitySchemes ?? {}) as Record<string, { type?: string; scheme?: string }>;
  const [schemesBefore, schemesAfter] = [schemes(base), schemes(revision)];
  const sink = collector(findings, "", "components.securitySchemes");
  for (const name of Object.keys(schemesAfter)) {
    if (!(name in schemesBefore)) sink.add("api-security-component-added", `security scheme ${name} added`);
    else if (schemesBefore[name]!.type !== schemesAfter[name]!.type || schemesBefore[name]!.scheme !== schemesAfter[name]!.scheme) {
      sink.add("api-security-component-type-changed", `security scheme ${name} changed from ${schemesBefore[name]!.type}/${schemesBefore[name]!.scheme ?? ""} to ${schemesAfter[name]!.type}/${schemesAfter[name]!.scheme ?? ""}`);
    }
  }
  for (const name of Object.keys(schemesBefore)) if (!(name in schemesAfter)) sink.add("api-security-component-removed", `security scheme ${name} removed`);
}
