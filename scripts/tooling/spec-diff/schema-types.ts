// Type and format changes as oasdiff judges them (its checker/check_types.go): a request may accept more (generalized)
// but not less (changed), a response may return less (specialized) but not more; text (parameters, non-JSON bodies)
// takes anything as a string. A single type that becomes a oneOf/anyOf of plain types, or back, is a list of types
// widened or narrowed; a body whose properties move into oneOf alternatives is wrapped in oneOf.
import type { Place } from "./schema-context";
import { deref, typesOf, type Schema } from "./schema-model";

type TypeDiff = { added: string[]; deleted: string[] } | undefined;
type FormatDiff = { from: string; to: string } | undefined;

const isSubtype = (sub: string, sup: string) => sub === sup || (sub === "integer" && sup === "number");
const subset = (sub: string[], sup: string[]) => sub.length > 0 && sub.every((type) => sup.some((other) => isSubtype(type, other)));

function typeContained(to: string[], from: string[], stronglyTyped: boolean): boolean {
  if (to.length === 1 && from.length === 1 && isSubtype(from[0]!, to[0]!)) return true;
  return !stronglyTyped && (to.length === 0 || (to.length === 1 && to[0] === "string"));
}

function formatContained(types: string[], to: string, from: string): boolean {
  if (to === "") return true;
  if (types.length !== 1) return false;
  const widening: Record<string, string[]> = { number: ["float>double"], integer: ["int32>int64", "int32>bigint", "int64>bigint"], string: ["date>date-time", "time>date-time"] };
  return (widening[types[0]!] ?? []).includes(`${from}>${to}`);
}

function breaking(type: TypeDiff, format: FormatDiff, stronglyTyped: boolean, toTypes: string[], allowUntyped = true): boolean {
  if (allowUntyped && type && toTypes.length === 0) return false;
  return Boolean((type && !typeContained(type.added, type.deleted, stronglyTyped)) || (format && !formatContained(toTypes, format.to, format.from)));
}

export function typeChange({ use, b, r, add }: Place): void {
  const [from, to] = [typesOf(b).types, typesOf(r).types];
  const type: TypeDiff = from.join() === to.join() ? undefined : { added: to.filter((t) => !from.includes(t)), deleted: from.filter((t) => !to.includes(t)) };
  const formatOf = (schema: Schema) => (typeof schema.format === "string" ? schema.format : "");
  const format: FormatDiff = formatOf(b) === formatOf(r) ? undefined : { from: formatOf(b), to: formatOf(r) };
  if (!type && !format) return;
  const { prefix, stronglyTyped } = use;
  const label = (schema: Schema) => `${typesOf(schema).types.join(", ") || "any"}${formatOf(schema) ? `/${formatOf(schema)}` : ""}`;
  const text = `type changed from ${label(b)} to ${label(r)}`;
  const concrete = from.length > 0 && to.length > 0;
  let change: "changed" | "generalized" | "specialized" | "compatible";
  if (prefix === "request-parameter") change = breaking(type, format, false, to, false) ? "changed" : "generalized";
  else if (prefix === "request-parameter-property") {
    const [strong, loose] = [breaking(type, format, true, to, false), breaking(type, format, false, to, false)];
    change = strong !== loose ? "changed" : strong ? "specialized" : "generalized";
  } else if (prefix.startsWith("request")) {
    const widened = Boolean(type) && subset(from, to);
    change = breaking(widened ? undefined : type, format, stronglyTyped, to) ? "changed" : type && concrete && !widened ? "compatible" : "generalized";
  } else {
    const narrowed = Boolean(type) && subset(to, from);
    const reversed: TypeDiff = type && { added: type.deleted, deleted: type.added };
    const isBreaking = breaking(narrowed ? undefined : reversed, format && { from: format.to, to: format.from }, stronglyTyped, from);
    change = isBreaking ? (type && subset(from, to) ? "generalized" : "changed") : type && concrete && !narrowed ? "compatible" : "specialized";
  }
  const levels = { changed: "error", generalized: prefix.startsWith("request") ? "info" : "error", specialized: prefix.startsWith("request") ? "error" : "info", compatible: "info" } as const;
  add(`${prefix}-type-${change}`, text, levels[change]);
}

/** The types a schema admits as oasdiff's list-of-types reads it: one type, or a oneOf/anyOf of plain single types. */
function typePattern(doc: unknown, schema: Schema): { types: string[]; list: boolean } | undefined {
  if (schema.not || schema.allOf?.length || Object.keys(schema.properties ?? {}).length) return undefined;
  const listed = (Array.isArray(schema.type) ? schema.type : [schema.type]).filter((type): type is string => typeof type === "string");
  if (listed.length) return { types: [listed[0]!], list: false };
  for (const members of [schema.oneOf, schema.anyOf]) {
    if (!Array.isArray(members) || members.length === 0) continue;
    const types = members.map((member) => deref(doc, member)).map((member) => (member && typeof member.type === "string" && !member.properties && !member.oneOf && !member.anyOf && !member.allOf ? member.type : undefined));
    if (types.every(Boolean)) return { types: types as string[], list: true };
  }
  return undefined;
}

/** Reports a list of types widened or narrowed; returns whether it did (the raw type and oneOf/anyOf changes are its echo). */
export function listOfTypes({ docs, use, b, r, add }: Place): boolean {
  const [from, to] = [typePattern(docs.base, b), typePattern(docs.revision, r)];
  if (!from || !to || (!from.list && !to.list)) return false;
  const added = to.types.filter((type) => !from.types.includes(type));
  const deleted = from.types.filter((type) => !to.types.includes(type));
  if (!added.length && !deleted.length) return false;
  const request = use.prefix.startsWith("request");
  const narrowed = request ? deleted.length > 0 : added.length === 0;
  add(`${use.prefix}-list-of-types-${narrowed ? "narrowed" : "widened"}`, `types ${from.types.join(", ")} → ${to.types.join(", ")}`, request === narrowed ? "error" : "info");
  return true;
}

/** A concrete object became a oneOf of alternatives that hold its properties: the properties that moved, or none. */
export function wrappedInOneOf(doc: unknown, b: Schema, r: Schema): string[] {
  if (b.oneOf?.length || !Object.keys(b.properties ?? {}).length) return [];
  if (!r.oneOf?.length || Object.keys(r.properties ?? {}).length || typesOf(r).types.length) return [];
  const alternatives = r.oneOf.map((member) => deref(doc, member) ?? {});
  return Object.keys(b.properties!).filter((name) => alternatives.some((alternative) => name in (alternative.properties ?? {})));
}
