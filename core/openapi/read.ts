// Reading a spec from a file or an http(s) URL: JSON, YAML, or one of the vendor's documentation pages (Markdown with
// the spec as a ```yaml block), at most MAX_SPEC_BYTES, then checked (check.ts). The one reader of spec text: the
// generator, spec:diff, spec:update, spec:pull and contract:live all read through here. Node only: the package itself
// never reads a spec file (the mocks use the spec bundled in generated/).
import { readFileSync, statSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { serverText } from "../untrusted-text.js";
import { checkSpec, SpecError } from "./check.js";
import type { OpenApiDocument } from "./document.js";

/** The vendor's billing spec is about 15 kB; a document of megabytes is not one. */
export const MAX_SPEC_BYTES = 5 * 1024 * 1024;
const FETCH_TIMEOUT_MS = 30_000;

/** The spec at `source` (a file, or an http(s) URL), checked; `shown` names it in messages (default: as given). */
export async function readSpecSource(source: string, shown: string = source): Promise<OpenApiDocument> {
  return parseSpecText(/^https?:\/\//.test(source) ? await fetchText(source) : readLocal(source, shown), shown);
}

/** A spec file, read at once (the generator's and the drift check's way: no network). */
export function readSpecFile(file: string, shown: string = file): OpenApiDocument {
  return parseSpecText(readLocal(file, shown), shown);
}

/**
 * A spec from its text: JSON, YAML, or one of the vendor's documentation pages in Markdown, whose "OpenAPI" section
 * holds the spec cut down to the page's operation as a ```yaml block (the form the seed of this repository has).
 */
export function parseSpecText(text: string, shown: string): OpenApiDocument {
  const block = /^(`{3,})ya?ml[^\n]*\n([\s\S]*?)\n\1\s*$/m.exec(text);
  const body = /^\s*[{[]/.test(text) || !block ? text : block[2]!;
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch (jsonError) {
    let yamlError: unknown;
    try {
      doc = parseYaml(body);
    } catch (error) {
      yamlError = error;
    }
    // Text that looks like JSON and is no YAML object either is judged as JSON: that error is the one to read.
    if (/^\s*[{[]/.test(body) && (yamlError !== undefined || typeof doc !== "object" || doc === null)) {
      throw new SpecError(`${shown}: is not valid JSON (${serverText((jsonError as Error).message)})`);
    }
    if (yamlError !== undefined) throw new SpecError(`${shown}: is neither JSON nor YAML (${serverText((yamlError as Error).message.split("\n")[0]!)})`);
  }
  return checkSpec(doc, shown);
}

function readLocal(file: string, shown: string): string {
  try {
    if (statSync(file).size > MAX_SPEC_BYTES) throw new SpecError(`${shown}: is larger than ${MAX_SPEC_BYTES} bytes, which no spec of this API is`);
    return readFileSync(file, "utf8");
  } catch (error) {
    if (error instanceof SpecError) throw error;
    throw new SpecError(`${shown}: cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  }
}

/** The body of an http(s) URL as text, at most MAX_SPEC_BYTES, within 30 s; a SpecError says why not. */
export async function fetchText(url: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), headers: { accept: "application/json, application/yaml;q=0.9, */*;q=0.1" } });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    throw new SpecError(`${url}: cannot be fetched (${serverText(String(cause))})`);
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new SpecError(`${url}: answered HTTP ${response.status}`);
  }
  const declared = Number(response.headers.get("content-length"));
  if (declared > MAX_SPEC_BYTES) {
    await response.body?.cancel();
    throw new SpecError(`${url}: is ${declared} bytes, larger than ${MAX_SPEC_BYTES}, which no spec of this API is`);
  }
  // Read at most the limit, whatever the headers claimed: a server may send no length, or lie.
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > MAX_SPEC_BYTES) {
      await response.body?.cancel().catch(() => undefined);
      throw new SpecError(`${url}: sent more than ${MAX_SPEC_BYTES} bytes, which no spec of this API is`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}
