// The one-GET browser bundle of each contender (esbuild, minified, gzip level 9), and what ours is made of.
import { build } from "esbuild";
import ts from "typescript";
import { gzipSync } from "node:zlib";
import { REPO_ROOT } from "../scripts/tooling/paths";
import { CONTENDERS } from "./contenders";

export type SizeResult = { name: string; minified: number; gzip: number; inputs: Record<string, number>; code: string };

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
  return { name, minified: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength, inputs, code: Buffer.from(code).toString("utf8") };
}

/** The same one GET with the read-only client, which leaves the top-up, its Idempotency-Key and `raw` out. */
export const READ_ONLY_BUNDLE = "olostep-billing createCreditsClient() (read-only)";

export async function measureSize(): Promise<SizeResult[]> {
  const readOnly = `import { createCreditsClient } from "./src/index.ts"; createCreditsClient({ apiKey: "k" }).getCreditsInfo().then(console.log);`;
  const contenders = CONTENDERS.filter((c) => !c.name.includes("timeout signal")).map((c) => bundle(c.name, c.bundle));
  return Promise.all([...contenders, bundle(READ_ONLY_BUNDLE, readOnly)]);
}

/**
 * The gzip size of `code` with the text of every message emptied (string and template pieces holding two words in a
 * row): how small the bundle could get by cutting words alone, with all the code left as it is.
 */
export function gzipWithoutMessages(code: string): number {
  const source = ts.createSourceFile("bundle.js", code, ts.ScriptTarget.Latest, true);
  const cuts: { start: number; end: number; empty: string }[] = [];
  const visit = (node: ts.Node): void => {
    const literal = ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node);
    if (literal && /[a-z]{2,} [a-z]{2,}/i.test(node.text)) {
      const empty = ts.isTemplateHead(node) ? "`${" : ts.isTemplateMiddle(node) ? "}${" : ts.isTemplateTail(node) ? "}`" : ts.isStringLiteral(node) ? '""' : "``";
      cuts.push({ start: node.getStart(source), end: node.getEnd(), empty });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  let cut = code;
  for (const { start, end, empty } of cuts.sort((a, b) => b.start - a.start)) cut = cut.slice(0, start) + empty + cut.slice(end);
  return gzipSync(cut, { level: 9 }).byteLength;
}

/** The <olostep-credits> widget alone, as a page would load it. */
export const measureWidget = () => bundle("<olostep-credits> widget (olostep-billing/widget)", `import "./src/widget/index.ts";`);

/** Anything heavy that must never reach the client bundle. */
export const forbiddenInputs = (inputs: string[]) => inputs.filter((input) => /prism|ajv|src\/cli\/|mocks\/|^node:/.test(input));
