// What the spec's examples always show, and which of it a live answer lacks. Every property of the vendor's schemas is
// optional, so an answer with a field renamed still validates; the examples say which fields are always there.
import { deref } from "../../core/openapi/refs";

type Json = unknown;
type Doc = { paths?: Record<string, Record<string, unknown>>; components?: Record<string, unknown> };

const isObject = (value: Json): value is Record<string, Json> => typeof value === "object" && value !== null && !Array.isArray(value);

/** The examples of one answer in the spec (`example`, each of `examples`, the schema's `example`), local $refs followed. */
export function examplesOf(spec: Doc, path: string, method: string, status: number): Json[] {
  const operation = resolve(spec, spec.paths?.[path]?.[method]) as { responses?: Record<string, unknown> } | undefined;
  const response = resolve(spec, operation?.responses?.[String(status)] ?? operation?.responses?.[`${String(status)[0]}XX`]) as
    | { content?: Record<string, { example?: Json; examples?: Record<string, unknown>; schema?: unknown }> }
    | undefined;
  const media = response?.content?.["application/json"];
  if (!media) return [];
  const found: Json[] = [];
  if (media.example !== undefined) found.push(media.example);
  for (const example of Object.values(media.examples ?? {})) {
    const value = (resolve(spec, example) as { value?: Json } | undefined)?.value;
    if (value !== undefined) found.push(value);
  }
  const schema = resolve(spec, media.schema) as { example?: Json } | undefined;
  if (found.length === 0 && schema?.example !== undefined) found.push(schema.example);
  return found;
}

/** Property paths (`credits`, `lots[].amount`) present in every example: in every object, and every array item. */
export function alwaysShown(examples: Json[], prefix = ""): string[] {
  if (examples.length === 0) return [];
  if (examples.every(isObject)) {
    const keys = Object.keys(examples[0]!).filter((key) => examples.every((example) => key in (example as object)));
    return keys.flatMap((key) => [`${prefix}${key}`, ...alwaysShown(examples.map((example) => (example as Record<string, Json>)[key]), `${prefix}${key}.`)]);
  }
  // An array of answers at the top has no property name to report: only properties inside objects are followed.
  if (examples.every(Array.isArray) && prefix !== "") return alwaysShown((examples as Json[][]).flat(), `${prefix.replace(/\.$/, "")}[].`);
  return [];
}

/** The paths an answer lacks, the outermost only (a missing object's own properties are not listed again). */
export function missingFrom(answer: Json, paths: string[]): string[] {
  const missing: string[] = [];
  for (const path of paths) {
    if (missing.some((outer) => path.startsWith(`${outer}.`) || path.startsWith(`${outer}[]`))) continue;
    if (!present(answer, path.split("."))) missing.push(path);
  }
  return missing;
}

function present(value: Json, segments: string[]): boolean {
  if (segments.length === 0) return true;
  const [head, ...rest] = segments as [string, ...string[]];
  const key = head.replace(/\[\]$/, "");
  if (!isObject(value) || !(key in value)) return false;
  const inner = value[key];
  if (!head.endsWith("[]")) return present(inner, rest);
  return Array.isArray(inner) && inner.every((item) => present(item, rest));
}

function resolve(spec: Doc, node: unknown): unknown {
  return deref(spec, node);
}
