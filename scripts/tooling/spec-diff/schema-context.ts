// What each part of the schema comparison is handed: the two schemas at one place, the side that reads them, where
// findings go, and how to compare the schemas nested inside (schema-changes.ts walks them).
import type { Level, Sink } from "./findings";
import { OASDIFF_LEVELS } from "./oasdiff-levels";
import type { Schema } from "./schema-model";

/** The two documents (for $refs), the $ref pairs being compared (`seen`) and compared already (`done`) under one body or parameter, and today (YYYY-MM-DD, for sunsets). */
export type Docs = { base: unknown; revision: unknown; seen?: Set<string>; done?: Set<string>; today?: string };

/** Where a schema is used: the rule prefix, and whether values there are typed (JSON) or text (parameters, headers). */
export type Use = { prefix: string; stronglyTyped: boolean; /** A parameter's place (a header's object properties have rules of their own). */ parameterIn?: string };

export type Add = (rule: string, text: string, fallback: Level) => void;

export type Place = {
  docs: Docs;
  sink: Sink;
  use: Use;
  /** The two schemas with $ref followed and allOf folded in. */
  b: Schema;
  r: Schema;
  /** The two schemas as written ($ref and allOf kept), for composition. */
  rawBase: Schema | undefined;
  rawRevision: Schema | undefined;
  path: string;
  depth: number;
  request: boolean;
  add: Add;
  /** Compare two nested schemas, `keyword` (a path step) below this place, read by the same side. */
  walk(base: unknown, revision: unknown, step: string, prefix?: string): void;
  /** A level by the side's logic: narrowing hurts a request, widening hurts a response. */
  bySide(narrows: boolean): Level;
};

export const isRule = (id: string) => id in OASDIFF_LEVELS;

/** The prefix of the schemas inside one: a body's properties are request-property, a parameter's request-parameter-property. */
export function nested(prefix: string): string {
  if (prefix.endsWith("-body")) return prefix.replace(/-body$/, "-property");
  return prefix.endsWith("-property") ? prefix : `${prefix}-property`;
}

export const join = (path: string, name: string) => (path ? `${path}/${name}` : name);
export const show = (value: unknown) => JSON.stringify(value);
/** A value from the spec as text: strings as they are, anything else as JSON (template literals throw on some objects). */
export const text = (value: unknown): string => (typeof value === "string" ? value : (JSON.stringify(value) ?? "none"));
export const isSchema = (value: unknown): value is Schema => typeof value === "object" && value !== null && !Array.isArray(value);
export const isObject = (value: unknown): value is Record<string, unknown> => isSchema(value);
