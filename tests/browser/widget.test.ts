// <olostep-credits> in real Chromium: it revalidates instead of re-downloading (304s from the route), says "as of …"
// only when the route serves a stale answer (its max-age and Age read as RFC 9111 does), gives a missing allow_usage
// no permissive default, and renders against MSW's setupWorker handlers with no server but static files.
import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { resolve } from "node:path";
import { build } from "esbuild";
import type { Browser, Page } from "playwright-core";
import { createBillingHandler, toNodeHandler } from "../../src/server";
import { chromiumMissing, launchChromium } from "../helpers/chromium";
import { json, startFaultServer, type Handler } from "../helpers/fault-server";
import { within } from "../helpers/processes";
import { REPO } from "../helpers/run-script";
import { exampleOf, loadSpec } from "../helpers/spec";
import { pageWith, servePage, widgetFiles, type PageServer } from "./pages";
import { stretched } from "../../core/patience";

const example = exampleOf(loadSpec(), "/user/credits/info", "get", "200");

const skip = chromiumMissing !== undefined && process.env.CI !== "true";
const describeBrowser = skip ? describe.skip : describe;
if (skip) process.stderr.write(`tests/browser skipped: ${chromiumMissing}\n`);

/** A page server: `files` by path, and whatever `route` answers under /api/billing. Closed after the test. */
async function serve(files: Record<string, [type: string, body: string | Buffer]>, route?: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server = await servePage(files, route);
  servers.push(server);
  return server.url;
}
const servers: PageServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

const page = (refresh = 0) => ({ "/": ["text/html", pageWith(`<olostep-credits src="/api/billing" refresh="${refresh}"></olostep-credits>`)] as [string, string], ...widgetFiles() });

