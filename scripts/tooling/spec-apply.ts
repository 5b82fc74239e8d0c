// Puts a new version of the spec in place, all or nothing: Spectral must find no error in it and the generator must
// take it before anything is written; then the spec and generated/ are replaced, and the type check says what the
// change reaches. Behind spec:update and spec:pull.
import { spawnSync } from "node:child_process";
import { renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { renderGenerated } from "./codegen";
import { writeFilesAtomically } from "./generated-files";
import { lintErrors } from "./lint-spec";
import { GENERATED_DIR, REPO_ROOT, repoLabel } from "./paths";
import { diffSpecs, type Finding } from "./spec-diff";
import { forThisKit } from "./spec-diff/kit";
import { readSpecFile as readSpec } from "../../core/openapi/read";
import { SpecError } from "../../core/openapi/check";
import { type OpenApiDocument } from "../../core/openapi/document";
import { operationsOf } from "../../core/openapi/document";
import { withoutConvenienceMethod } from "../../src/internal/convenience-methods";

/** `withoutMethod`: the new spec's operations with no convenience method on the client yet (reached through `raw`). */
/** `typechecked`: whether the type check ran on what was written (it did not with --no-typecheck, or with --out elsewhere). */
export type Applied = { changed: false } | { changed: true; findings: Finding[]; typeErrors: string[]; typechecked: boolean; withoutMethod: string[] };

/** `source` names where the new spec came from, for messages. `typecheck`: run tsc once the files are in place. */
export async function applySpec(incoming: OpenApiDocument, options: { source: string; spec: string; out: string; typecheck: boolean; log(line: string): void }): Promise<Applied> {
  const { source, spec, out, log } = options;
  const current = readSpec(spec);
  if (isDeepStrictEqual(current, incoming)) return { changed: false };
  // Staged beside the spec, so that accepting it is one rename; removed on every way out.
  const staged = join(dirname(spec), `.incoming-${process.pid}.json`);
  writeFileSync(staged, `${JSON.stringify(incoming, null, 2)}\n`);
  let findings: Finding[];
  try {
    const problems = lintErrors(staged);
    if (problems.length > 0) throw new SpecError(`${source}: refused, Spectral finds ${problems.length} error(s), first: ${problems[0]}; nothing was changed`);
    log("valid OpenAPI 3, Spectral clean");
    const files = await renderGenerated(staged, repoLabel(spec));
    findings = forThisKit(diffSpecs(current, incoming));
    // generated/ first: a failure to write it (a bug, a full disk) leaves the spec as it was, and so no drift.
    writeFilesAtomically(out, files);
    renameSync(staged, spec);
    log(`wrote ${repoLabel(spec)} and regenerated ${repoLabel(out)}/`);
  } finally {
    rmSync(staged, { force: true });
  }
  const withoutMethod = withoutConvenienceMethod(operationsOf(incoming).map((entry) => entry.name));
  if (!options.typecheck) return { changed: true, findings, typeErrors: [], typechecked: false, withoutMethod };
  // tsc checks this repository against its own generated/: with --out elsewhere it would judge the old types and pass.
  if (resolve(out) !== GENERATED_DIR) {
    log(`no type check: it judges this repository's ${repoLabel(GENERATED_DIR)}/, and the new types went to ${repoLabel(out)}/`);
    return { changed: true, findings, typeErrors: [], typechecked: false, withoutMethod };
  }
  const result = spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", join(REPO_ROOT, "tsconfig.json")], { encoding: "utf8" });
  const typeErrors = result.status === 0 ? [] : result.stdout.split("\n").filter((line) => line.includes("error TS"));
  return { changed: true, findings, typeErrors, typechecked: true, withoutMethod };
}
