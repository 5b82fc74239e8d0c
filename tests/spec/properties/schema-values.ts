// Values built from a schema, as a caller who read only the spec would send them: one that the schema accepts (its
// example, its enum's first value, or the least value its type and bounds allow), and the text of a parameter that
// breaks it. For the property tests (operations generated here, and the Stripe corpus), so no value is typed by hand.
import { deref } from "../../../core/openapi/refs";

type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  example?: unknown;
  examples?: unknown[];
  default?: unknown;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  multipleOf?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  items?: Schema;
  minItems?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  nullable?: boolean;
};

export type { Schema };

/** The schema's type, one name (OpenAPI 3.1 may list several with "null"; the first other one is the one sent). */
export function typeOf(doc: unknown, schema: unknown): string | undefined {
  const node = deref<Schema>(doc, schema as Schema);
  if (!node) return undefined;
  if (Array.isArray(node.type)) return node.type.find((name) => name !== "null");
  if (node.type) return node.type;
  if (node.properties) return "object";
  if (node.items) return "array";
  const first = node.anyOf?.[0] ?? node.oneOf?.[0] ?? node.allOf?.[0];
  return first === undefined ? undefined : typeOf(doc, first);
}

const FORMATS: Record<string, string> = {
  date: "2026-01-02",
  "date-time": "2026-01-02T03:04:05Z",
  email: "team@example.com",
  uri: "https://example.com/a",
  url: "https://example.com/a",
  uuid: "5b1f2b7e-3c1a-4a8e-9d6e-1f2a3b4c5d6e",
  binary: "x",
  byte: "eA==",
};

/** A value the schema accepts. `depth` stops a recursive schema: an optional property is left out past a few levels. */
export function validValueOf(doc: unknown, schema: unknown, depth = 0): unknown {
  const node = deref<Schema>(doc, schema as Schema);
  if (!node) return null;
  if (node.example !== undefined) return node.example;
  if (Array.isArray(node.examples) && node.examples.length > 0) return node.examples[0];
  if (node.const !== undefined) return node.const;
  if (node.enum && node.enum.length > 0) return node.enum.find((value) => value !== null) ?? node.enum[0];
  if (node.default !== undefined) return node.default;
  if (node.allOf) return Object.assign({}, ...node.allOf.map((part) => validValueOf(doc, part, depth + 1)));
  const alternative = node.anyOf?.[0] ?? node.oneOf?.[0];
  if (alternative) return validValueOf(doc, alternative, depth + 1);
  switch (typeOf(doc, node)) {
    case "integer":
    case "number":
      return leastNumber(node);
    case "boolean":
      return true;
    case "string":
      return node.format && FORMATS[node.format] ? FORMATS[node.format] : "a".repeat(Math.max(1, node.minLength ?? 1));
    case "array":
      return Array.from({ length: Math.max(1, node.minItems ?? 1) }, () => validValueOf(doc, node.items ?? {}, depth + 1));
    case "object": {
      const required = new Set(node.required ?? []);
      const entries = Object.entries(node.properties ?? {}).filter(([name]) => required.has(name) || depth < 2);
      return Object.fromEntries(entries.map(([name, property]) => [name, validValueOf(doc, property, depth + 1)]));
    }
    default:
      return "a";
  }
}

/** The least value a numeric schema allows (its bounds, exclusive ones too, and multipleOf respected). */
function leastNumber(node: Schema): number {
  const step = node.multipleOf ?? 1;
  const exclusive = typeof node.exclusiveMinimum === "number" ? node.exclusiveMinimum : undefined;
  const floor = exclusive ?? node.minimum;
  if (floor === undefined) return node.maximum !== undefined && node.maximum < 1 ? node.maximum : 1;
  let value = Math.ceil(floor / step) * step;
  if (value === floor && (exclusive !== undefined || node.exclusiveMinimum === true)) value += step;
  return value;
}

/**
 * The text of a parameter that breaks its schema, when its type makes one certain: not a number for a number, not a
 * boolean for a boolean, a value outside the enum; undefined for a free string (any text is one).
 */
export function brokenTextOf(doc: unknown, schema: unknown): string | undefined {
  const node = deref<Schema>(doc, schema as Schema);
  if (!node) return undefined;
  if (node.enum && node.enum.length > 0 && node.enum.every((value) => typeof value === "string")) return "not-in-the-enum";
  switch (typeOf(doc, node)) {
    case "integer":
    case "number":
      return "ten";
    case "boolean":
      return "maybe";
    case "array":
      return node.items ? brokenTextOf(doc, node.items) : undefined;
    default:
      return undefined;
  }
}