describeBrowser("in Chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  }, stretched(30_000));
  afterAll(() => browser?.close());

  const shadowText = (tab: Page) => tab.locator("olostep-credits").evaluate((element) => element.shadowRoot!.textContent ?? "");

  test("each refresh revalidates: the route answers 304 and upstream is read once", async () => {
    const upstream = await startFaultServer(json(200, example));
    const node = toNodeHandler(createBillingHandler({ apiKey: "k", baseUrl: upstream.url, maxAgeSeconds: 60 }));
    const statuses: number[] = [];
    const url = await serve(page(), (req, res) => {
      res.once("finish", () => statuses.push(res.statusCode));
      node(req, res);
    });
    const tab = await browser.newPage();
    await tab.goto(url);
    await tab.locator("olostep-credits").locator('[role="progressbar"]').first().waitFor();
    for (let i = 0; i < 2; i++) await tab.locator("olostep-credits").evaluate((element) => (element as unknown as { refresh(): Promise<void> }).refresh());
    expect(await shadowText(tab)).toContain("12,500");
    expect(statuses).toEqual([200, 304, 304]);
    expect(upstream.requests).toHaveLength(1);
    await tab.close();
  }, stretched(30_000));

  test("a stale answer (upstream failing, the route serving its last good one) shows as of when it was read", async () => {
    let now = Date.now();
    const upstream = await startFaultServer(json(200, example), json(500, { error: "boom" }));
    const handler = createBillingHandler({ apiKey: "k", baseUrl: upstream.url, maxRetries: 0, now: () => now, log: () => undefined });
    const node = toNodeHandler(handler);
    const url = await serve(page(), node);
    const tab = await browser.newPage();
    await tab.goto(url);
    await tab.locator("olostep-credits").locator('[role="progressbar"]').first().waitFor();
    expect(await shadowText(tab)).not.toContain("as of");
    now += 40_000;
    await tab.locator("olostep-credits").evaluate((element) => (element as unknown as { refresh(): Promise<void> }).refresh());
    const text = await shadowText(tab);
    expect(text).toContain("12,500");
    expect(text).toMatch(/as of \d{1,2}:\d{2}/);
    await tab.close();
  }, stretched(30_000));

  test("'as of' only on an answer that is stale as RFC 9111 reads its headers: not 4 s into a 6 s lifetime, yes at 8 s while the refresh is slow, not once refreshed", async () => {
    let now = Date.now();
    let refreshedUpstream = false;
    // Upstream dates its answers by the test's clock; the second read (the route's refresh) takes 4 s, longer than the
    // route keeps a stale viewer waiting for one.
    const answer =
      (delayMs: number): Handler =>
      (_req, res) => {
        const send = () => {
          res.writeHead(200, { "content-type": "application/json", date: new Date(now).toUTCString() }).end(JSON.stringify(example));
          refreshedUpstream = delayMs > 0;
        };
        if (delayMs > 0) setTimeout(send, delayMs);
        else send();
      };
    const upstream = await startFaultServer(answer(0), answer(4_000), answer(0));
    const node = toNodeHandler(createBillingHandler({ apiKey: "k", baseUrl: upstream.url, maxAgeSeconds: 6, random: () => 0, timeoutMs: 10_000, now: () => now, log: () => undefined }));
    const url = await serve(page(), node);
    const tab = await browser.newPage();
    await tab.goto(url);
    await tab.locator("olostep-credits").locator('[role="progressbar"]').first().waitFor();
    const refreshed = async () => {
      await tab.locator("olostep-credits").evaluate((element) => (element as unknown as { refresh(): Promise<void> }).refresh());
      return shadowText(tab);
    };
    now += 4_000;
    expect(await refreshed()).not.toContain("as of");
    now += 4_000;
    // Served stale while the route's refresh is slow.
    expect(await refreshed()).toMatch(/as of \d{1,2}:\d{2}/);
    expect(await within(10_000, () => refreshedUpstream)).toBe(true);
    expect(upstream.requests).toHaveLength(2);
    now += 500;
    expect(await refreshed()).not.toContain("as of");
    await tab.close();
  }, stretched(30_000));

  test("a balance without a boolean allow_usage says 'usage unknown', never 'usage allowed'", async () => {
    for (const [allow_usage, says] of [[undefined, "usage unknown"], ["yes", "usage unknown"], [false, "usage not allowed"], [true, "usage allowed"]] as const) {
      const upstream = await startFaultServer(json(200, { ...(example as object), allow_usage }));
      const url = await serve(page(), toNodeHandler(createBillingHandler({ apiKey: "k", baseUrl: upstream.url })));
      const tab = await browser.newPage();
      await tab.goto(url);
      await tab.locator("olostep-credits").locator('[role="progressbar"]').first().waitFor();
      const pill = await tab.locator("olostep-credits").evaluate((element) => element.shadowRoot!.querySelector(".pill")!.textContent);
      expect({ allow_usage, pill }).toEqual({ allow_usage, pill: says });
      await tab.close();
    }
  }, stretched(60_000));

  test("with MSW's setupWorker and olostep-billing/msw, the widget renders the mock's balance and buys, with no server but static files", async () => {
    const entry = `
      import { setupWorker } from "msw/browser";
      import { createHandlers } from ${JSON.stringify(resolve(REPO, "dist/esm/mocks/msw/index.js"))};
      const mock = createHandlers({ baseUrl: "/api/billing", chargeMs: 0 });
      await setupWorker(...mock.handlers).start({ serviceWorker: { url: "/mockServiceWorker.js" }, quiet: true, onUnhandledRequest: "bypass" });
      await import(${JSON.stringify(resolve(REPO, "dist/esm/src/widget/index.js"))});
      const widget = document.createElement("olostep-credits");
      widget.setAttribute("src", "/api/billing");
      widget.setAttribute("topup-credits", "10000");
      document.body.append(widget);
      window.mockRequests = () => mock.requests();
    `;
    const bundle = await build({ stdin: { contents: entry, resolveDir: REPO, loader: "js" }, bundle: true, format: "esm", platform: "browser", write: false, logLevel: "silent", target: "es2022" });
    const url = await serve({
      "/": ["text/html", '<!doctype html><meta charset="utf-8"><body><script type="module" src="/app.js"></script></body>'],
      "/app.js": ["text/javascript", bundle.outputFiles[0]!.text],
      "/mockServiceWorker.js": ["text/javascript", readFileSync(require.resolve("msw/mockServiceWorker.js"))],
    });
    const tab = await browser.newPage();
    tab.on("dialog", (dialog) => void dialog.accept());
    await tab.goto(url);
    await tab.locator("olostep-credits").locator('[role="progressbar"]').first().waitFor();
    expect(await shadowText(tab)).toContain("12,500");
    await tab.locator("olostep-credits").getByRole("button", { name: "Buy 10,000 credits" }).click();
    await tab.waitForFunction(() => document.querySelector("olostep-credits")?.shadowRoot?.textContent?.includes("awaiting payment"));
    // The first three: a read, the purchase, the read its page-wide event asked for (then the widget follows the lot).
    expect((await tab.evaluate(() => (window as unknown as { mockRequests(): unknown[] }).mockRequests())).slice(0, 3)).toEqual([
      { method: "GET", path: "/user/credits/info", status: 200 },
      { method: "POST", path: "/user/purchase-topup", status: 200 },
      { method: "GET", path: "/user/credits/info", status: 200 },
    ]);
    await tab.close();
  }, stretched(30_000));
});
