// Prism checks a request body against its schema without the readOnly properties (the server's to send), and an answer
// without the writeOnly ones (the client's): such a property missing is no violation, at any depth and through $refs.
// The generated validators check the schema as written, so their `required` errors for those properties are dropped.
import type { Validate } from "../generated/validators.js";
import { deref } from "../core/openapi/refs.js";

type Schema = { properties?: Record<string, Schema>; items?: Schema | Schema[]; allOf?: Schema[]; readOnly?: boolean; writeOnly?: boolean; $ref?: string };

/** `validate`, its errors without the `required` ones for properties marked `marker` in `schema` (resolved in `spec`). */
export function ignoring(marker: "readOnly" | "writeOnly", validate: Validate | undefined, spec: unknown, schema: unknown): Validate | undefined {
  if (!validate) return undefined;
  const wrapped: Validate = (data) => {
    validate(data);
    const kept = (validate.errors ?? []).filter((error) => {
      const missing = error.keyword === "required" ? error.params.missingProperty : undefined;
      if (typeof missing !== "string") return true;
      return !markedAt(spec, schema, error.instancePath.split("/").filter(Boolean), missing, marker);
    });
    wrapped.errors = kept.length > 0 ? kept : null;
    return kept.length === 0;
  };
  return wrapped;
}

/** Whether `property` of the schema found at `path` (object properties and array items, allOf's parts) is marked. */
function markedAt(spec: unknown, node: unknown, path: string[], property: string, marker: "readOnly" | "writeOnly", depth = 0): boolean {
  const schema = deref(spec, node as Schema | undefined);
  if (!schema || depth > 64) return false;
  if ((schema.allOf ?? []).some((part) => markedAt(spec, part, path, property, marker, depth + 1))) return true;
  if (path.length === 0) return deref(spec, schema.properties?.[property])?.[marker] === true;
  const [head, ...rest] = path;
  const next = /^\d+$/.test(head!) && schema.items !== undefined ? (Array.isArray(schema.items) ? schema.items[Number(head)] : schema.items) : schema.properties?.[head!];
  return next !== undefined && markedAt(spec, next, rest, property, marker, depth + 1);
}
