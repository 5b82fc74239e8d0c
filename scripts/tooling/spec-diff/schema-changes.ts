// One schema, two versions, judged from the side that reads it. A request is sent by the client: what the server
// accepts may grow, not shrink. A response is read by the client: what it may contain may shrink, not grow. So the
// same change (an enum value added, a bound raised, a type widened, `nullable` set) is harmless on one side and breaks
// the other, and each use of a shared component is judged by its own side. Rule ids follow oasdiff's naming: the
// prefix says where (request-body, request-property, request-parameter, response-body, response-property,
// response-header), the rest what changed.
import type { Level, Sink } from "./findings";
import { OASDIFF_LEVELS } from "./oasdiff-levels";
import { deref, effective, refName, typesOf, type Schema } from "./schema-model";

/** The two documents (for $refs), and what was compared already (a recursive schema is walked once per pair). */
export type Docs = { base: unknown; revision: unknown; seen?: Set<string> };

/** Where a schema is used: the rule prefix, and whether values there are typed (JSON) or text (parameters, headers). */
export type Use = { prefix: string; stronglyTyped: boolean };

const BOUNDS = [
  ["max-length", "maxLength", "upper"],
  ["min-length", "minLength", "lower"],
  ["max", "maximum", "upper"],
  ["min", "minimum", "lower"],
  ["max-items", "maxItems", "upper"],
  ["min-items", "minItems", "lower"],
] as const;

/** The prefix of the schemas inside one: a body's properties are request-property, a parameter's request-parameter-property. */
function nested(prefix: string): string {
  if (prefix.endsWith("-body")) return prefix.replace(/-body$/, "-property");
  return prefix.endsWith("-property") ? prefix : `${prefix}-property`;
}

const join = (path: string, name: string) => (path ? `${path}/${name}` : name);
const show = (value: unknown) => JSON.stringify(value);

export function compareSchemas(docs: Docs, sink: Sink, use: Use, base: Schema | undefined, revision: Schema | undefined, path = "", depth = 0): void {
  const b = effective(docs.base, base);
  const r = effective(docs.revision, revision);
  if (!b || !r || depth > 24) return;
  const pair = `${use.prefix}|${path}|${base?.$ref ?? ""}|${revision?.$ref ?? ""}`;
  docs.seen ??= new Set();
  if (base?.$ref && revision?.$ref && docs.seen.has(pair)) return;
  docs.seen.add(pair);

  const { prefix } = use;
  const request = prefix.startsWith("request");
  /** A level by the side's logic: narrowing hurts a request, widening hurts a response. */
  const bySide = (narrows: boolean): Level => (request === narrows ? "error" : "info");
  const add = (rule: string, text: string, fallback: Level) => sink.add(rule, path ? `${path}: ${text}` : text, fallback);

  typeChange(use, b, r, add);
  const [bt, rt] = [typesOf(b), typesOf(r)];
  if (bt.nullable !== rt.nullable) {
    if (rt.nullable) add(`${prefix}-became-nullable`, "became nullable", bySide(false));
    else add(`${prefix}-became-not-nullable`, "is no longer nullable", bySide(true));
  }
  enumChange(prefix, request, b.enum, r.enum, add);
  for (const [name, keyword, bound] of BOUNDS) {
    const from = b[keyword];
    const to = r[keyword];
    if (from === to) continue;
    const change = from === undefined ? "set" : to === undefined ? "unset" : to > from ? "increased" : "decreased";
    const narrows = bound === "upper" ? change === "set" || change === "decreased" : change === "set" || change === "increased";
    // A lower bound that was not there was 0: setting one raises it (oasdiff names it so where it has no "-set" rule).
    const rule = change === "set" && bound === "lower" && !isRule(`${prefix}-${name}-set`) ? `${prefix}-${name}-increased` : `${prefix}-${name}-${change}`;
    add(rule, `${keyword} ${change === "set" ? `set to ${to}` : change === "unset" ? `${from} removed` : `${change} from ${from} to ${to}`}`, bySide(narrows));
  }
  if (b.pattern !== r.pattern) {
    const change = b.pattern === undefined ? "added" : r.pattern === undefined ? "removed" : "changed";
    const level: Level = request ? (change === "added" ? "error" : change === "changed" ? "warning" : "info") : "info";
    add(`${prefix}-pattern-${change}`, `pattern ${change}${r.pattern === undefined ? "" : `: ${r.pattern}`}`, level);
  }
  additionalProperties(docs, sink, use, b, r, path, depth, add);
  composition(docs, sink, use, deref(docs.base, base), deref(docs.revision, revision), path, depth, add);
  properties(docs, sink, use, b, r, path, depth, add);
  if (b.items || r.items) compareSchemas(docs, sink, { ...use, prefix: nested(prefix) }, b.items, r.items, join(path, "items"), depth + 1);
}

