// The code blocks of the README and docs/, as the docs test reads them: the language and the words after it say how
// a block runs (`run=node`, `run=jest file=billing.test.js`, …), that it is `fragment` (shown, not run), or which
// output it must equal (`output=help`).
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

export type CodeBlock = { where: string; language: string; run?: string; output?: string; fragment: boolean; attributes: Record<string, string>; code: string };

/** README.md, CONTRIBUTING.md and every page of docs/ (not the generated API reference). */
export function documentationFiles(root: string): string[] {
  const docs = readdirSync(join(root, "docs")).filter((name) => name.endsWith(".md")).map((name) => join(root, "docs", name));
  return [join(root, "README.md"), join(root, "CONTRIBUTING.md"), ...docs];
}

export function codeBlocks(root: string): CodeBlock[] {
  return documentationFiles(root).flatMap((file) => blocksOf(readFileSync(file, "utf8"), relative(root, file)));
}

function blocksOf(text: string, name: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = text.split("\n");
  for (let index = 0; index < lines.length; index++) {
    const open = /^\s*(`{3,})(\S*)\s*(.*)$/.exec(lines[index]!);
    if (!open) continue;
    const [, fence, language, info] = open;
    const indent = lines[index]!.match(/^\s*/)![0].length;
    const start = index;
    const body: string[] = [];
    for (index++; index < lines.length && !new RegExp(`^\\s*${fence}\\s*$`).test(lines[index]!); index++) body.push(lines[index]!.slice(indent));
    const words = info!.split(/\s+/).filter(Boolean);
    const attributes = Object.fromEntries(words.filter((word) => word.includes("=")).map((word) => word.split(/=(.*)/s).slice(0, 2) as [string, string]));
    blocks.push({ where: `${name}:${start + 1}`, language: language!, run: attributes.run, output: attributes.output, fragment: words.includes("fragment"), attributes, code: `${body.join("\n")}\n` });
  }
  return blocks;
}
