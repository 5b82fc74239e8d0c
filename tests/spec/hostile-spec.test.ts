// A spec nobody here wrote runs no code: each case of the hostile corpus (tests/fixtures/hostile-specs.ts) is either
// refused (exit 2, one line, nothing written) or rendered inert, and then the generated modules are loaded for real
// (transpiled as jest transpiles them, required by a fresh Node) and nothing of the spec's text has run.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ts from "typescript";
import { writeGenerated } from "../../scripts/tooling/generated-files";
import { diffSpecs } from "../../scripts/tooling/spec-diff";
import { markdownReport, textReport } from "../../scripts/tooling/spec-diff/report";
import { writeChangeset } from "../../scripts/tooling/changeset";
import { SpecError } from "../../core/openapi/check";
import { operationsOf } from "../../core/openapi/document";
import { INERT, REFUSED, RUN, STRING_BREAK, COMMENT_BREAK } from "../fixtures/hostile-specs";
import { REPO, runScript } from "../helpers/run-script";
import { loadSpec, type Spec } from "../helpers/spec";
import { stretched } from "../../core/patience";

// Generating fourteen specs and loading them take seconds idle, and many times that on two busy cores: no clock is tested here.
jest.setTimeout(stretched(300_000));

const RAW_UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const CREDITS_200 = "#/paths/~1user~1credits~1info/get/responses/200/content/application~1json/schema";

/** Requires each case's modules in one fresh Node and reports what they hold, and whether any spec text ran. */
const LOADER = `
const { join } = require("node:path");
const report = {};
for (const dir of process.argv.slice(1)) {
  const loaded = {};
  try {
    const billing = require(join(dir, "billing.js"));
    const { operations } = require(join(dir, "operations.js"));
    const { validators } = require(join(dir, "validators.js"));
    const { document } = require(join(dir, "document.js"));
    const media = document.paths["/user/credits/info"].get.responses["200"].content["application/json"];
    const example = media.example !== undefined ? media.example : Object.values(media.examples)[0].value;
    loaded.servers = billing.servers;
    loaded.enumArrays = Object.fromEntries(Object.entries(billing).filter(([name]) => name.endsWith("Values")));
    loaded.operations = operations;
    loaded.validators = Object.keys(validators).length;
    loaded.exampleValid = validators[${JSON.stringify(CREDITS_200)}](example);
    loaded.document = document;
  } catch (error) {
    loaded.error = String(error && error.stack || error);
  }
  report[dir] = loaded;
}
process.stdout.write(JSON.stringify({ report, ran: globalThis.__hostile ?? null }));
`;

