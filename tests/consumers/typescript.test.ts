// The package's declarations as a TypeScript user meets them: TypeScript 5.9 and 7, an ES module (nodenext) and a
// CommonJS (node16) consumer, strict, skipLibCheck: false. A consumer of every entry point compiles clean; misuse is
// a compile error, so no type has silently become `any`. olostep-billing/msw's types are msw's own: under TypeScript 7
// with skipLibCheck: false, msw 2.11's own declarations have an error (in @mswjs/interceptors), and nothing else does.
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { PROJECT, TSC, WORK } from "./project";

const SETTINGS = {
  "ESM (nodenext)": { module: "nodenext", moduleResolution: "nodenext", extension: ".mts" },
  "CommonJS (node16)": { module: "node16", moduleResolution: "node16", extension: ".cts" },
} as const;

/** Compiles `source` (a file under types/) as a consumer would; resolves with tsc's output lines and exit code. */
async function compile(tsc: string, setting: (typeof SETTINGS)[keyof typeof SETTINGS], source: string, name: string, skipLibCheck = false) {
  const dir = join(WORK, "types", name);
  mkdirSync(dir, { recursive: true });
  const file = `consumer${setting.extension}`;
  let text = readFileSync(join(PROJECT, "types", source), "utf8");
  // CommonJS may take an ES module's types only with resolution-mode, as TypeScript asks of every such import.
  if (setting.extension === ".cts") text = text.replace(/(import type \{[^}]*\} from "olostep-billing\/widget");/, '$1 with { "resolution-mode": "import" };');
  writeFileSync(join(dir, file), text);
  const compilerOptions = { module: setting.module, moduleResolution: setting.moduleResolution, target: "ES2022", lib: ["ES2022", "DOM"], types: ["node"], typeRoots: [join(PROJECT, "node_modules", "@types")], strict: true, skipLibCheck, noEmit: true };
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, files: [file] }));
  const run = await promisify(execFile)(process.execPath, [tsc, "-p", join(dir, "tsconfig.json")], { cwd: PROJECT, encoding: "utf8" }).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
  );
  return { code: run.code, errors: run.stdout.split("\n").filter((line) => line.includes("error TS")) };
}

describe.each(Object.entries(TSC))("%s", (version, tsc) => {
  test.each(Object.entries(SETTINGS))("a %s consumer of every entry point compiles clean", async (setting, options) => {
    const result = await compile(tsc, options, "every-entry.ts", `${version}-${setting}-ok`.replace(/\W+/g, "-"));
    expect(result).toEqual({ code: 0, errors: [] });
  });

  test.each(Object.entries(SETTINGS))("in a %s consumer, an unknown path on raw, a string timeoutMs and a misspelt named answer are compile errors", async (setting, options) => {
    const result = await compile(tsc, options, "misuse.ts", `${version}-${setting}-misuse`.replace(/\W+/g, "-"));
    expect(result.code).not.toBe(0);
    expect(result.errors).toEqual([
      expect.stringMatching(/consumer\.[cm]ts\(6,\d+\): error TS2322: Type 'string' is not assignable to type 'number'/),
      expect.stringMatching(/consumer\.[cm]ts\(7,\d+\): error TS2345: Argument of type '"\/does-not-exist"' is not assignable/),
      expect.stringMatching(/consumer\.[cm]ts\(8,\d+\): error TS(2322|2820): Type '"credits_exhuasted"' is not assignable/),
    ]);
  });

  test.each(Object.entries(SETTINGS))("a %s consumer of olostep-billing/msw: no error of ours; with skipLibCheck, none at all", async (setting, options) => {
    const checked = await compile(tsc, options, "msw-entry.ts", `${version}-${setting}-msw`.replace(/\W+/g, "-"));
    expect(checked.errors.filter((line) => !line.startsWith("node_modules/@mswjs/"))).toEqual([]);
    const skipped = await compile(tsc, options, "msw-entry.ts", `${version}-${setting}-msw-skip`.replace(/\W+/g, "-"), true);
    expect(skipped).toEqual({ code: 0, errors: [] });
  });
});
