// The values a schema admits, named: enum values added and removed, a request that became an enum, x-extensible-enum
// values removed, const added, removed or changed, and defaults (information, except on an optional parameter, where
// oasdiff counts a new default as a change of behaviour for clients that omit it).
import { isObject, show, type Place } from "./schema-context";

/**
 * Enum values added and removed, as oasdiff counts them: an enum that appears adds its values (a request that became
 * an enum is its own rule), one that goes removes them.
 */
export function enumChange({ use, b, r, add, request }: Place): void {
  const [from, to] = [Array.isArray(b.enum) ? b.enum : undefined, Array.isArray(r.enum) ? r.enum : undefined];
  const { prefix } = use;
  if (!from && !to) return;
  const header = use.parameterIn === "header" && prefix === "request-parameter-property";
  if (!from && request) return add(header ? "request-header-property-became-enum" : `${prefix}-became-enum`, `became an enum: ${to!.map(show).join(", ")}`, "error");
  const key = (values: unknown[] | undefined) => new Set((values ?? []).map(show));
  const [before, after] = [key(from), key(to)];
  const removed = [...before].filter((value) => !after.has(value));
  const added = [...after].filter((value) => !before.has(value));
  if (removed.length) add(`${prefix}-enum-value-removed`, `enum value ${removed.join(", ")} removed${to ? "" : " (no longer an enum)"}`, request ? "error" : "info");
  // A client that switches over every value of a response enum meets one it does not know: oasdiff warns.
  if (added.length) add(`${prefix === "response-body" ? "response-property" : prefix}-enum-value-added`, `enum value ${added.join(", ")} added`, request ? "info" : "warning");
}

/** x-extensible-enum (Zalando's open enum): a value a request could send is gone. Added values break no one. */
export function extensibleEnumChange({ use, b, r, add, request }: Place): void {
  const [from, to] = [b["x-extensible-enum"], r["x-extensible-enum"]];
  if (!request || !Array.isArray(from) || !Array.isArray(to)) return;
  const removed = from.map(show).filter((value) => !to.map(show).includes(value));
  if (removed.length) add(`${use.prefix}-x-extensible-enum-value-removed`, `x-extensible-enum value ${removed.join(", ")} removed`, "error");
}

/** const: a request may send only the one value (narrower), a response promises it (a different one breaks readers). */
export function constChange({ use, b, r, add, bySide }: Place): void {
  if (!("const" in b) && !("const" in r)) return;
  if (show(b.const) === show(r.const) && "const" in b === "const" in r) return;
  if (!("const" in b)) return add(`${use.prefix}-const-added`, `const ${show(r.const)} added`, bySide(true));
  if (!("const" in r)) return add(`${use.prefix}-const-removed`, `const ${show(b.const)} removed`, bySide(false));
  add(`${use.prefix}-const-changed`, `const changed from ${show(b.const)} to ${show(r.const)}`, "error");
}

/** A default added, removed or changed: the parameter's own is judged with the parameter (operation-changes.ts). */
export function defaultChange({ use, b, r, add }: Place): void {
  if (use.prefix === "request-parameter" || show(b.default) === show(r.default)) return;
  const change = !("default" in b) ? "added" : !("default" in r) ? "removed" : "changed";
  add(`${use.prefix}-default-value-${change}`, `default ${change === "added" ? `${show(r.default)} added` : change === "removed" ? `${show(b.default)} removed` : `changed from ${show(b.default)} to ${show(r.default)}`}`, "info");
}

/** The discriminator: added, removed, its property renamed, its mapping grown, shrunk or redirected (information to oasdiff). */
export function discriminatorChange({ use, b, r, add }: Place): void {
  const [from, to] = [isObject(b.discriminator) ? b.discriminator : undefined, isObject(r.discriminator) ? r.discriminator : undefined];
  const rule = `${use.prefix}-discriminator`;
  if (!from && !to) return;
  if (!from) return add(`${rule}-added`, `discriminator added (${show(to!.propertyName)})`, "info");
  if (!to) return add(`${rule}-removed`, "discriminator removed", "info");
  if (from.propertyName !== to.propertyName) add(`${rule}-property-name-changed`, `discriminator property ${show(from.propertyName)} → ${show(to.propertyName)}`, "info");
  const [before, after] = [isObject(from.mapping) ? from.mapping : {}, isObject(to.mapping) ? to.mapping : {}];
  const added = Object.keys(after).filter((key) => !(key in before));
  const deleted = Object.keys(before).filter((key) => !(key in after));
  const changed = Object.keys(after).filter((key) => key in before && before[key] !== after[key]);
  if (added.length) add(`${rule}-mapping-added`, `discriminator mapping ${added.join(", ")} added`, "info");
  if (deleted.length) add(`${rule}-mapping-deleted`, `discriminator mapping ${deleted.join(", ")} deleted`, "info");
  for (const key of changed) add(`${rule}-mapping-changed`, `discriminator mapping ${key}: ${show(before[key])} → ${show(after[key])}`, "info");
}