let work: string;
const rendered = new Map<string, { spec: Spec; files: Map<string, string>; dir: string }>();
let loaded: { report: Record<string, Record<string, unknown>>; ran: unknown };

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "billing-hostile-"));
  let index = 0;
  for (const [name, change] of Object.entries(INERT)) {
    const spec = loadSpec();
    change(spec);
    const dir = join(work, `case-${index++}`);
    mkdirSync(dir);
    writeFileSync(join(dir, "billing.json"), JSON.stringify(spec));
    rendered.set(name, { spec, files: new Map(), dir });
  }
  const dirs = [...rendered.values()].map(({ dir }) => dir);
  // npm run generate, for every case in one Node (openapi-typescript cannot load inside jest).
  const generate = spawnSync(process.execPath, ["-r", join(REPO, "scripts", "register.js"), join(__dirname, "..", "helpers", "generate-each.ts"), ...dirs], { encoding: "utf8", timeout: 240_000 });
  expect(JSON.parse(generate.stdout)).toEqual(Object.fromEntries(dirs.map((dir) => [dir, "ok"])));
  for (const { files, dir } of rendered.values()) {
    for (const file of readdirSync(join(dir, "generated"))) {
      const text = readFileSync(join(dir, "generated", file), "utf8");
      files.set(file, text);
      const js = ts.transpileModule(text, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
      writeFileSync(join(dir, file.replace(/\.ts$/, ".js")), js);
    }
  }
  const child = spawnSync(process.execPath, ["-e", LOADER, ...dirs], { encoding: "utf8", timeout: 240_000 });
  expect(child.stderr).toBe("");
  loaded = JSON.parse(child.stdout);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

test("loading every inert case's generated modules ran none of the spec's text", () => {
  expect(loaded.ran).toBeNull();
  expect(Object.keys(loaded.report)).toHaveLength(Object.keys(INERT).length);
});

describe.each(Object.keys(INERT))("%s", (name) => {
  test("is rendered inert: the modules load and keep the text as data, exactly", () => {
    const { spec, files, dir } = rendered.get(name)!;
    const modules = loaded.report[dir]!;
    expect(modules.error).toBeUndefined();
    expect(modules.document).toEqual(JSON.parse(JSON.stringify(spec)));
    expect(Object.keys(modules.operations as object)).toEqual(operationsOf(spec).map((entry) => entry.name));
    expect(Object.values(modules.operations as Record<string, { path: string; summary: string | null }>).map((op) => [op.path, op.summary])).toEqual(
      operationsOf(spec).map((entry) => [entry.path, entry.operation.summary ?? null]),
    );
    expect(modules.servers).toEqual(spec.servers);
    expect(modules.exampleValid).toBe(true);
    for (const [file, text] of files) {
      // Nothing raw that ends a `//` comment, rewrites a terminal, or reads otherwise than it runs.
      expect([file, RAW_UNSAFE.exec(text)?.[0]]).toEqual([file, undefined]);
    }
    // JSDoc (an editor's hover, the API reference): no tag and no HTML of the spec's.
    expect(files.get("billing.ts")).not.toMatch(/(^|[^\\])\{?@include/m);
    expect(files.get("billing.ts")).not.toContain("<script");
  });
});

test("enum values, with quotes, comment ends and line separators, are the types' run-time arrays as the spec has them", () => {
  const { dir, spec } = rendered.get("enum values in the types' run-time arrays and the validators")!;
  const arrays = loaded.report[dir]!.enumArrays as Record<string, string[]>;
  const kinds = (spec.components.schemas.CreditsBreakdownItem as { properties: { purchase_kind: { enum: string[] } } }).properties.purchase_kind.enum;
  expect(Object.values(arrays)).toContainEqual(kinds);
  expect(kinds).toContain(STRING_BREAK);
});

test("paths whose words collide get distinct constants made of [A-Za-z0-9] only", () => {
  const operations = rendered.get("paths whose words collide or are not ASCII, as constant names")!.files.get("operations.ts")!;
  const constants = [...operations.matchAll(/^export const (\S+) =/gm)].map((match) => match[1]);
  expect(constants).toEqual(expect.arrayContaining(["getUserAB", "getUserAB2", "getUserN1"]));
  for (const constant of constants) expect(constant).toMatch(/^[A-Za-z][A-Za-z0-9]*$/);
});

test("the operation list's comment shows the path with its comment end broken", () => {
  const operations = rendered.get("a path in the operations list's comment (the known hole)")!.files.get("operations.ts")!;
  expect(operations).toContain(`/** GET /user/x*\\/;${RUN};/\\* */`);
});

describe("keys with control characters", () => {
  let out: string;
  let before: Record<string, string>;
  beforeEach(() => {
    out = join(work, "generated-copy");
    rmSync(out, { recursive: true, force: true });
    cpSync(join(REPO, "generated"), out, { recursive: true });
    before = snapshot(out);
  });

  test.each(Object.entries(REFUSED))("%s is refused with one inert line, and generated/ stays as it was", async (_name, { change, shows }) => {
    const spec = loadSpec();
    change(spec);
    const file = join(work, "refused.json");
    writeFileSync(file, JSON.stringify(spec));
    const error = await writeGenerated(file, out).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SpecError);
    const message = (error as Error).message;
    expect(message).toMatch(shows);
    expect(message).not.toMatch(RAW_UNSAFE);
    expect(message).not.toContain("\n");
    expect(snapshot(out)).toEqual(before);
  });

  test("spec:update exits 2 with one line for such a key, and writes neither the spec nor generated/", () => {
    const spec = loadSpec();
    REFUSED["a property name with an escape sequence"]!.change(spec);
    const incoming = join(work, "incoming.json");
    writeFileSync(incoming, JSON.stringify(spec));
    const current = join(work, "billing.json");
    cpSync(join(REPO, "openapi", "billing.json"), current);
    const result = runScript("spec-update.ts", [incoming, "--spec", current, "--out", out, "--no-typecheck"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: .*refused, the key "p\\u001b\[2J" at #\/components\/schemas\/CreditsInfoResponse\/properties .*; nothing was changed\n$/);
    expect(result.stderr).not.toMatch(RAW_UNSAFE);
    expect(readFileSync(current, "utf8")).toBe(readFileSync(join(REPO, "openapi", "billing.json"), "utf8"));
    expect(snapshot(out)).toEqual(before);
  });
});

describe("findings quote the spec", () => {
  const MENTION = "@octocat";
  const hostileValue = `Refund\u001b[2J\u001b]8;;https://evil.example\u0007click\u001b]8;;\u0007 ${MENTION} <img src=x onerror=alert(1)> [x](https://evil.example) www.evil.example | #1 \`code\` ${COMMENT_BREAK}\n| forged | row |`;
  const revision = () => {
    const spec = loadSpec();
    ((spec.components.schemas.CreditsBreakdownItem as { properties: { purchase_kind: { enum: string[] } } }).properties.purchase_kind.enum).push(hostileValue);
    spec.servers!.push({ url: `https://evil.example/\u001b[31m\u009b2J\r\n${MENTION}` });
    return spec;
  };

  test("in a terminal: no escape sequence or control character, one line per finding", () => {
    const findings = diffSpecs(loadSpec(), revision());
    const text = textReport(findings);
    expect(text).not.toMatch(RAW_UNSAFE);
    expect(text.split("\n")).toHaveLength(findings.length);
    expect(text).toContain("Refund");
  });

  test.each([
    ["the pull request's table", () => markdownReport(diffSpecs(loadSpec(), revision()))],
    ["the changeset", () => readFileSync(writeChangeset(diffSpecs(loadSpec(), revision()), join(work, "changesets")), "utf8")],
  ])("in %s: no HTML, link, mention, code span or extra cell of the spec's", (_where, render) => {
    const markdown = render();
    expect(markdown).not.toMatch(RAW_UNSAFE);
    expect(markdown).not.toMatch(/<img|<\/?script/);
    expect(markdown).not.toContain(MENTION);
    expect(markdown).not.toMatch(/https?:\/\/|www\.evil|\]\(/);
    expect(markdown).not.toMatch(/(^|[^\\])`code/);
    for (const row of markdown.split("\n").filter((line) => line.startsWith("|"))) {
      // Cells are split by the pipes no backslash escapes: every row has the table's five.
      expect(row.split(/(?<!\\)\|/)).toHaveLength(7);
    }
    expect(markdown).toContain("Refund");
  });
});

function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), "utf8")]));
}