type Add = (rule: string, text: string, fallback: Level) => void;

const isRule = (id: string) => id in OASDIFF_LEVELS;

/** The type or format changed: a request may only accept more, a response may only return less (integer within number). */
function typeChange({ prefix, stronglyTyped }: Use, b: Schema, r: Schema, add: Add): void {
  const [from, to] = [typesOf(b).types, typesOf(r).types];
  const typeChanged = from.join() !== to.join();
  if (!typeChanged && b.format === r.format) return;
  const request = prefix.startsWith("request");
  // Going from the old schema to the new one: does every value of `narrow` fit `wide`?
  const fits = (narrow: Schema, wide: Schema) => typesFit(typesOf(narrow).types, typesOf(wide).types, stronglyTyped) && formatFits(narrow.format, wide.format, typesOf(wide).types);
  const label = (schema: Schema) => `${typesOf(schema).types.join(", ") || "any"}${schema.format ? `/${schema.format}` : ""}`;
  const text = `type changed from ${label(b)} to ${label(r)}`;
  if (request) {
    if (fits(b, r)) add(`${prefix}-type-generalized`, text, "info");
    else add(`${prefix}-type-changed`, text, "error");
  } else if (fits(r, b)) {
    add(`${prefix}-type-specialized`, text, "info");
  } else {
    add(fits(b, r) ? `${prefix}-type-generalized` : `${prefix}-type-changed`, text, "error");
  }
}

/** Every type in `narrow` is covered by one in `wide` (no type at all covers everything; text takes anything as string). */
function typesFit(narrow: string[], wide: string[], stronglyTyped: boolean): boolean {
  if (wide.length === 0) return true;
  if (!stronglyTyped && wide.length === 1 && wide[0] === "string") return true;
  return narrow.length > 0 && narrow.every((type) => wide.some((other) => other === type || (type === "integer" && other === "number")));
}

/** A format that holds every value of the other: none at all, the same, or a wider one (int32 in int64, date in date-time). */
function formatFits(narrow: string | undefined, wide: string | undefined, wideTypes: string[]): boolean {
  if (wide === undefined || narrow === wide) return true;
  const widening: Record<string, [string, string][]> = {
    number: [["float", "double"]],
    integer: [["int32", "int64"], ["int32", "bigint"], ["int64", "bigint"]],
    string: [["date", "date-time"], ["time", "date-time"]],
  };
  return (widening[wideTypes[0] ?? ""] ?? []).some(([from, to]) => from === narrow && to === wide);
}

/**
 * Enum values added and removed, as oasdiff counts them: an enum that appears adds its values (a request that became
 * an enum is its own rule), one that goes removes them.
 */
function enumChange(prefix: string, request: boolean, from: unknown[] | undefined, to: unknown[] | undefined, add: Add): void {
  if (!from && !to) return;
  if (!from && request) return add(`${prefix}-became-enum`, `became an enum: ${to!.map(show).join(", ")}`, "error");
  const key = (values: unknown[] | undefined) => new Set((values ?? []).map(show));
  const [before, after] = [key(from), key(to)];
  const removed = [...before].filter((value) => !after.has(value));
  const added = [...after].filter((value) => !before.has(value));
  if (removed.length) add(`${prefix}-enum-value-removed`, `enum value ${removed.join(", ")} removed${to ? "" : " (no longer an enum)"}`, request ? "error" : "info");
  // A client that switches over every value of a response enum meets one it does not know: oasdiff warns.
  if (added.length) add(`${prefix === "response-body" ? "response-property" : prefix}-enum-value-added`, `enum value ${added.join(", ")} added`, request ? "info" : "warning");
}

/** additionalProperties: `false` closes an object to keys it does not name; a schema there is walked like a property. */
function additionalProperties(docs: Docs, sink: Sink, use: Use, b: Schema, r: Schema, path: string, depth: number, add: Add): void {
  const [from, to] = [b.additionalProperties, r.additionalProperties];
  const request = use.prefix.startsWith("request");
  if ((from === false) !== (to === false)) {
    if (to === false) add(`${use.prefix}-additional-properties-forbidden`, "additionalProperties set to false: keys it does not name are refused", request ? "warning" : "info");
    else add(`${use.prefix}-additional-properties-allowed`, "additionalProperties allowed: objects may carry keys it does not name", "info");
  }
  if (typeof from === "object" || typeof to === "object") {
    compareSchemas(docs, sink, { ...use, prefix: nested(use.prefix) }, typeof from === "object" ? from : undefined, typeof to === "object" ? to : undefined, join(path, "additionalProperties"), depth + 1);
  }
}

