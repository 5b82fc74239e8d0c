// The published tarball, installed into a fresh project outside this repository: ESM, CommonJS, types, bin.
import { execFile, execFileSync, spawnSync } from "node:child_process";
import { promisify } from "node:util";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { json, startFaultServer, type FaultServer } from "../helpers/fault-server";
import { REPO } from "../helpers/run-script";
import { stretched } from "../../core/patience";

// Each test here starts processes (npm, Prism, a packed install) and waits for their answers, not for a clock: on a
// machine whose cores are all busy that takes many times longer than on an idle one.
jest.setTimeout(stretched(90_000));

const TSC = require.resolve("typescript/bin/tsc");
const version = JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")).version as string;
let project: string;
let tarball: string;
let server: FaultServer;

beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), "olostep-billing-consumer-"));
  // dist/ is fresh (global set-up builds it), so packing needs no scripts.
  const packed = JSON.parse(execFileSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", project], { cwd: REPO, encoding: "utf8" }));
  tarball = join(project, packed[0].filename);
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true }));
  // No test may need the network, and npm ci caches tarballs but not the registry's metadata that a range such as
  // openapi-fetch ^0.17 needs: the runtime dependencies are packed from node_modules and installed beside ours.
  const dependencies = runtimeDependencies(REPO).map((name) => join(REPO, "node_modules", name));
  const packedDependencies = JSON.parse(
    execFileSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", project, ...dependencies], { cwd: project, encoding: "utf8" }),
  ) as { filename: string }[];
  const tarballs = [tarball, ...packedDependencies.map((packed) => join(project, packed.filename))];
  execFileSync("npm", ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts", ...tarballs], { cwd: project, stdio: "ignore" });
  server = await startFaultServer(json(200, { credits: 42, allow_usage: true }));
}, stretched(120_000));

/** The package's runtime dependencies and theirs, as installed in node_modules. */
function runtimeDependencies(dir: string, found = new Set<string>()): string[] {
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { dependencies?: Record<string, string> };
  for (const name of Object.keys(manifest.dependencies ?? {})) {
    if (found.has(name)) continue;
    found.add(name);
    runtimeDependencies(join(REPO, "node_modules", name), found);
  }
  return [...found];
}

afterAll(async () => {
  await server?.close();
  rmSync(project, { recursive: true, force: true });
});

/** Async: the local server answering the consumer lives in this process and must keep running. */
async function node(file: string, source: string): Promise<string> {
  writeFileSync(join(project, file), source);
  const { stdout } = await promisify(execFile)(process.execPath, [file], { cwd: project, encoding: "utf8", env: { ...process.env, BASE_URL: server.url }, timeout: 20_000 });
  return stdout;
}

// 60 kB held the client, the CLI and the mock launcher; the server handler, the widget, the dashboard and the stateful
// mock brought it to about 64 kB; the MSW handlers, with the spec as a module and its validators generated as code
// (about 37 kB each in both trees, the price of no schema compiler in a browser), to about 100 kB. What a user's
// bundle gets is another matter: the client alone is measured by `npm run bench`. The vendor's error objects as named
// answers (a 402 body on both operations, 409/422/429 by name) grew the validators to about 48 kB and the document to
// about 24 kB in each tree: about 129 kB in all. The route's own modules (paths, shared reads, freshness), the widget's
// split, one module for untrusted text and the spec model under core/ brought it to about 146 kB, once the build
// stopped shipping what no export reaches (the CLI's declarations, the kit's read list, the spec checker). The MSW
// handlers reading every parameter, body and answer as Prism does (styles, coercion, form bodies, Prism's sampler,
// content negotiation: about 10 kB in each tree) brought it to about 166 kB.
test("the tarball holds only dist/, README, LICENSE and package.json, and is under 175 kB", () => {
  const packed = JSON.parse(execFileSync("npm", ["pack", "--dry-run", "--ignore-scripts", "--json"], { cwd: REPO, encoding: "utf8" }))[0];
  const paths = (packed.files as { path: string }[]).map((file) => file.path);
  expect(paths.filter((path) => !/^(dist\/|README\.md$|LICENSE$|package\.json$)/.test(path))).toEqual([]);
  expect(paths).toEqual(expect.arrayContaining(["README.md", "LICENSE", "package.json", "dist/cjs/src/index.js", "dist/esm/src/index.js"]));
  expect(packed.size).toBeLessThan(175_000);
});

