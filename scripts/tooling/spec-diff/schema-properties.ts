// An object's properties between two versions: added, removed, made required or optional, read-only or write-only,
// deprecated; each kept property is compared as a nested schema. A client sends no read-only property and reads no
// write-only one, so those are not judged on that side.
import type { Level } from "./findings";
import { propertyLifecycle } from "./lifecycle";
import { isObject, join, type Place } from "./schema-context";
import { effective, type Schema } from "./schema-model";

export function properties({ docs, sink, use, b, r, path, request, walk }: Place, moved: string[]): void {
  const asMap = (value: unknown) => (isObject(value) ? value : {}) as Record<string, Schema>;
  const [before, after] = [asMap(b.properties), asMap(r.properties)];
  if (!Object.keys(before).length && !Object.keys(after).length) return;
  const list = (value: unknown) => new Set(Array.isArray(value) ? (value as string[]) : []);
  const [wasRequired, isRequired] = [list(b.required), list(r.required)];
  const at = (name: string, rule: string, text: string, fallback: Level) => sink.add(rule, `${join(path, name)}: ${text}`, fallback, join(path, name));
  const own = (doc: unknown, schema: Schema | undefined) => effective(doc, schema) ?? {};
  const side = request ? "request" : "response";
  // An object sent in a header: its properties have rules of their own in oasdiff.
  const header = use.parameterIn === "header" && use.prefix.startsWith("request-parameter");
  for (const name of Object.keys(after)) {
    if (name in before) continue;
    const required = isRequired.has(name);
    const property = own(docs.revision, after[name]);
    if (request && property.readOnly) continue;
    if (!request && property.writeOnly) continue;
    if (!request) at(name, required ? "response-required-property-added" : "response-optional-property-added", `${required ? "required" : "optional"} property added`, "info");
    else if (!required) at(name, "new-optional-request-property", "optional property added", "info");
    else if (header) at(name, "new-required-request-header-property", "required property added", "error");
    else at(name, property.default === undefined ? "new-required-request-property" : "new-required-request-property-with-default", "required property added", "error");
  }
  for (const name of Object.keys(before)) {
    if (name in after || moved.includes(name)) continue;
    const property = own(docs.base, before[name]);
    if (request && property.readOnly) continue;
    if (request) at(name, "request-property-removed", "property removed", "warning");
    else if (wasRequired.has(name)) at(name, property.writeOnly ? "response-required-write-only-property-removed" : "response-required-property-removed", "required property removed", property.writeOnly ? "info" : "error");
    else at(name, property.writeOnly ? "response-optional-write-only-property-removed" : "response-optional-property-removed", "optional property removed", property.writeOnly ? "info" : "warning");
  }
  for (const name of Object.keys(after)) {
    if (!(name in before)) continue;
    const [was, is] = [wasRequired.has(name), isRequired.has(name)];
    const [from, to] = [own(docs.base, before[name]), own(docs.revision, after[name])];
    // A read-only property is not sent: requiring it asks nothing more of a client.
    if (was !== is && !(request && to.readOnly)) {
      // A write-only property is not read: whether a response carries it asks nothing of a client.
      const rule = header && is ? "request-header-property-became-required" : !request && to.writeOnly ? `response-write-only-property-became-${is ? "required" : "optional"}` : `${side}-property-became-${is ? "required" : "optional"}${request && is && to.default !== undefined ? "-with-default" : ""}`;
      at(name, rule, `became ${is ? "required" : "optional"}`, request === is && !(!request && to.writeOnly) ? "error" : "info");
    }
    const kind = is ? "required" : "optional";
    if (Boolean(from.readOnly) !== Boolean(to.readOnly)) {
      at(name, `${side}-${kind}-property-became-${to.readOnly ? "" : "not-"}read-only`, `became ${to.readOnly ? "" : "not "}read-only`, "info");
    }
    if (Boolean(from.writeOnly) !== Boolean(to.writeOnly)) {
      const level: Level = !request && !to.writeOnly && is ? "warning" : "info";
      at(name, `${side}-${kind}-property-became-${to.writeOnly ? "" : "not-"}write-only`, `became ${to.writeOnly ? "" : "not "}write-only`, level);
    }
    if (/^(request|response)-(body|property)/.test(use.prefix)) {
      propertyLifecycle(side, from, to, docs.today ?? "", (rule, text, fallback) => at(name, rule, text, fallback ?? "info"));
    }
    walk(before[name], after[name], name);
  }
}
