// oneOf, anyOf and allOf members added or removed, and additionalProperties closed or opened; members found in both
// versions (by $ref name, else by place) are compared like any nested schema.
import type { Level } from "./findings";
import type { Place } from "./schema-context";
import { refName, type Schema } from "./schema-model";

/** additionalProperties: `false` closes an object to keys it does not name; a schema there is walked like a property. */
export function additionalProperties({ use, b, r, add, request, walk }: Place): void {
  const [from, to] = [b.additionalProperties, r.additionalProperties];
  if ((from === false) !== (to === false)) {
    if (to === false) add(`${use.prefix}-additional-properties-forbidden`, "additionalProperties set to false: keys it does not name are refused", request ? "warning" : "info");
    else add(`${use.prefix}-additional-properties-allowed`, "additionalProperties allowed: objects may carry keys it does not name", "info");
  }
  if (typeof from === "object" && typeof to === "object") walk(from, to, "additionalProperties");
}

/** Members added and removed; `structure` false when a list of types or a oneOf wrapping already explains them. */
export function composition({ use, rawBase, rawRevision, add, request, walk }: Place, structure: boolean): void {
  const levels: Record<"oneOf" | "anyOf" | "allOf", [added: Level, removed: Level]> = {
    oneOf: request ? ["info", "error"] : ["error", "info"],
    anyOf: request ? ["info", "error"] : ["info", "info"],
    allOf: request ? ["error", "warning"] : ["info", "info"],
  };
  for (const keyword of ["oneOf", "anyOf", "allOf"] as const) {
    const list = (schema: Schema | undefined) => (Array.isArray(schema?.[keyword]) ? schema![keyword]! : []);
    const [from, to] = [list(rawBase), list(rawRevision)];
    if (from.length === 0 && to.length === 0) continue;
    const name = (member: Schema, index: number) => refName(member) ?? `#${index}`;
    const before = new Map(from.map((member, index) => [name(member, index), member]));
    const after = new Map(to.map((member, index) => [name(member, index), member]));
    const kebab = keyword.replace(/Of$/, "-of").toLowerCase();
    const added = [...after.keys()].filter((key) => !before.has(key));
    const removed = [...before.keys()].filter((key) => !after.has(key));
    if (structure && added.length) add(`${use.prefix}-${kebab}-added`, `${keyword} gained ${added.join(", ")}`, levels[keyword][0]);
    if (structure && removed.length) add(`${use.prefix}-${kebab}-removed`, `${keyword} lost ${removed.join(", ")}`, levels[keyword][1]);
    // allOf is folded into the schema itself, and compared there.
    if (keyword === "allOf") continue;
    for (const [key, member] of before) if (after.has(key)) walk(member, after.get(key), `${keyword}/${key}`, use.prefix);
  }
}
