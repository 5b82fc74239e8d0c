// One schema, two versions, judged from the side that reads it. A request is sent by the client: what the server
// accepts may grow, not shrink. A response is read by the client: what it may contain may shrink, not grow. So the
// same change (an enum value added, a bound raised, a type widened, `nullable` set) is harmless on one side and breaks
// the other, and each use of a shared component is judged by its own side. Rule ids follow oasdiff's naming: the
// prefix says where (request-body, request-property, request-parameter, response-body, response-property,
// response-header), the rest what changed. Like oasdiff, the schemas inside (items, properties, composition members,
// not, if/then/else, contains and the other 3.1 sub-schemas) are judged as properties of the same side.
import { ruled, type Level, type Sink } from "./findings";
import { additionalProperties, composition } from "./schema-composition";
import { isRule, isSchema, join, nested, text, type Docs, type Place, type Use } from "./schema-context";
import { bounds, pattern } from "./schema-bounds";
import { keywordChanges } from "./schema-keywords";
import { effective, typesOf, type Schema } from "./schema-model";
import { properties } from "./schema-properties";
import { listOfTypes, typeChange, wrappedInOneOf } from "./schema-types";
import { constChange, defaultChange, discriminatorChange, enumChange, extensibleEnumChange } from "./schema-values";

export type { Docs, Use } from "./schema-context";

/** Sub-schemas walked when both versions have them: single ones, then lists and maps by position or key. */
const SINGLE = ["items", "not", "if", "then", "else", "contains", "propertyNames", "unevaluatedItems", "unevaluatedProperties", "contentSchema"] as const;
const KEYED = ["prefixItems", "patternProperties", "dependentSchemas"] as const;

export function compareSchemas(docs: Docs, sink: Sink, use: Use, base: Schema | undefined, revision: Schema | undefined, path = "", depth = 0): void {
  if (!isSchema(base) || !isSchema(revision) || depth > 24) return;
  const b = effective(docs.base, base);
  const r = effective(docs.revision, revision);
  if (!isSchema(b) || !isSchema(r)) return;
  // A $ref pair is compared once under each body, parameter or header, where it first appears: a recursive schema (a
  // node whose children are nodes) stops where it meets itself (`seen`, the pairs on the way down), and components
  // that refer to each other many times over (a spec written to be slow) cost one walk each, not one per path (`done`).
  if (depth === 0) docs.done = new Set();
  const pair = base.$ref !== undefined && revision.$ref !== undefined ? `${use.prefix}|${text(base.$ref)}|${text(revision.$ref)}` : undefined;
  docs.seen ??= new Set();
  if (pair !== undefined && (docs.seen.has(pair) || docs.done?.has(pair))) return;
  if (pair !== undefined) docs.seen.add(pair);
  try {
    compareAt(docs, sink, use, base, revision, b, r, path, depth);
  } finally {
    if (pair !== undefined) docs.seen.delete(pair);
    if (pair !== undefined) docs.done?.add(pair);
  }
}

function compareAt(docs: Docs, sink: Sink, use: Use, base: Schema, revision: Schema, b: Schema, r: Schema, path: string, depth: number): void {
  const request = use.prefix.startsWith("request");
  const bySide = (narrows: boolean): Level => (request === narrows ? "error" : "info");
  // A client sends no read-only property: narrowing one asks nothing of it (oasdiff's request-read-only-property-… rules).
  const readOnly = request && use.prefix === "request-property" && r.readOnly === true;
  const add = (rule: string, text: string, fallback: Level) => {
    const variant = rule.replace(/^request-property-/, "request-read-only-property-");
    if (readOnly && variant !== rule && isRule(variant)) return sink.add(variant, path ? `${path}: ${text}` : text, fallback, path);
    if (readOnly && ruled(rule, fallback).level !== "info" && !/deprecat|sunset|stability/.test(rule)) return;
    sink.add(rule, path ? `${path}: ${text}` : text, fallback, path);
  };
  const walk = (from: unknown, to: unknown, step: string, prefix = nested(use.prefix)) => {
    if (isSchema(from) && isSchema(to)) compareSchemas(docs, sink, { ...use, prefix }, from, to, join(path, step), depth + 1);
  };
  const place: Place = { docs, sink, use, b, r, rawBase: base, rawRevision: revision, path, depth, request, add, walk, bySide };

  const moved = wrappedInOneOf(docs.revision, b, r);
  const wrapped = moved.length > 0;
  if (wrapped) add(/-body$/.test(use.prefix) ? `${use.prefix}-wrapped-in-one-of` : `${use.prefix}-one-of-added`, `wrapped in oneOf: ${moved.join(", ")} moved into its alternatives`, "error");
  const listed = !wrapped && listOfTypes(place);
  if (!wrapped && !listed) typeChange(place);
  nullable(place);
  enumChange(place);
  extensibleEnumChange(place);
  constChange(place);
  defaultChange(place);
  bounds(place);
  pattern(place);
  keywordChanges(place);
  discriminatorChange(place);
  additionalProperties(place);
  composition(place, !wrapped && !listed);
  properties(place, moved);
  for (const keyword of SINGLE) walk(b[keyword], r[keyword], keyword);
  for (const keyword of KEYED) {
    const [from, to] = [b[keyword], r[keyword]];
    if (!isSchema(from) && !Array.isArray(from)) continue;
    for (const key of Object.keys(from as object)) walk((from as Record<string, unknown>)[key], (to as Record<string, unknown> | undefined)?.[key], `${keyword}/${key}`);
  }
}

function nullable({ use, b, r, add, bySide }: Place): void {
  const [from, to] = [typesOf(b).nullable, typesOf(r).nullable];
  if (from === to) return;
  if (to) add(`${use.prefix}-became-nullable`, "became nullable", bySide(false));
  else add(`${use.prefix}-became-not-nullable`, "is no longer nullable", bySide(true));
}
