// Every code block of the README and docs/, as a user pastes it: run against the packed package installed in the
// consumer project and its own mock (a key of its own per block, so each block has a team of its own), or marked as a
// fragment. A snippet that stops working fails here.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { basename, extname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import type { Browser } from "playwright-core";
import { REPO_ROOT } from "../../scripts/tooling/paths";
import { chromiumMissing, launchChromium } from "../helpers/chromium";
import { within } from "../helpers/processes";
import { codeBlocks, type CodeBlock } from "./code-blocks";
import { PROJECT, WORK } from "./project";
import { stretched } from "../../core/patience";

const BLOCKS = codeBlocks(REPO_ROOT);
const RUNNABLE = BLOCKS.filter((block) => block.run);
const installed = (entry: string) => require(require.resolve(entry, { paths: [PROJECT] }));
// tsx as a loader in the one process (its CLI would run the file in a child that a kill of the CLI leaves behind).
const tsx = (file: string) => ["--import", pathToFileURL(join(PROJECT, "node_modules", "tsx", "dist", "loader.mjs")).href, file];
const slug = (block: CodeBlock) => block.where.replace(/\W+/g, "-");

type Mock = { url: string; stop(): Promise<void> };
let mock: Mock;
let browser: Browser | undefined;
const servers: Server[] = [];
const children: ChildProcess[] = [];

beforeAll(async () => {
  mock = (await installed("olostep-billing/mock").startMock({ settleMs: 500, chargeMs: 0 })) as Mock;
}, stretched(60_000));
afterAll(async () => {
  for (const server of servers) server.closeAllConnections(), server.close();
  await browser?.close();
  await mock?.stop();
});
afterEach(() => {
  // Each server runs in a process group of its own (as from a terminal): the whole group goes, whatever it started.
  // Windows has no process groups to signal: there the process itself goes.
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) process.platform === "win32" ? child.kill("SIGKILL") : process.kill(-child.pid!, "SIGKILL");
});

/** What a block's program sees: its own key (its own team on the mock), the mock as the API. */
const envFor = (block: CodeBlock, withBaseUrl = true) => ({
  ...process.env,
  OLOSTEP_API_KEY: `sk_docs_${slug(block)}`,
  ...(withBaseUrl ? { OLOSTEP_BASE_URL: mock.url } : { OLOSTEP_BASE_URL: undefined }),
});

async function run(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; shell?: boolean }): Promise<{ code: number; output: string }> {
  return promisify(execFile)(command, args, { ...options, encoding: "utf8", timeout: 90_000 }).then(
    ({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, output: `${error.stdout}${error.stderr}` }),
  );
}

/** A directory of the block's own in the consumer project, with its code in `file`. */
function place(block: CodeBlock, file: string): string {
  const dir = join(WORK, "docs", slug(block));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, file), block.code);
  return dir;
}

/** A page server: static files from `root`, the installed route at /api/billing (against the mock) unless `routeless`. */
async function pageServer(root: string, files: Record<string, string> = {}, routeless = false): Promise<string> {
  const { createBillingHandler, toNodeHandler } = installed("olostep-billing/server");
  const route = toNodeHandler(createBillingHandler({ apiKey: "sk_docs_page_team", baseUrl: mock.url, allowTopup: true, authorize: () => true }));
  const types: Record<string, string> = { ".js": "text/javascript", ".mjs": "text/javascript", ".html": "text/html" };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? "/", "http://page").pathname;
    if (!routeless && path.startsWith("/api/billing")) return route(req, res);
    const body = files[path] ?? (path.startsWith("/node_modules/") ? safeRead(join(root, path)) : undefined);
    if (body === undefined) return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": types[extname(path)] ?? "text/html", "cache-control": "no-store" }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function safeRead(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

async function bundle(entry: string): Promise<string> {
  const esbuild = installed("esbuild") as typeof import("esbuild");
  const result = await esbuild.build({ entryPoints: [entry], bundle: true, format: "esm", platform: "browser", target: "es2022", write: false, logLevel: "silent", absWorkingDir: PROJECT });
  return result.outputFiles[0]!.text;
}

