// The one-GET browser bundle of each contender (esbuild, minified, gzip level 9), and what ours is made of.
import { build } from "esbuild";
import { gzipSync } from "node:zlib";
import { REPO_ROOT } from "../scripts/tooling/paths";
import { CONTENDERS } from "./contenders";

export type SizeResult = { name: string; minified: number; gzip: number; inputs: Record<string, number> };

async function bundle(name: string, contents: string): Promise<SizeResult> {
  const result = await build({
    stdin: { contents, resolveDir: REPO_ROOT, loader: "ts" },
    bundle: true,
    minify: true,
    platform: "browser",
    format: "esm",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const code = result.outputFiles[0]!.contents;
  const output = Object.values(result.metafile.outputs)[0]!;
  const inputs = Object.fromEntries(Object.entries(output.inputs).map(([file, { bytesInOutput }]) => [file, bytesInOutput]));
  return { name, minified: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength, inputs };
}

export async function measureSize(): Promise<SizeResult[]> {
  return Promise.all(CONTENDERS.filter((c) => !c.name.includes("timeout signal")).map((c) => bundle(c.name, c.bundle)));
}

/** The <olostep-credits> widget alone, as a page would load it. */
export const measureWidget = () => bundle("<olostep-credits> widget (olostep-billing/widget)", `import "./src/widget/index.ts";`);

/** Anything heavy that must never reach the client bundle. */
export const forbiddenInputs = (inputs: string[]) => inputs.filter((input) => /prism|ajv|src\/cli\/|mocks\/|^node:/.test(input));