test("the installed package.json runs nothing at install time, and nothing shipped points outside the package", () => {
  const installed = join(project, "node_modules", "olostep-billing");
  const manifest = JSON.parse(readFileSync(join(installed, "package.json"), "utf8")) as { scripts?: Record<string, string> };
  const installTime = ["preinstall", "install", "postinstall", "prepare"].filter((name) => manifest.scripts?.[name] !== undefined);
  expect(installTime).toEqual([]);
  // grep exits 1 when nothing matches: the files it lists are the failure.
  const outside = spawnSync("grep", ["-rlE", String.raw`\.\./shared|shared/reference|${REPO}`, installed], { encoding: "utf8" });
  expect({ status: outside.status, files: outside.stdout.trim() }).toEqual({ status: 1, files: "" });
});

test("startMock() without Prism: a MockStartError naming the exact install command, and nothing left in the temp folder", async () => {
  const out = await node("no-prism.cjs", `const { readdirSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { startMock, MockStartError } = require("olostep-billing/mock");
const before = readdirSync(tmpdir()).filter((name) => name.startsWith("olostep-billing-mock-"));
startMock().then(() => console.log("started"), (error) => {
  const after = readdirSync(tmpdir()).filter((name) => name.startsWith("olostep-billing-mock-"));
  console.log(JSON.stringify({ typed: error instanceof MockStartError, name: error.name, message: error.message, left: after.filter((name) => !before.includes(name)) }));
});`);
  expect(JSON.parse(out)).toEqual({
    typed: true,
    name: "MockStartError",
    message: expect.stringContaining("npm install --save-dev --save-exact @stoplight/prism-cli@5.14.2"),
    left: [],
  });
});

test("olostep-billing mock without Prism exits non-zero with one line naming the install command", () => {
  const result = spawnSync("npx", ["--offline", "olostep-billing", "mock", "--port", "0"], { cwd: project, encoding: "utf8" });
  expect(result.status).not.toBe(0);
  expect(result.stdout).toBe("");
  expect(result.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^olostep-billing: .*npm install --save-dev --save-exact @stoplight\/prism-cli@5\.14\.2$/)]);
});

test("olostep-billing/msw without msw: an error naming the install command, from require and from import", async () => {
  const out = await node("no-msw.mjs", `import { createRequire } from "node:module";
const messages = [];
try { createRequire(import.meta.url)("olostep-billing/msw").createHandlers(); } catch (error) { messages.push(error.message); }
try { (await import("olostep-billing/msw")).createHandlers(); } catch (error) { messages.push(error.message); }
console.log(JSON.stringify(messages));`);
  const messages = JSON.parse(out) as string[];
  expect(messages).toHaveLength(2);
  for (const message of messages) expect(message).toMatch(/needs the optional peer msw, which is not installed: npm install --save-dev --save-exact msw@2\.11\.2/);
});

test("import in an .mjs file works and calls a local server", async () => {
  const out = await node("esm.mjs", `import { createBillingClient, AuthenticationError } from "olostep-billing";
const billing = createBillingClient({ apiKey: "k", baseUrl: process.env.BASE_URL });
console.log(JSON.stringify({ info: await billing.getCreditsInfo(), errors: typeof AuthenticationError }));`);
  expect(JSON.parse(out)).toEqual({ info: { credits: 42, allow_usage: true }, errors: "function" });
});

test("require in a .cjs file works and calls a local server", async () => {
  const out = await node("cjs.cjs", `const { createBillingClient } = require("olostep-billing");
createBillingClient({ apiKey: "k", baseUrl: process.env.BASE_URL }).getCreditsInfo().then((info) => console.log(JSON.stringify(info)));`);
  expect(JSON.parse(out)).toEqual({ credits: 42, allow_usage: true });
});

test("importing the client loads neither Prism, ajv nor the CLI", async () => {
  const out = await node("light.cjs", `require("olostep-billing");
console.log(JSON.stringify(Object.keys(require.cache).filter((f) => /prism|ajv|[\\\\/]cli[\\\\/]|mocks/.test(f))));`);
  expect(JSON.parse(out)).toEqual([]);
});

