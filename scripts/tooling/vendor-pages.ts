// The vendor's billing spec as it publishes it: each operation's reference page (Markdown) carries the spec cut down
// to that operation, and the pages together make the whole. Pages may share components; a component two pages give
// differently is a conflict, not something to guess about.
import { isDeepStrictEqual } from "node:util";
import { SpecError } from "../../core/openapi/check";
import { type OpenApiDocument } from "../../core/openapi/document";
import { fetchText, parseSpecText } from "../../core/openapi/read";

/** The vendor's reference pages of the two billing operations, in Markdown (the form the seed of this repository has). */
export const VENDOR_SPEC_PAGES = [
  "https://docs.olostep.com/api-reference/billing/credits-info.md",
  "https://docs.olostep.com/api-reference/billing/purchase-topup.md",
] as const;

/** Reads every source (a page, or a whole spec in JSON or YAML) and puts their operations and components together. */
export async function readVendorSpec(sources: readonly string[]): Promise<OpenApiDocument> {
  const parts = await Promise.all(sources.map(async (source) => parseSpecText(await fetchText(source), source)));
  return mergeParts(parts, sources);
}

export function mergeParts(parts: OpenApiDocument[], sources: readonly string[]): OpenApiDocument {
  const merged = structuredClone(parts[0]!);
  parts.slice(1).forEach((part, index) => {
    for (const [path, item] of Object.entries(part.paths)) merged.paths[path] = { ...merged.paths[path], ...structuredClone(item) };
    for (const [section, entries] of Object.entries(part.components ?? {})) {
      const target = ((merged.components ??= { schemas: {} }) as Record<string, Record<string, unknown>>)[section] ??= {};
      for (const [name, value] of Object.entries(entries as Record<string, unknown>)) {
        if (name in target && !isDeepStrictEqual(target[name], value)) {
          throw new SpecError(`${sources[index + 1]}: gives components.${section}.${name} differently from ${sources[0]}; the pages disagree`);
        }
        target[name] = structuredClone(value);
      }
    }
    const tags = (merged.tags ?? []) as { name: string }[];
    for (const tag of (part.tags ?? []) as { name: string }[]) if (!tags.some((known) => known.name === tag.name)) tags.push(tag);
    if (tags.length) merged.tags = tags;
  });
  return merged;
}
