// One operation, two versions: its life (deprecation, sunset, stability), operationId, tags, security, parameters,
// request body and responses. Parameters, bodies and responses have files of their own.
import type { Operation } from "../../../core/openapi/document";
import { collector, type Finding } from "./findings";
import { operationLifecycle } from "./operation-lifecycle";
import { parameterChanges, type ParameterPair } from "./parameter-changes";
import { requestBody, responses } from "./response-changes";
import type { Docs } from "./schema-changes";
import { show, text } from "./schema-context";

export type OperationPair = ParameterPair;

export function compareOperation(docs: Docs & { today: string }, findings: Finding[], pair: OperationPair): void {
  const { name, base, revision } = pair;
  const sink = collector(findings, name, "operation");
  if (!operationLifecycle(sink, base, revision, docs.today)) return;
  if (show(base.operationId) !== show(revision.operationId)) {
    // oasdiff reports a changed operationId as the old one removed.
    const rule = base.operationId === undefined || base.operationId === "" ? "api-operation-id-added" : "api-operation-id-removed";
    sink.add(rule, `operationId ${text(base.operationId ?? "none")} → ${text(revision.operationId ?? "none")}`);
  }
  const tags = (operation: Operation) => (Array.isArray(operation.tags) ? (operation.tags as unknown[]).map(text) : []);
  const [tagsBefore, tagsAfter] = [tags(base), tags(revision)];
  for (const tag of tagsAfter) if (!tagsBefore.includes(tag)) sink.add("api-tag-added", `tag ${tag} added`);
  for (const tag of tagsBefore) if (!tagsAfter.includes(tag)) sink.add("api-tag-removed", `tag ${tag} removed`);
  securityChange(collector(findings, name, "security"), base.security, revision.security, "api-security");
  parameterChanges(docs, findings, pair);
  requestBody(docs, findings, name, base.requestBody, revision.requestBody);
  responses(docs, findings, name, base.responses, revision.responses);
}

/** Security requirements added or removed (an operation's own, or the document's with `prefix` api-global-security). */
export function securityChange(sink: ReturnType<typeof collector>, from: unknown, to: unknown, prefix: string): void {
  const names = (requirements: unknown) =>
    new Set((Array.isArray(requirements) ? requirements : []).map((requirement) => Object.keys(typeof requirement === "object" && requirement !== null ? requirement : {}).sort().join(" + ") || "(none)"));
  const [before, after] = [names(from), names(to)];
  for (const name of after) if (!before.has(name)) sink.add(`${prefix}-added`, `security requirement ${name} added`);
  for (const name of before) if (!after.has(name)) sink.add(`${prefix}-removed`, `security requirement ${name} removed`);
}
