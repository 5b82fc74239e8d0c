// Deprecation, sunsets and stability as oasdiff reads them (its docs/DEPRECATION.md and docs/STABILITY.md): `x-sunset`
// is an RFC 3339 date (or date-time) after which a deprecated thing may go; `x-stability-level` is draft, alpha, beta or
// stable (none means stable), and only beta and stable ones are held to compatibility (oasdiff's default threshold).
import type { Level } from "./findings";

type Node = Record<string, unknown> | undefined;

export type Stability = { level?: "draft" | "alpha" | "beta" | "stable"; invalid?: true };
const LEVELS = ["draft", "alpha", "beta", "stable"] as const;

export function stabilityOf(node: Node): Stability {
  const value = node?.["x-stability-level"];
  if (value === undefined || value === null) return {};
  return LEVELS.includes(value as Stability["level"] & string) ? { level: value as Stability["level"] } : { invalid: true };
}

/** Whether a thing at this stability is held to compatibility: beta, stable, or none said. */
export const isChecked = (stability: Stability) => !stability.invalid && stability.level !== "draft" && stability.level !== "alpha";

/** The rank of a stability level (none is stable): a lower rank after the change is a decrease. */
export const rankOf = (stability: Stability) => LEVELS.indexOf(stability.level ?? "stable");

/** The sunset of a deprecated thing: none, a day (YYYY-MM-DD), or invalid. */
export function sunsetOf(node: Node): { day?: string; invalid?: true } | undefined {
  const value = node?.["x-sunset"];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") return { invalid: true };
  const day = /^(\d{4}-\d{2}-\d{2})(?:[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2}))?$/.exec(value)?.[1];
  const valid = day !== undefined && !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day);
  return valid ? { day } : { invalid: true };
}

export const dayOf = (date: Date) => date.toISOString().slice(0, 10);

/** The rule for removing an operation (`api-…`) or a whole path (`api-path-…`), or none when nothing breaks. */
export function removalRule(operation: Node, scope: "api" | "api-path", today: string): string | undefined {
  if (!isChecked(stabilityOf(operation))) return undefined;
  if (operation?.deprecated !== true) return `${scope}-removed-without-deprecation`;
  const sunset = sunsetOf(operation);
  if (!sunset) return `${scope}-removed-with-deprecation`;
  if (sunset.invalid) return "api-path-sunset-parse";
  return today < sunset.day! ? `${scope}-removed-before-sunset` : undefined;
}

/** The rule for removing a parameter, or none when its sunset has passed. */
export function parameterRemovalRule(parameter: Node, today: string): string | undefined {
  if (parameter?.deprecated !== true) return "request-parameter-removed";
  const sunset = sunsetOf(parameter);
  if (!sunset) return "request-parameter-removed-with-deprecation";
  if (sunset.invalid) return "request-parameter-sunset-parse";
  return today < sunset.day! ? "request-parameter-removed-before-sunset" : undefined;
}

type Add = (rule: string, text: string, fallback?: Level) => void;

/** A property deprecated or reactivated, and its own stability level moved (`side` is request or response). */
export function propertyLifecycle(side: "request" | "response", base: Node, revision: Node, today: string, add: Add): void {
  if ((base?.deprecated === true) !== (revision?.deprecated === true)) {
    if (revision?.deprecated !== true) add(`${side}-property-reactivated`, "no longer deprecated");
    else {
      const sunset = sunsetOf(revision);
      if (!sunset) add(`${side}-property-deprecated`, "deprecated");
      else if (sunset.invalid) add(`${side}-property-deprecated-sunset-invalid`, `deprecated with an x-sunset that is not a date: ${JSON.stringify(revision["x-sunset"])}`, "error");
      else if (sunset.day! < today) add(`${side}-property-sunset-date-too-small`, `deprecated with a sunset already past (${sunset.day})`, "error");
      else add(`${side}-property-deprecated-with-sunset`, `deprecated, sunset ${sunset.day}`);
    }
  }
  const [from, to] = [stabilityOf(base), stabilityOf(revision)];
  if (from.invalid || to.invalid || rankOf(from) === rankOf(to) || !isChecked(from)) return;
  const decreased = rankOf(to) < rankOf(from);
  add(`${side}-property-stability-${decreased ? "decreased" : "increased"}`, `stability ${from.level ?? "stable"} → ${to.level ?? "stable"}`, decreased ? "error" : "info");
}
