// The JSON Schema keywords OpenAPI 3.1 brings, as oasdiff judges them: a sub-schema that constrains (contains, if,
// then, else, propertyNames, unevaluatedItems/Properties, contentSchema) added or removed, dependentRequired and
// dependentSchemas entries, patternProperties, prefixItems, contentMediaType and contentEncoding. Adding a constraint
// narrows what a request may send and what a response may return; removing one widens both. prefixItems is the
// exception oasdiff makes: more positional item schemas read as more a request may send.
import { isObject, show, type Place } from "./schema-context";

const SUBSCHEMAS = [
  ["contains", "contains"],
  ["if", "if"],
  ["then", "then"],
  ["else", "else"],
  ["propertyNames", "property-names"],
  ["unevaluatedItems", "unevaluated-items"],
  ["unevaluatedProperties", "unevaluated-properties"],
  ["contentSchema", "content-schema"],
] as const;

export function keywordChanges(place: Place): void {
  const { use, b, r, add, bySide } = place;
  const { prefix } = use;
  for (const [keyword, name] of SUBSCHEMAS) {
    const [was, is] = [b[keyword] !== undefined, r[keyword] !== undefined];
    if (was !== is) add(`${prefix}-${name}-${is ? "added" : "removed"}`, `${keyword} ${is ? "added" : "removed"}`, bySide(is));
  }
  for (const [keyword, name] of [["contentMediaType", "content-media-type"], ["contentEncoding", "content-encoding"]] as const) {
    if (b[keyword] !== r[keyword]) add(`${prefix}-${name}-changed`, `${keyword} ${show(b[keyword]) ?? "none"} → ${show(r[keyword]) ?? "none"}`, "error");
  }
  keyed(place, "dependentRequired", "dependent-required", true);
  keyed(place, "dependentSchemas", "dependent-schema", false);
  keyed(place, "patternProperties", "pattern-property", false);
  const [before, after] = [Array.isArray(b.prefixItems) ? b.prefixItems.length : 0, Array.isArray(r.prefixItems) ? r.prefixItems.length : 0];
  if (after > before) add(`${prefix}-prefix-items-added`, `${after - before} prefixItems added`, place.request ? "info" : "error");
  if (before > after) add(`${prefix}-prefix-items-removed`, `${before - after} prefixItems removed`, place.request ? "error" : "info");
}

/** A map keyword's entries added and removed (each a constraint), and, for dependentRequired, changed. */
function keyed({ use, b, r, add, bySide }: Place, keyword: string, name: string, changes: boolean): void {
  const [from, to] = [isObject(b[keyword]) ? b[keyword] : {}, isObject(r[keyword]) ? r[keyword] : {}];
  for (const key of Object.keys(to)) {
    if (!(key in from)) add(`${use.prefix}-${name}-added`, `${keyword} ${key} added`, bySide(true));
    else if (changes && show(from[key]) !== show(to[key])) add(`${use.prefix}-${name}-changed`, `${keyword} ${key}: ${show(from[key])} → ${show(to[key])}`, "error");
  }
  for (const key of Object.keys(from)) if (!(key in to)) add(`${use.prefix}-${name}-removed`, `${keyword} ${key} removed`, bySide(false));
}
