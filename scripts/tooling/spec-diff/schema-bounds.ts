// Bounds and patterns, oasdiff's way: a bound lowered, raised, set or removed (minimum and maximum, their exclusive
// forms as 3.1 numbers or 3.0 booleans, lengths, item counts) and a pattern added, changed, widened to `.*` or removed.
import type { Level } from "./findings";
import { isRule, show, text, type Place } from "./schema-context";

const BOUNDS = [
  ["max-length", "maxLength", "upper"],
  ["min-length", "minLength", "lower"],
  ["max", "maximum", "upper"],
  ["min", "minimum", "lower"],
  ["max-items", "maxItems", "upper"],
  ["min-items", "minItems", "lower"],
  ["max-contains", "maxContains", "upper"],
  ["min-contains", "minContains", "lower"],
] as const;

const isNumber = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);

export function bounds({ use, b, r, add, bySide }: Place): void {
  const { prefix } = use;
  for (const [name, keyword, bound] of BOUNDS) {
    const [from, to] = [isNumber(b[keyword]) ? b[keyword] : undefined, isNumber(r[keyword]) ? r[keyword] : undefined];
    if (from === to) continue;
    const change = from === undefined ? "set" : to === undefined ? "unset" : to > from ? "increased" : "decreased";
    const narrows = bound === "upper" ? change === "set" || change === "decreased" : change === "set" || change === "increased";
    // A lower bound that was not there was 0: setting one raises it (oasdiff names it so where it has no "-set" rule).
    const rule = change === "set" && bound === "lower" && !isRule(`${prefix}-${name}-set`) ? `${prefix}-${name}-increased` : `${prefix}-${name}-${change}`;
    add(rule, `${keyword} ${change === "set" ? `set to ${to}` : change === "unset" ? `${from} removed` : `${change} from ${from} to ${to}`}`, bySide(narrows));
  }
  exclusive(use.prefix, "min", b.exclusiveMinimum, r.exclusiveMinimum, add, bySide);
  exclusive(use.prefix, "max", b.exclusiveMaximum, r.exclusiveMaximum, add, bySide);
}

/**
 * exclusiveMinimum / exclusiveMaximum: a number in 3.1, a flag on minimum / maximum in 3.0. oasdiff compares the value
 * either way: one that appears is "set"; two numbers are increased or decreased; two flags compare as neither, which
 * its checks read as a minimum "decreased" and a maximum "increased" (both harmless).
 */
function exclusive(prefix: string, which: "min" | "max", from: unknown, to: unknown, add: Place["add"], bySide: Place["bySide"]): void {
  if (show(from) === show(to) || to === undefined) {
    if (from !== undefined && to === undefined) add(`${prefix}-exclusive-${which}-unset`, `exclusive${which === "min" ? "Minimum" : "Maximum"} ${text(from)} removed`, isNumber(from) ? bySide(false) : "info");
    return;
  }
  const keyword = `exclusive${which === "min" ? "Minimum" : "Maximum"}`;
  if (from === undefined) return add(`${prefix}-exclusive-${which}-set`, `${keyword} set to ${text(to)}`, bySide(true));
  // Flags in a response: oasdiff's response checks compare numbers only.
  if (!(isNumber(from) && isNumber(to)) && !prefix.startsWith("request")) return;
  const direction = isNumber(from) && isNumber(to) ? (to > from ? "increased" : "decreased") : which === "min" ? "decreased" : "increased";
  const narrows = which === "min" ? direction === "increased" : direction === "decreased";
  add(`${prefix}-exclusive-${which}-${direction}`, `${keyword} ${direction} from ${text(from)} to ${text(to)}`, isNumber(from) && isNumber(to) ? bySide(narrows) : "info");
}

export function pattern({ use, b, r, add, request }: Place): void {
  if (show(b.pattern) === show(r.pattern)) return;
  const change = b.pattern === undefined ? "added" : r.pattern === undefined ? "removed" : r.pattern === ".*" ? "generalized" : "changed";
  const level: Level = request ? (change === "added" ? "error" : change === "changed" ? "warning" : "info") : "info";
  add(`${use.prefix}-pattern-${change}`, `pattern ${change}${r.pattern === undefined ? "" : `: ${text(r.pattern)}`}`, level);
}