/** oneOf, anyOf and allOf members added or removed; members found in both (by $ref name, else by place) are walked. */
function composition(docs: Docs, sink: Sink, use: Use, b: Schema | undefined, r: Schema | undefined, path: string, depth: number, add: Add): void {
  const request = use.prefix.startsWith("request");
  const levels: Record<"oneOf" | "anyOf" | "allOf", [added: Level, removed: Level]> = {
    oneOf: request ? ["info", "error"] : ["error", "info"],
    anyOf: request ? ["info", "error"] : ["info", "info"],
    allOf: request ? ["error", "warning"] : ["info", "info"],
  };
  for (const keyword of ["oneOf", "anyOf", "allOf"] as const) {
    const [from, to] = [b?.[keyword] ?? [], r?.[keyword] ?? []];
    if (from.length === 0 && to.length === 0) continue;
    const name = (member: Schema, index: number) => refName(member) ?? `#${index}`;
    const before = new Map(from.map((member, index) => [name(member, index), member]));
    const after = new Map(to.map((member, index) => [name(member, index), member]));
    const kebab = keyword.replace(/Of$/, "-of").toLowerCase();
    const added = [...after.keys()].filter((key) => !before.has(key));
    const removed = [...before.keys()].filter((key) => !after.has(key));
    if (added.length) add(`${use.prefix}-${kebab}-added`, `${keyword} gained ${added.join(", ")}`, levels[keyword][0]);
    if (removed.length) add(`${use.prefix}-${kebab}-removed`, `${keyword} lost ${removed.join(", ")}`, levels[keyword][1]);
    // allOf is folded into the schema itself, and compared there.
    if (keyword === "allOf") continue;
    for (const [key, member] of before) {
      if (after.has(key)) compareSchemas(docs, sink, use, member, after.get(key), join(path, `${keyword}/${key}`), depth + 1);
    }
  }
}

function properties(docs: Docs, sink: Sink, use: Use, b: Schema, r: Schema, path: string, depth: number, add: Add): void {
  if (!b.properties && !r.properties) return;
  const request = use.prefix.startsWith("request");
  const [before, after] = [b.properties ?? {}, r.properties ?? {}];
  const [wasRequired, isRequired] = [new Set(b.required ?? []), new Set(r.required ?? [])];
  const at = (name: string, rule: string, text: string, fallback: Level) => sink.add(rule, `${join(path, name)}: ${text}`, fallback);
  const own = (doc: unknown, schema: Schema | undefined) => effective(doc, schema) ?? {};
  for (const name of Object.keys(after)) {
    if (name in before) continue;
    const required = isRequired.has(name);
    const property = own(docs.revision, after[name]);
    // A client sends no read-only property and reads no write-only one.
    if (request && property.readOnly) continue;
    if (!request && property.writeOnly) continue;
    if (request) at(name, required ? "new-required-request-property" : "new-optional-request-property", `${required ? "required" : "optional"} property added`, required ? "error" : "info");
    else at(name, required ? "response-required-property-added" : "response-optional-property-added", `${required ? "required" : "optional"} property added`, "info");
  }
  for (const name of Object.keys(before)) {
    if (name in after) continue;
    if (request) at(name, "request-property-removed", "property removed", "warning");
    else at(name, wasRequired.has(name) ? "response-required-property-removed" : "response-optional-property-removed", `${wasRequired.has(name) ? "required" : "optional"} property removed`, wasRequired.has(name) ? "error" : "warning");
  }
  for (const name of Object.keys(after)) {
    if (!(name in before)) continue;
    const [was, is] = [wasRequired.has(name), isRequired.has(name)];
    if (was !== is) {
      const rule = `${request ? "request" : "response"}-property-became-${is ? "required" : "optional"}`;
      at(name, rule, `became ${is ? "required" : "optional"}`, request === is ? "error" : "info");
    }
    const [from, to] = [own(docs.base, before[name]), own(docs.revision, after[name])];
    const kind = is ? "required" : "optional";
    if (Boolean(from.readOnly) !== Boolean(to.readOnly)) {
      at(name, `${request ? "request" : "response"}-${kind}-property-became-${to.readOnly ? "" : "not-"}read-only`, `became ${to.readOnly ? "" : "not "}read-only`, "info");
    }
    if (Boolean(from.writeOnly) !== Boolean(to.writeOnly)) {
      const level: Level = !request && !to.writeOnly && is ? "warning" : "info";
      at(name, `${request ? "request" : "response"}-${kind}-property-became-${to.writeOnly ? "" : "not-"}write-only`, `became ${to.writeOnly ? "" : "not "}write-only`, level);
    }
    compareSchemas(docs, sink, { ...use, prefix: nested(use.prefix) }, before[name], after[name], join(path, name), depth + 1);
  }
}
