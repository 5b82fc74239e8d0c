// An operation's parameters between two versions: the path item's and the operation's own (which win), matched by
// place and name; path parameters by their position in the path, so /a/{id} → /a/{key} renames nothing away.
import type { Operation } from "../../../core/openapi/document";
import { collector, type Finding } from "./findings";
import { parameterRemovalRule } from "./lifecycle";
import { compareSchemas, type Docs } from "./schema-changes";
import { isObject, show } from "./schema-context";
import { deref, type Schema } from "./schema-model";

type Parameter = { name: string; in: string; required?: boolean; deprecated?: boolean; schema?: Schema; [key: string]: unknown };

export type ParameterPair = { name: string; base: Operation; revision: Operation; basePath: Record<string, unknown>; revisionPath: Record<string, unknown>; baseTemplate: string; revisionTemplate: string };

/** The parameters of one side, keyed so that the two sides meet: `query limit`, `header x-trace`, `path #0`. */
function collect(doc: unknown, item: Record<string, unknown>, operation: Operation, template: string): Map<string, Parameter> {
  const slots = [...template.matchAll(/\{([^}]*)\}/g)].map((match) => match[1]);
  const list = (value: unknown) => (Array.isArray(value) ? value : []);
  const key = (parameter: Parameter) => {
    if (parameter.in === "path" && slots.includes(parameter.name)) return `path #${slots.indexOf(parameter.name)}`;
    return `${parameter.in} ${parameter.in === "header" ? parameter.name.toLowerCase() : parameter.name}`;
  };
  const all = [...list(item.parameters), ...list(operation.parameters)].map((parameter) => deref(doc, parameter as Schema) as unknown as Parameter);
  return new Map(all.filter((parameter) => isObject(parameter) && typeof parameter.name === "string" && typeof parameter.in === "string").map((parameter) => [key(parameter), parameter]));
}

export function parameterChanges(docs: Docs & { today: string }, findings: Finding[], pair: ParameterPair): void {
  const before = collect(docs.base, pair.basePath, pair.base, pair.baseTemplate);
  const after = collect(docs.revision, pair.revisionPath, pair.revision, pair.revisionTemplate);
  for (const [id, parameter] of after) {
    const sink = collector(findings, pair.name, `parameter ${parameter.in} ${parameter.name}`);
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
    // A default on an optional parameter is what the server assumes when a client leaves it out: changing it changes
    // what those clients get (oasdiff: an error).
    const [from, to] = [deref(docs.base, old.schema), deref(docs.revision, parameter.schema)];
    if (!old.required && !parameter.required && isObject(from) && isObject(to) && show(from.default) !== show(to.default)) {
      const change = !("default" in from) ? "added" : !("default" in to) ? "removed" : "changed";
      sink.add(`request-parameter-default-value-${change}`, `default ${show(from.default) ?? "none"} → ${show(to.default) ?? "none"}`, "error");
    }
    compareSchemas(docs, sink, { prefix: "request-parameter", stronglyTyped: false, parameterIn: parameter.in }, old.schema, parameter.schema);
  }
  for (const [id, parameter] of before) {
    if (after.has(id)) continue;
    const rule = parameterRemovalRule(parameter, docs.today);
    if (rule) collector(findings, pair.name, `parameter ${parameter.in} ${parameter.name}`).add(rule, `parameter removed${parameter.deprecated ? " (it was deprecated)" : ""}`, "warning");
  }
}