/** Opens `url` in Chromium; resolves with the widget's text once its bars are there. */
async function widgetText(url: string): Promise<string> {
  if (chromiumMissing) throw new Error(chromiumMissing);
  browser ??= await launchChromium();
  const page = await browser.newPage();
  try {
    await page.goto(url);
    await page.locator("olostep-credits").locator('[role="progressbar"]').first().waitFor({ timeout: 20_000 });
    return await page.locator("olostep-credits").evaluate((element) => element.shadowRoot!.textContent ?? "");
  } finally {
    await page.close();
  }
}

const RUNNERS: Record<string, (block: CodeBlock) => Promise<void>> = {
  /**
   * A program, run with Node (TypeScript through tsx). `without-key=ErrorName`: run again with no OLOSTEP_API_KEY, it
   * prints that error in one line (no stack) and exits 1. `mock-url=URL`: run against `npx olostep-billing mock`
   * started as the text before it says, at a free port in place of the one written, with no OLOSTEP_* variables.
   */
  async node(block) {
    const file = block.language === "ts" ? "snippet.mts" : "snippet.mjs";
    if (block.attributes["mock-url"]) return runAgainstCliMock(block, file, block.attributes["mock-url"]);
    const dir = place(block, file);
    const command = block.language === "ts" ? tsx(join(dir, file)) : [join(dir, file)];
    const result = await run(process.execPath, command, { cwd: PROJECT, env: envFor(block) });
    expect({ code: result.code, output: result.output }).toMatchObject({ code: 0 });
    const expected = block.attributes["without-key"];
    if (expected) {
      const keyless = await run(process.execPath, command, { cwd: PROJECT, env: { ...envFor(block), OLOSTEP_API_KEY: undefined } });
      expect({ code: keyless.code, lines: keyless.output.trimEnd().split("\n") }).toEqual({ code: 1, lines: [expect.stringMatching(new RegExp(`^${expected}: \\S`))] });
    }
  },
  /**
   * A bundler's command line for a script shown in an earlier block of the same page (`entry=` its `file=`): run as
   * written in a folder holding that script, its output served on a page next to the route, the widget shown.
   */
  async "bundle-command"(block) {
    const entry = BLOCKS.find((other) => other.where.split(":")[0] === block.where.split(":")[0] && other.attributes.file === block.attributes.entry);
    expect(entry?.where).toBeDefined();
    const dir = place({ ...entry!, where: block.where }, entry!.attributes.file!);
    const result = await run("bash", ["-euo", "pipefail", "-c", block.code], { cwd: dir, env: envFor(block) });
    expect({ code: result.code, output: result.output }).toMatchObject({ code: 0 });
    const outfile = /--outfile=(\S+)/.exec(block.code)![1]!;
    const script = `/${basename(outfile)}`;
    const url = await pageServer(PROJECT, { "/": `<!doctype html><meta charset="utf-8"><body><script type="module" src="${script}"></script></body>`, [script]: readFileSync(join(dir, outfile), "utf8") });
    expect(await widgetText(url)).toContain("12,500");
  },
  /** Shell commands, in the consumer project. */
  async shell(block) {
    const result = await run("bash", ["-euo", "pipefail", "-c", block.code], { cwd: PROJECT, env: envFor(block) });
    expect({ code: result.code, output: result.output }).toMatchObject({ code: Number(block.attributes.exit ?? 0) });
  },
  /**
   * A server that runs until stopped, started as written (its port swapped for a free one, so a busy 4010 on the
   * machine does not matter): asked at its `url`, it answers and logs one line; Ctrl-C stops it and its Prism.
   */
  async server(block) {
    const port = await freePort();
    const written = new URL(block.attributes.url!);
    const command = block.code.replaceAll(written.port, String(port));
    // A process group of its own, as a terminal gives a command: Ctrl-C is SIGINT to the whole group.
    const child = spawn("bash", ["-c", `exec ${command}`], { cwd: PROJECT, env: envFor(block, false), stdio: ["ignore", "pipe", "pipe"], detached: true });
    children.push(child);
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => (output += chunk));
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk));
    written.port = String(port);
    const asked = () => fetch(written, { headers: { authorization: "Bearer any-key" } });
    expect(await within(30_000, () => asked().then(() => true, () => false))).toBe(true);
    const answer = await asked();
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ credits: 0, allow_usage: false });
    expect(await within(5_000, async () => output.split("\n").filter((line) => line.startsWith("GET ")).length === 2)).toBe(true);
    const exited = new Promise<string>((resolve) => child.once("exit", (code, signal) => resolve(signal ?? String(code))));
    process.kill(-child.pid!, "SIGINT");
    expect(await exited).toBe("SIGINT"); // npm ends itself by the signal it got, as a shell expects
    expect(output).toContain("mock: stopped (SIGINT)");
    await expect(fetch(written)).rejects.toThrow();
  },
  /** Shell commands, in a clone of this repository. */
  async repo(block) {
    const result = await run("bash", ["-euo", "pipefail", "-c", block.code], { cwd: REPO_ROOT, env: process.env });
    expect({ code: result.code, output: result.output }).toMatchObject({ code: 0 });
  },
  async jest(block) {
    const dir = place(block, block.attributes.file!);
    const result = await run(process.execPath, [join(PROJECT, "node_modules", "jest", "bin", "jest.js"), "--rootDir", dir, "--ci"], { cwd: dir, env: envFor(block, false) });
    expect({ code: result.code, output: result.output }).toMatchObject({ code: 0 });
  },
  async vitest(block) {
    const dir = place(block, block.attributes.file!);
    const result = await run(process.execPath, [join(PROJECT, "node_modules", "vitest", "vitest.mjs"), "run", "--root", dir], { cwd: dir, env: envFor(block, false) });
    expect({ code: result.code, output: result.output }).toMatchObject({ code: 0 });
  },
  /**
   * A Next.js route module: its GET and HEAD called as Next.js calls them, with the request and a context. `@/auth`
   * (an app's Auth.js config) is a stand-in whose auth() is the session of the request being handled, as Next.js finds
   * it: signed in with the cookie Auth.js would have set and verified, not with any cookie of that name.
   */
  async nextjs(block) {
    const dir = place(block, block.attributes.file!);
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { baseUrl: ".", paths: { "@/*": ["./*"] } } }));
    writeFileSync(
      join(dir, "auth.ts"),
      `import { AsyncLocalStorage } from "node:async_hooks";
// One store for the process, however many times a loader instantiates this module (as "@/auth" and as "./auth.js").
export const handling: AsyncLocalStorage<Request> = ((globalThis as { handling?: AsyncLocalStorage<Request> }).handling ??= new AsyncLocalStorage<Request>());
export async function auth() {
  return handling.getStore()?.headers.get("cookie") === "authjs.session-token=verified-by-authjs" ? { user: { id: "u1" } } : null;
}
`,
    );
    writeFileSync(
      join(dir, "drive.mts"),
      `import * as route from "./${block.attributes.file!.replace(/\.ts$/, ".js")}";
import { handling } from "./auth.js";
const context = { params: Promise.resolve({}) };
const page = (path: string, init: RequestInit = {}, cookie = "authjs.session-token=verified-by-authjs") => new Request("http://localhost:3000" + path, { ...init, headers: { cookie, ...(init.headers as object) } });
const call = (method: "GET" | "HEAD", request: Request) => handling.run(request, () => route[method](request, context));
const read = await call("GET", page("/api/billing"));
const client = await call("GET", page("/api/billing/user/credits/info"));
const head = await call("HEAD", page("/api/billing", { method: "HEAD" }));
const stranger = await call("GET", new Request("http://localhost:3000/api/billing"));
const forged = await call("GET", page("/api/billing", {}, "session=1; authjs.session-token=forged"));
console.log(JSON.stringify({ read: read.status, credits: (await read.json()).credits, client: client.status, head: [head.status, await head.text()], stranger: stranger.status, forged: forged.status }));
`,
    );
    const result = await run(process.execPath, tsx(join(dir, "drive.mts")), { cwd: dir, env: envFor(block) });
    expect(result).toMatchObject({ code: 0 });
    expect(JSON.parse(result.output.trim().split("\n").pop()!)).toEqual({ read: 200, credits: 12_500, client: 200, head: [200, ""], stranger: 403, forged: 403 });
  },
  /**
   * An Express server: started as written, on a free port; signed in through its /login (its session middleware's
   * cookie), then asked for the balance at both of its URLs; no session, or a forged session cookie, is refused.
   */
  async express(block) {
    const dir = place(block, block.attributes.file!);
    const port = await freePort();
    const env = { ...envFor(block), PORT: String(port), SESSION_SECRET: "docs-test-session-secret-0123456789", APP_PASSWORD: "docs-test-password" };
    const child = spawn(process.execPath, tsx(join(dir, block.attributes.file!)), { cwd: dir, env, stdio: "ignore", detached: true });
    children.push(child);
    const base = `http://127.0.0.1:${port}`;
    expect(await within(30_000, () => fetch(`${base}/api/billing`).then(() => true, () => false))).toBe(true);
    const login = await fetch(`${base}/login`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "password=docs-test-password" });
    expect(login.status).toBe(204);
    const signedIn = { headers: { cookie: login.headers.get("set-cookie")!.split(";")[0]! } };
    expect((await fetch(`${base}/api/billing`, signedIn)).status).toBe(200);
    expect(await (await fetch(`${base}/api/billing/user/credits/info`, signedIn)).json()).toMatchObject({ credits: 12_500 });
    expect((await fetch(`${base}/api/billing`)).status).toBe(403);
    expect((await fetch(`${base}/api/billing`, { headers: { cookie: "session=1; connect.sid=s%3Aforged.c2lnbmF0dXJl" } })).status).toBe(403);
  },
  /** A Hono app, as its default export: asked through app.fetch, as Bun, Deno and Workers ask it. */
  async hono(block) {
    const dir = place(block, block.attributes.file!);
    // Hono's starter projects are ES modules; the consumer project itself is not, so the folder says so.
    writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
    writeFileSync(
      join(dir, "drive.mts"),
      `import app from "./${block.attributes.file!.replace(/\.ts$/, ".js")}";
import { serializeSigned } from "hono/utils/cookie";
const ask = (path: string, cookie?: string) => app.fetch(new Request("http://localhost" + path, { headers: cookie ? { cookie } : {} }));
// The cookie a sign-in would have set with setSignedCookie, under the app's secret.
const session = (await serializeSigned("session", "user-1", process.env.SESSION_SECRET!)).split(";")[0]!;
const read = await ask("/api/billing", session);
const client = await ask("/api/billing/user/credits/info", session);
const forged = await ask("/api/billing", "session=user-1.c2lnbmF0dXJl");
console.log(JSON.stringify({ read: read.status, credits: (await client.json()).credits, stranger: (await ask("/api/billing")).status, forged: forged.status }));
`,
    );
    const result = await run(process.execPath, tsx(join(dir, "drive.mts")), { cwd: dir, env: { ...envFor(block), SESSION_SECRET: "docs-test-session-secret-0123456789" } });
    expect(result).toMatchObject({ code: 0 });
    expect(JSON.parse(result.output.trim().split("\n").pop()!)).toEqual({ read: 200, credits: 12_500, stranger: 403, forged: 403 });
  },
  /** A Cloudflare Worker: bundled, run in workerd (miniflare) with its environment's bindings. */
  async worker(block) {
    const dir = place(block, block.attributes.file!);
    const esbuild = installed("esbuild") as typeof import("esbuild");
    const script = (await esbuild.build({ entryPoints: [join(dir, block.attributes.file!)], bundle: true, format: "esm", platform: "browser", conditions: ["workerd", "worker", "browser"], write: false, logLevel: "silent", absWorkingDir: PROJECT })).outputFiles[0]!.text;
    const { Miniflare } = installed("miniflare") as { Miniflare: new (options: object) => { dispatchFetch(url: string, init?: RequestInit): Promise<Response>; dispose(): Promise<void> } };
    const secret = "docs-test-session-secret-0123456789";
    const mf = new Miniflare({ modules: true, script, compatibilityDate: "2026-04-01", bindings: { OLOSTEP_API_KEY: `sk_docs_${slug(block)}`, OLOSTEP_BASE_URL: mock.url, SESSION_SECRET: secret } });
    // The cookie a sign-in would have set with Hono's setSignedCookie, under the Worker's secret.
    const { serializeSigned } = installed("hono/utils/cookie") as { serializeSigned(name: string, value: string, secret: string): Promise<string> };
    const session = (await serializeSigned("session", "user-1", secret)).split(";")[0]!;
    try {
      const read = await mf.dispatchFetch("http://worker/api/billing", { headers: { cookie: session } });
      expect(read.status).toBe(200);
      expect(await read.json()).toMatchObject({ credits: 12_500 });
      expect((await mf.dispatchFetch("http://worker/api/billing")).status).toBe(403);
      expect((await mf.dispatchFetch("http://worker/api/billing", { headers: { cookie: "session=1" } })).status).toBe(403);
    } finally {
      await mf.dispose();
    }
  },
  /** A page's script, through a bundler (esbuild), on a page next to the route. */
  async "browser-bundler"(block) {
    const dir = place(block, "app.ts");
    const url = await pageServer(PROJECT, { "/": '<!doctype html><meta charset="utf-8"><body><script type="module" src="/app.js"></script></body>', "/app.js": await bundle(join(dir, "app.ts")) });
    expect(await widgetText(url)).toContain("12,500");
  },
  /** A page as written, with an import map, served from the project's root next to the route. */
  async "browser-importmap"(block) {
    const url = await pageServer(PROJECT, { "/": block.code });
    expect(await widgetText(url)).toContain("12,500");
  },
  /** A page's script with MSW's setupWorker: bundled, and served with MSW's worker script only: no route, no server code. */
  async "browser-msw"(block) {
    const dir = place(block, "app.ts");
    const worker = readFileSync(require.resolve("msw/mockServiceWorker.js", { paths: [PROJECT] }), "utf8");
    const url = await pageServer(PROJECT, { "/": '<!doctype html><meta charset="utf-8"><body><script type="module" src="/app.js"></script></body>', "/app.js": await bundle(join(dir, "app.ts")), "/mockServiceWorker.js": worker }, true);
    expect(await widgetText(url)).toContain("12,500");
  },
};