const consumer = `import { createBillingClient, type CreditsInfo } from "olostep-billing";
export async function balance(): Promise<number | undefined> {
  const info: CreditsInfo = await createBillingClient({ apiKey: "k" }).getCreditsInfo();
  return info.credits;
}
`;

test.each([
  ["node16", { module: "node16", moduleResolution: "node16" }, "consumer.mts"],
  ["node16 from CommonJS", { module: "node16", moduleResolution: "node16" }, "consumer.cts"],
  ["bundler", { module: "esnext", moduleResolution: "bundler" }, "consumer.ts"],
])("a TypeScript consumer (%s) type-checks a call and fails on a misspelt field", (_name, options, file) => {
  const config = { compilerOptions: { ...options, strict: true, noEmit: true, lib: ["ES2022", "DOM"], types: [], skipLibCheck: false }, files: [file] };
  writeFileSync(join(project, "tsconfig.json"), JSON.stringify(config));
  writeFileSync(join(project, file), consumer);
  const ok = spawnSync(process.execPath, [TSC, "-p", "tsconfig.json"], { cwd: project, encoding: "utf8" });
  expect(ok.stdout).toBe("");
  expect(ok.status).toBe(0);

  // The declarations were fully checked above; skipping them here halves the second run.
  writeFileSync(join(project, "tsconfig.json"), JSON.stringify({ ...config, compilerOptions: { ...config.compilerOptions, skipLibCheck: true } }));
  writeFileSync(join(project, file), consumer.replace("info.credits", "info.creditz"));
  const typo = spawnSync(process.execPath, [TSC, "-p", "tsconfig.json"], { cwd: project, encoding: "utf8" });
  expect(typo.status).not.toBe(0);
  expect(typo.stdout).toMatch(/Property 'creditz' does not exist on type .*Did you mean 'credits'\?/);
});

test("the client entry bundles for the browser with no Node built-in module", async () => {
  const esbuild = require("esbuild") as typeof import("esbuild");
  writeFileSync(join(project, "browser.mjs"), `import { createBillingClient } from "olostep-billing";\nwindow.billing = createBillingClient;\n`);
  const result = await esbuild.build({
    entryPoints: [join(project, "browser.mjs")],
    bundle: true,
    platform: "browser",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const inputs = Object.keys(result.metafile.inputs);
  expect(inputs.filter((input) => /^node:|prism|ajv|[\\/]cli[\\/]/.test(input))).toEqual([]);
  expect(inputs).toEqual(expect.arrayContaining([expect.stringContaining("openapi-fetch")]));
});

test("npx olostep-billing --version prints the version", () => {
  const out = execFileSync("npx", ["--offline", "olostep-billing", "--version"], { cwd: project, encoding: "utf8" });
  expect(out.trim()).toBe(version);
});

test("import \"olostep-billing/widget\" survives a consumer's bundler: the element is defined, with no dependency", async () => {
  const esbuild = require("esbuild") as typeof import("esbuild");
  writeFileSync(join(project, "page.mjs"), `import "olostep-billing/widget";\n`);
  const result = await esbuild.build({ entryPoints: [join(project, "page.mjs")], bundle: true, minify: true, platform: "browser", write: false, metafile: true, logLevel: "silent" });
  expect(result.outputFiles[0]!.text).toContain('customElements.define("olostep-credits"');
  expect(Object.keys(result.metafile.inputs).filter((input) => input.includes("node_modules") && !input.includes("olostep-billing"))).toEqual([]);
});

test("olostep-billing/server resolves from ESM and CommonJS", async () => {
  const out = await node("server.mjs", `import { createBillingHandler, toNodeHandler } from "olostep-billing/server";
const { createBillingHandler: fromCjs } = await import("node:module").then((m) => m.createRequire(import.meta.url)("olostep-billing/server"));
const handle = createBillingHandler({ apiKey: "k", baseUrl: process.env.BASE_URL });
console.log(JSON.stringify({ cjs: typeof fromCjs, node: typeof toNodeHandler(handle), body: await (await handle(new Request("http://x/api/billing"))).json() }));`);
  expect(JSON.parse(out)).toEqual({ cjs: "function", node: "function", body: { credits: 42, allow_usage: true } });
});
