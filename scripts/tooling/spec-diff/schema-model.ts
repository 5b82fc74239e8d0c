// Schemas as the diff compares them: $refs followed (local ones: the vendor ships one file), allOf folded into one
// schema, and the few facts a rule reads (types with `nullable`, bounds) read one way for OpenAPI 3.0 and 3.1 alike.
import { deref as followRefs } from "../../../core/openapi/refs";

export type Schema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  nullable?: boolean;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  additionalProperties?: boolean | Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  pattern?: string;
  readOnly?: boolean;
  writeOnly?: boolean;
  maxLength?: number;
  minLength?: number;
  maximum?: number;
  minimum?: number;
  maxItems?: number;
  minItems?: number;
  [keyword: string]: unknown;
};

const isObject = (value: unknown): value is Schema => typeof value === "object" && value !== null && !Array.isArray(value);

/** The schema a $ref (or a chain of them) points to; a ref that points nowhere (or at no object) reads as no schema at all. */
export const deref = (doc: unknown, schema: Schema | undefined): Schema | undefined => followRefs<Schema>(doc, schema);

/** The schema with its $ref followed and its allOf members folded in: what a value must satisfy, as one schema. */
export function effective(doc: unknown, schema: Schema | undefined, folding: ReadonlySet<unknown> = new Set()): Schema | undefined {
  const own = deref(doc, schema);
  if (!isObject(own) || !Array.isArray(own.allOf) || folding.has(own) || folding.size > 32) return own;
  // Folded once per schema object: allOf members that share members (two refs per level) would otherwise fold 2^depth times.
  const cached = FOLDED.get(own);
  if (cached) return cached;
  // A member that is being folded already (allOf: [$ref: itself]) adds nothing more.
  const inside = new Set([...folding, own]);
  const { allOf, ...rest } = own;
  const parts = [...allOf.map((member) => (inside.has(deref(doc, member)) ? {} : (effective(doc, member, inside) ?? {}))), rest];
  const folded: Schema = {};
  for (const part of parts) {
    if (!isObject(part)) continue;
    for (const [keyword, value] of Object.entries(part)) {
      if (keyword === "properties" && isObject(value)) folded.properties = { ...folded.properties, ...(value as Record<string, Schema>) };
      else if (keyword === "required" && Array.isArray(value)) folded.required = [...new Set([...(folded.required ?? []), ...value])];
      else if (value !== undefined) folded[keyword] = value;
    }
  }
  FOLDED.set(own, folded);
  return folded;
}

const FOLDED = new WeakMap<Schema, Schema>();

/** The schema's types, `null` included when the schema is nullable (3.0's `nullable`, or 3.1's type list). */
export function typesOf(schema: Schema): { types: string[]; nullable: boolean } {
  const listed = (Array.isArray(schema.type) ? schema.type : [schema.type]).filter((type): type is string => typeof type === "string");
  return { types: listed.filter((type) => type !== "null").sort(), nullable: schema.nullable === true || listed.includes("null") };
}

/** The name a $ref gives a schema (`CreditsBreakdownItem`), to pair the members of oneOf and anyOf across versions. */
export function refName(schema: Schema | undefined): string | undefined {
  return typeof schema?.$ref === "string" ? schema.$ref.split("/").pop() : undefined;
}