/** The block run while `npx olostep-billing mock` serves (as the README has the reader start it), then Ctrl-C for the mock. */
async function runAgainstCliMock(block: CodeBlock, file: string, written: string): Promise<void> {
  const port = await freePort();
  const child = spawn("npx", ["--offline", "olostep-billing", "mock", "--port", String(port), "--quiet"], { cwd: PROJECT, env: envFor(block, false), stdio: ["ignore", "pipe", "pipe"], detached: true });
  children.push(child);
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk));
  expect(await within(60_000, async () => output.includes("stop: Ctrl-C"))).toBe(true);
  const dir = place({ ...block, code: block.code.replaceAll(new URL(written).origin, `http://127.0.0.1:${port}`) }, file);
  // A reader without a key: nothing in the environment points anywhere.
  const result = await run(process.execPath, tsx(join(dir, file)), { cwd: PROJECT, env: { ...process.env, OLOSTEP_API_KEY: undefined, OLOSTEP_BASE_URL: undefined } });
  expect({ code: result.code, output: result.output }).toEqual({ code: 0, output: expect.stringMatching(/^12500 credits; usage allowed/) });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  process.kill(-child.pid!, "SIGINT");
  await exited;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

test("every code block of the README and docs/ is run by this test, checked as output, or marked as a fragment", () => {
  const unmarked = BLOCKS.filter((block) => !block.run && !block.output && !block.fragment).map((block) => block.where);
  expect(unmarked).toEqual([]);
  const unknown = RUNNABLE.filter((block) => !(block.run! in RUNNERS)).map((block) => `${block.where}: run=${block.run}`);
  expect(unknown).toEqual([]);
  expect(RUNNABLE.length).toBeGreaterThanOrEqual(20);
});

/** Blocks written for a POSIX shell (bash, a process group that Ctrl-C reaches): not run on Windows, and said so. */
const POSIX_ONLY = process.platform === "win32" ? ["shell", "server", "repo"] : [];
const posixOnly = (block: CodeBlock) => POSIX_ONLY.includes(block.run!);

test.each(RUNNABLE.filter((block) => !posixOnly(block)).map((block) => [`${block.where} (run=${block.run})`, block] as const))("%s", async (_name, block) => {
  await RUNNERS[block.run!]!(block);
}, stretched(120_000));

if (POSIX_ONLY.length) {
  test.skip.each(RUNNABLE.filter(posixOnly).map((block) => [`${block.where} (run=${block.run}; skipped: a POSIX shell block, and Windows has no bash)`]))("%s", () => undefined);
}

test.each(BLOCKS.filter((block) => block.output === "help").map((block) => [block.where, block] as const))("%s is what olostep-billing --help prints", async (_name, block) => {
  // Windows' npx is npx.cmd, which only a shell starts.
  const result = await run("npx", ["--offline", "olostep-billing", "--help"], { cwd: PROJECT, env: process.env, shell: process.platform === "win32" });
  expect(`${result.output.trimEnd()}\n`).toBe(block.code);
});
