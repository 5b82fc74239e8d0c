// The browser surfaces through a consumer's bundler, from the installed package: esbuild and Vite build a page with the
// widget and the keyless client (and one with the MSW handlers), with no Node built-in module in what they make.
import { execFile } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { PROJECT, WORK } from "./project";
import { stretched } from "../../core/patience";

const APP = `import "olostep-billing/widget";
import { createCreditsClient } from "olostep-billing";
const billing = createCreditsClient({ baseUrl: "/api/billing" });
billing.getCreditsInfo().then((info) => console.log(info.credits));
document.body.append(document.createElement("olostep-credits"));
`;
const MSW_APP = `import { setupWorker } from "msw/browser";
import { createHandlers } from "olostep-billing/msw";
await setupWorker(...createHandlers({ baseUrl: "/api/billing" }).handlers).start();
`;
/** What a bundle for browsers must not hold: Node's built-in modules, Prism, the CLI, a schema compiler. */
const NOT_FOR_BROWSERS = /(^|\/)node:|@stoplight|prism-cli|mocks\/prism|\/cli\/|\/ajv\//;

async function esbuild(entry: string) {
  const esbuild = require(require.resolve("esbuild", { paths: [PROJECT] })) as typeof import("esbuild");
  const dir = join(WORK, "bundlers");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `entry-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(file, entry);
  return esbuild.build({ entryPoints: [file], bundle: true, format: "esm", platform: "browser", target: "es2022", write: false, metafile: true, logLevel: "silent", absWorkingDir: PROJECT, minify: true });
}

test("esbuild bundles the widget and the keyless client for a browser: nothing of Node, Prism or the CLI", async () => {
  const result = await esbuild(APP);
  const inputs = Object.keys(result.metafile.inputs);
  expect(inputs.filter((input) => NOT_FOR_BROWSERS.test(input))).toEqual([]);
  expect(inputs).toEqual(expect.arrayContaining([expect.stringContaining("olostep-billing/dist/esm/src/widget"), expect.stringContaining("openapi-fetch")]));
  expect(result.outputFiles[0]!.text).toContain('customElements.define("olostep-credits"');
});

test("esbuild bundles the MSW handlers for a browser: the validators are code, no schema compiler and no Node module", async () => {
  const result = await esbuild(MSW_APP);
  const inputs = Object.keys(result.metafile.inputs);
  expect(inputs.filter((input) => NOT_FOR_BROWSERS.test(input))).toEqual([]);
  expect(inputs).toEqual(expect.arrayContaining([expect.stringContaining("olostep-billing/dist/esm/generated/validators.js")]));
});

test("Vite builds a page with the widget and the keyless client; its output imports no Node built-in", async () => {
  const root = join(WORK, "vite-app");
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, "index.html"), '<!doctype html><html><body><script type="module" src="./main.js"></script></body></html>');
  writeFileSync(join(root, "main.js"), APP);
  const vite = join(PROJECT, "node_modules", "vite", "bin", "vite.js");
  await promisify(execFile)(process.execPath, [vite, "build", "--logLevel", "error", "--outDir", join(root, "dist"), "--emptyOutDir"], { cwd: root, env: { ...process.env, NODE_PATH: join(PROJECT, "node_modules") } });
  const assets = readdirSync(join(root, "dist", "assets")).filter((name) => name.endsWith(".js"));
  const code = assets.map((name) => readFileSync(join(root, "dist", "assets", name), "utf8")).join("\n");
  expect(code).toMatch(/customElements\.define\([`"']olostep-credits/);
  expect(code).not.toMatch(/from\s*["']node:|require\(["']node:/);
}, stretched(120_000));
