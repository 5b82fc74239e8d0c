// The seed check's comparisons, shared by tests/spec/seed-equality.test.ts (the repository as it stands) and the slow
// tests that run spec:update and spec:pull on a copy: a spec in words OpenAPI 3.0 and 3.1 share, and the places where
// one spec does not state another's nodes unchanged.
type Node = Record<string, unknown>;
const SCHEMA_MAPS = new Set(["properties", "patternProperties", "$defs", "dependentSchemas"]);
const SCHEMA_KEYS = new Set(["schema", "items", "additionalProperties", "not", "if", "then", "else", "contains", "propertyNames"]);

/**
 * A spec in words both 3.0 and 3.1 share, so that only what it says is compared: no `openapi` version; a schema's
 * `type` a list (with "null" for 3.0's `nullable`), its `example`s a list; a media type's examples a list of values.
 */
export function versionNeutral(doc: unknown): unknown {
  const visit = (node: unknown, where: "schema" | "media" | "other"): unknown => {
    if (typeof node !== "object" || node === null) return node;
    if (Array.isArray(node)) return node.map((item) => visit(item, where));
    const out: Node = {};
    for (const [key, value] of Object.entries(node as Node)) {
      if (where === "schema" && (key === "type" || key === "nullable" || key === "example" || key === "examples")) continue;
      if (where === "media" && (key === "example" || key === "examples")) continue;
      if (key === "enum" || key === "default" || key === "const") out[key] = value;
      else if (SCHEMA_MAPS.has(key) || (key === "schemas" && where === "other")) out[key] = Object.fromEntries(Object.entries(value as Node).map(([name, schema]) => [name, visit(schema, "schema")]));
      else if (SCHEMA_KEYS.has(key) || key === "allOf" || key === "oneOf" || key === "anyOf" || key === "prefixItems") out[key] = visit(value, "schema");
      else if (key === "content") out[key] = Object.fromEntries(Object.entries(value as Node).map(([type, media]) => [type, visit(media, "media")]));
      else out[key] = visit(value, where === "schema" ? "other" : where);
    }
    const object = node as Node;
    if (where === "schema") {
      if (object.type !== undefined) out.type = [...new Set([...[object.type].flat(), ...(object.nullable === true ? ["null"] : [])])];
      const examples = [...(object.example !== undefined ? [object.example] : []), ...((object.examples as unknown[] | undefined) ?? [])];
      if (examples.length) out.examples = examples;
    }
    if (where === "media") {
      const examples = [...(object.example !== undefined ? [object.example] : []), ...Object.values((object.examples as Record<string, { value?: unknown }> | undefined) ?? {}).map((named) => named.value)];
      if (examples.length) out.examples = examples;
    }
    return out;
  };
  const { openapi: _version, ...rest } = doc as Node;
  return visit(rest, "other");
}

/** One place where `spec` does not state a node of `stated` unchanged: its JSON pointer ("#/…") and what is wrong. */
export type Difference = { at: string; problem: string };

/**
 * Every node of `stated` must be in `spec` at the same place with the same value. Objects may gain keys (this
 * project's reading: a header, statuses); arrays and scalars must be equal as they stand.
 */
export function differencesAt(stated: unknown, spec: unknown, at = "#"): Difference[] {
  if (Array.isArray(stated)) {
    if (!Array.isArray(spec) || spec.length !== stated.length) return [{ at, problem: `expected an array of ${stated.length}` }];
    return stated.flatMap((item, i) => differencesAt(item, spec[i], `${at}/${i}`));
  }
  if (typeof stated === "object" && stated !== null) {
    if (typeof spec !== "object" || spec === null || Array.isArray(spec)) return [{ at, problem: "expected an object" }];
    return Object.entries(stated).flatMap(([key, value]) => {
      const here = `${at}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`;
      return key in spec ? differencesAt(value, (spec as Node)[key], here) : [{ at: here, problem: "missing" }];
    });
  }
  return Object.is(stated, spec) ? [] : [{ at, problem: `expected ${JSON.stringify(stated)}, found ${JSON.stringify(spec)}` }];
}

/** As differencesAt, one line each ("#/a/b: missing"), for a test's message. */
export function differences(stated: unknown, spec: unknown): string[] {
  return differencesAt(stated, spec).map(({ at, problem }) => `${at}: ${problem}`);
}

/**
 * The seed check from what the repository holds: every node of the vendor's first page (the seed) is in `spec`
 * unchanged, except where the vendor has changed it since, which the pin (the vendor's spec as last pulled or carried
 * by spec:update) shows by differing from the seed at the same place or above it. What is left is a change to the
 * vendor's words that neither spec:pull nor spec:update recorded.
 */
export function unrecordedChanges(seed: unknown, pin: unknown, spec: unknown): string[] {
  const moved = differencesAt(versionNeutral(seed), versionNeutral(pin)).map(({ at }) => at);
  return differencesAt(versionNeutral(seed), versionNeutral(spec))
    .filter(({ at }) => !moved.some((place) => at === place || at.startsWith(`${place}/`)))
    .map(({ at, problem }) => `${at}: ${problem}`);
}
