// A spec from a file or an http(s) URL, JSON or YAML (as the vendor's docs pages show it), bounded in size and checked
// before anything uses it: a SpecError names the source and says what is wrong, and nothing has been changed.
import { readFileSync, statSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { checkSpec, SpecError, type OpenApiDocument } from "./spec-file";

/** The vendor's billing spec is about 15 kB; a document of megabytes is not one. */
export const MAX_SPEC_BYTES = 5 * 1024 * 1024;
const FETCH_TIMEOUT_MS = 30_000;

export async function readSpecSource(source: string): Promise<OpenApiDocument> {
  return parseSpecText(/^https?:\/\//.test(source) ? await fetchText(source) : readLocal(source), source);
}

/**
 * A spec from its text: JSON, YAML, or one of the vendor's documentation pages in Markdown, whose "OpenAPI" section
 * holds the spec cut down to the page's operation as a ```yaml block (the form the seed of this repository has).
 */
export function parseSpecText(text: string, source: string): OpenApiDocument {
  const block = /^(`{3,})ya?ml[^\n]*\n([\s\S]*?)\n\1\s*$/m.exec(text);
  const body = /^\s*[{[]/.test(text) || !block ? text : block[2]!;
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch {
    try {
      doc = parseYaml(body);
    } catch (error) {
      throw new SpecError(`${source}: is neither JSON nor YAML (${(error as Error).message.split("\n")[0]})`);
    }
  }
  return checkSpec(doc, source);
}

function readLocal(file: string): string {
  try {
    if (statSync(file).size > MAX_SPEC_BYTES) throw new SpecError(`${file}: is larger than ${MAX_SPEC_BYTES} bytes, which no spec of this API is`);
    return readFileSync(file, "utf8");
  } catch (error) {
    if (error instanceof SpecError) throw error;
    throw new SpecError(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  }
}

/** The body of an http(s) URL as text, at most MAX_SPEC_BYTES, within 30 s; a SpecError says why not. */
export async function fetchText(url: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), headers: { accept: "application/json, application/yaml;q=0.9, */*;q=0.1" } });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    throw new SpecError(`${url}: cannot be fetched (${cause})`);
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
