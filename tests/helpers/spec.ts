// The spec as tests read it: the same document Prism serves, never a copy typed into a test.
export { exampleOf, requestExampleOf, type OpenApiDocument as Spec, type ResponseObject } from "../../core/openapi/document";
export { loadSpec } from "../../core/openapi/bundled";
export { SPEC_FILE as SPEC_PATH } from "../../scripts/tooling/paths";

/**
 * The example object of a media type, to change in place: its `example`, else its first named `examples` value (the
 * form OpenAPI 3.1 specs favour), so a test's edit works on the spec whichever way it is written.
 */
export function exampleIn<T = Record<string, unknown>>(media: { example?: unknown; examples?: Record<string, { value: unknown }> } | undefined): T {
  const found = media?.example !== undefined ? media.example : Object.values(media?.examples ?? {})[0]?.value;
  if (found === undefined) throw new Error("the media type has no example");
  return found as T;
}
