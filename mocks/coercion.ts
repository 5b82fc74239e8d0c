// Parameter and form values are text; Prism validates them with ajv's `coerceTypes: true`, which turns "10" into 10 for
// an integer schema before checking it. The MSW handlers' validators are ajv's standalone code compiled without
// coercion (they check answers too), so the same coercion is done here first, by ajv's rules, and the validator then
// finds what ajv would have found. Not followed: coercion inside anyOf/oneOf branches (ajv's own is order-dependent).
import { deref } from "../core/openapi/refs.js";

type Schema = {
  $ref?: string;
  type?: string | string[];
  nullable?: boolean;
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  items?: Schema | Schema[];
};

const COERCIBLE = ["string", "number", "integer", "boolean", "null"];

/** `value` coerced to `schema` (its `$ref`s resolved in `spec`), as ajv with `coerceTypes: true` would leave it. */
export function coerced(spec: unknown, schema: unknown, value: unknown, depth = 0): unknown {
  const node = deref(spec, schema as Schema | undefined);
  if (typeof node !== "object" || node === null || depth > 32) return value;
  let result = coerceScalar(typesOf(node), value);
  for (const part of node.allOf ?? []) result = coerced(spec, part, result, depth + 1);
  if (Array.isArray(result) && node.items !== undefined) {
    const items = node.items;
    result = result.map((item, index) => (Array.isArray(items) ? (index < items.length ? coerced(spec, items[index], item, depth + 1) : item) : coerced(spec, items, item, depth + 1)));
  } else if (typeof result === "object" && result !== null && !Array.isArray(result)) {
    const properties = node.properties ?? {};
    const extra = typeof node.additionalProperties === "object" ? node.additionalProperties : undefined;
    result = Object.fromEntries(
      Object.entries(result).map(([key, inner]) => {
        if (inner === undefined) return [key, inner];
        const own = Object.hasOwn(properties, key) ? properties[key] : extra;
        return [key, own === undefined ? inner : coerced(spec, own, inner, depth + 1)];
      }),
    );
  }
  return result;
}

/** The schema's types as ajv reads them: `type` (one or a list), plus null for OpenAPI 3.0's `nullable: true`. */
function typesOf(schema: Schema): string[] {
  const types = schema.type === undefined ? [] : [schema.type].flat();
  return schema.nullable === true && !types.includes("null") ? [...types, "null"] : types;
}

function matches(type: string, value: unknown): boolean {
  if (type === "null") return value === null;
  if (type === "array") return Array.isArray(value);
  if (type === "object") return typeof value === "object" && value !== null && !Array.isArray(value);
  if (type === "integer") return typeof value === "number" && Number.isFinite(value) && value % 1 === 0;
  if (type === "number") return typeof value === "number" && Number.isFinite(value);
  return typeof value === type;
}

/** ajv's coerceData: the first of the schema's coercible types that the value converts to, in the schema's order. */
function coerceScalar(types: string[], value: unknown): unknown {
  if (types.length === 0 || types.some((type) => matches(type, value))) return value;
  for (const type of types.filter((candidate) => COERCIBLE.includes(candidate))) {
    if (type === "string" && (typeof value === "number" || typeof value === "boolean")) return `${value}`;
    if (type === "string" && value === null) return "";
    const numeric = typeof value === "boolean" || value === null || (typeof value === "string" && value !== "" && Number(value) == (value as unknown as number));
    if (type === "number" && numeric) return Number(value);
    if (type === "integer" && numeric && Number(value) % 1 === 0) return Number(value);
    if (type === "boolean" && (value === "false" || value === 0 || value === null)) return false;
    if (type === "boolean" && (value === "true" || value === 1)) return true;
    if (type === "null" && (value === "" || value === 0 || value === false)) return null;
  }
  return value;
}
