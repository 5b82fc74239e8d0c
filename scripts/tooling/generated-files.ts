// Writing generated/ (all or nothing) and comparing it with what the spec produces now.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { renderGenerated } from "./codegen";
import { repoLabel } from "./paths";

/** Renders everything before writing anything: a bad spec throws and never touches `out`. */
export async function writeGenerated(spec: string, out: string): Promise<string[]> {
  return writeFilesAtomically(out, await renderGenerated(spec, repoLabel(spec)));
}

/** Each file is written to a temporary name and renamed over the old one, so none is ever half written. */
export function writeFilesAtomically(out: string, files: Map<string, string>): string[] {
  mkdirSync(out, { recursive: true });
  const staged: [string, string][] = [];
  try {
    for (const [name, text] of files) {
      const temporary = join(out, `.${name}.${process.pid}.tmp`);
      writeFileSync(temporary, text);
      staged.push([temporary, join(out, name)]);
    }
    // A rename within one directory is atomic: readers see the old file or the new one, never half.
    for (const [temporary, final] of staged) renameSync(temporary, final);
  } finally {
    for (const [temporary] of staged) rmSync(temporary, { force: true });
  }
  return [...files.keys()].map((name) => join(out, name));
}

/** The files of `out` that differ from, are missing from, or are not in what `spec` produces now. */
export async function findDrift(spec: string, out: string): Promise<{ drifted: string[]; expected: Map<string, string> }> {
  const expected = await renderGenerated(spec, repoLabel(spec));
  const present = existsSync(out) ? readdirSync(out).filter((name) => !name.startsWith(".")) : [];
  const stale = [...expected.keys()].filter(
    (name) => !existsSync(join(out, name)) || readFileSync(join(out, name), "utf8") !== expected.get(name),
  );
  const extra = present.filter((name) => !expected.has(name));
  return { drifted: [...stale, ...extra].map((name) => join(out, name)), expected };
}
