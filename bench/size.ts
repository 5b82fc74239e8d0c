// Bundle size: our client and bare openapi-fetch, each bundled and minified for the browser by esbuild.
import { build } from "esbuild";
import { gzipSync } from "node:zlib";
import { resolve } from "node:path";
import { REPO_ROOT as REPO } from "../scripts/lib/paths";

export type SizeResult = { name: string; minified: number; gzip: number; inputs: string[] };


async function bundle(name: string, contents: string): Promise<SizeResult> {
  const result = await build({
    stdin: { contents, resolveDir: REPO, loader: "ts" },
    bundle: true,
    minify: true,
    platform: "browser",
    format: "esm",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const code = result.outputFiles[0]!.contents;
  return { name, minified: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength, inputs: Object.keys(result.metafile.inputs) };
}

export async function measureSize(): Promise<SizeResult[]> {
  return [
    await bundle("bare openapi-fetch", `import createClient from "openapi-fetch"; export const client = createClient({ baseUrl: "https://api.olostep.com" });`),
    await bundle("our client (olostep-billing)", `export * from "./src/index.ts";`),
  ];
}

/** Anything heavy that must never reach the client bundle. */
export const forbiddenInputs = (inputs: string[]) => inputs.filter((input) => /prism|ajv|src\/cli\/|mocks\/|^node:/.test(input));
