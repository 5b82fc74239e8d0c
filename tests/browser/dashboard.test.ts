// The dashboard, the widget and the keyless client in real Chromium: what renders, and that the key never reaches it.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import type { Browser, Page } from "playwright-core";
import { startMock, type RunningMock } from "../../mocks/index";
import { startDashboard, type RunningDashboard } from "../../src/cli/dashboard-server";
import { chromiumMissing, launchChromium } from "../helpers/chromium";
import { json, startFaultServer, type FaultServer, type Handler } from "../helpers/fault-server";
import { REPO } from "../helpers/run-script";
import { exampleOf, loadSpec } from "../helpers/spec";
import { widgetFiles } from "./pages";
import { stretched } from "../../core/patience";

const CANARY = "sk_live_BROWSERCANARY_9c8d7e6f";
// The README's picture, refreshed only on request (npm run docs:screenshot): tests write no tracked file.
const SCREENSHOT = process.env.UPDATE_SCREENSHOT === "1" ? resolve(REPO, "docs", "dashboard.png") : undefined;
const example = exampleOf(loadSpec(), "/user/credits/info", "get", "200");

// On a laptop without Chromium the tests skip with the reason in their name; under CI=true they fail instead.
const skip = chromiumMissing !== undefined && process.env.CI !== "true";
const describeBrowser = skip ? describe.skip : describe;
if (skip) process.stderr.write(`tests/browser skipped: ${chromiumMissing}\n`);

describeBrowser(`in Chromium${skip ? ` (skipped: ${chromiumMissing})` : ""}`, () => {
  let browser: Browser;
  /** One stateful mock for the file (a Prism takes seconds to start): each test is a team of its own there. */
  let running: RunningMock;
  const stops: (() => Promise<unknown>)[] = [];
  beforeAll(async () => {
    if (chromiumMissing) throw new Error(`CI=true and ${chromiumMissing}`);
    [browser, running] = await Promise.all([launchChromium(), startMock({ settleMs: 1_500, chargeMs: 0 })]);
    // Prism's start-up alone may take 30 s on a machine whose cores are all busy.
  }, stretched(60_000));
  afterAll(() => Promise.all([browser?.close(), running?.stop()]));
  afterEach(async () => {
    // Every server a test started is stopped by its own handle, even when the test failed.
    for (const stop of stops.splice(0).reverse()) await stop();
  });

  async function dashboardOn(baseUrl: string, apiKey: string, options: { allowTopup?: boolean; refreshSeconds?: number } = {}): Promise<RunningDashboard> {
    const dashboard = await startDashboard({ port: 0, apiKey, baseUrl, ...options });
    stops.push(() => dashboard.stop());
    return dashboard;
  }
  async function api(...handlers: Handler[]): Promise<FaultServer> {
    const server = await startFaultServer(...handlers);
    stops.push(() => server.close());
    return server;
  }
  async function open(url: string): Promise<Page> {
    const page = await (await browser.newContext({ viewport: { width: 640, height: 560 } })).newPage();
    stops.push(() => page.context().close());
    await page.goto(url);
    return page;
  }
  const shadowText = (page: Page) => page.locator("olostep-credits").evaluate((element) => element.shadowRoot!.textContent ?? "");
  const bars = (page: Page) =>
    page.locator("olostep-credits").evaluate((element) =>
      [...element.shadowRoot!.querySelectorAll('[role="progressbar"]')].map((bar) => ({
        now: bar.getAttribute("aria-valuenow"),
        max: bar.getAttribute("aria-valuemax"),
        label: bar.getAttribute("aria-label"),
      })),
    );

  test("the dashboard renders the mock's numbers: the total, both lots as accessible bars, their expiry", async () => {
    const dashboard = await dashboardOn(running.url, "team-renders");
    const page = await open(dashboard.url);
    await page.waitForFunction(() => document.querySelector("olostep-credits")?.shadowRoot?.querySelector('[role="progressbar"]'));
    const text = await shadowText(page);
    expect(text).toContain("12,500");
    expect(text).toContain("usage allowed");
    expect(text).toContain("Pro (SUB_PRO) · 10,000 credits included");
    // The stateful mock moves the example's lots to today: the first expires in 30 days.
    const inThirtyDays = new Date((Math.floor(Date.now() / 86_400_000) + 30) * 86_400_000).toISOString().slice(0, 10);
    expect(text).toContain(`expires ${inThirtyDays}`);
    expect(await bars(page)).toEqual([
      { now: "8500", max: "10000", label: "Subscription: 8,500 of 10,000 credits left" },
      { now: "4000", max: "5000", label: "Top-up: 4,000 of 5,000 credits left" },
    ]);
  }, stretched(30_000));

  test("the dashboard at http://localhost:<port>/ shows the balance too (both names are loopback)", async () => {
    const dashboard = await dashboardOn(running.url, "team-localhost");
    const page = await open(dashboard.url.replace("127.0.0.1", "localhost"));
    await page.locator("olostep-credits").locator('[role="progressbar"]').first().waitFor();
    expect(await shadowText(page)).toContain("12,500");
  }, stretched(30_000));

  test("the key reaches the API but nothing the browser can see or send: requests, responses, page, shadow DOM, storage, cookies", async () => {
    // One API echoes the key back in its errors (a header and the body); another in a 200's body and a header.
    const echo: Handler = (req, res) => {
      res.writeHead(500, { "content-type": "application/json", "x-request-id": String(req.headers.authorization) });
      res.end(JSON.stringify({ error: String(req.headers.authorization) }));
    };
    const echoInAnswer: Handler = (req, res) => {
      res.writeHead(200, { "content-type": "application/json", "x-request-id": String(req.headers.authorization) });
      res.end(JSON.stringify({ ...(example as object), note: String(req.headers.authorization) }));
    };
    const failing = await dashboardOn((await api(echo)).url, CANARY);
    const upstream = await api(echoInAnswer);
    const answering = await dashboardOn(upstream.url, CANARY);
    const context = await browser.newContext();
    stops.push(() => context.close());
    const page = await context.newPage();
    const seen: string[] = [];
    page.on("request", (request) => void request.allHeaders().then((headers) => seen.push(request.url(), request.postData() ?? "", JSON.stringify(headers))));
    page.on("response", (response) => void Promise.all([response.allHeaders(), response.text().catch(() => "")]).then(([headers, body]) => seen.push(JSON.stringify(headers), body)));
    const browserSide = async () => {
      seen.push(await page.content());
      seen.push(await page.locator("olostep-credits").evaluate((element) => element.shadowRoot!.innerHTML));
      seen.push(await page.evaluate(() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, cookie: document.cookie })));
      seen.push(JSON.stringify(await context.cookies()));
    };
    await page.goto(failing.url);
    await page.locator("olostep-credits").locator('[role="alert"]').waitFor();
    expect(await shadowText(page)).toContain("Could not load the credits (upstream_unavailable)");
    await browserSide();
    await page.goto(answering.url);
    await page.locator("olostep-credits").locator('[role="progressbar"]').first().waitFor();
    expect(await shadowText(page)).toContain("12,500");
    await browserSide();

    // The test can see the key where it must be: the API got it.
    expect(upstream.requests[0]!.headers.authorization).toBe(`Bearer ${CANARY}`);
    // Server side: everything the dashboards serve, fetched again outside the browser, headers included.
    for (const dashboard of [failing, answering]) {
      for (const path of ["", ...Object.keys(widgetFiles()).map((file) => file.slice(1)), "api/billing", "favicon.ico"]) {
        const response = await fetch(`${dashboard.url}${path}`);
        seen.push(JSON.stringify([...response.headers]), await response.text());
      }
    }
    expect(seen.length).toBeGreaterThan(10);
    expect(seen.filter((text) => text.includes(CANARY) || text.includes(CANARY.slice(8, 20)))).toEqual([]);
  }, stretched(30_000));

  test("the keyless client (relative baseUrl) works in the browser against the handler's route", async () => {
    const upstream = await api(json(200, example));
    const dashboard = await dashboardOn(upstream.url, CANARY);
    const bundle = await build({ entryPoints: [resolve(REPO, "src/index.ts")], bundle: true, format: "iife", globalName: "OlostepBilling", platform: "browser", write: false, logLevel: "silent" });
    const page = await open(dashboard.url);
    const headersSent: Record<string, string>[] = [];
    page.on("request", (request) => void request.allHeaders().then((headers) => headersSent.push(headers)));
    // The page's CSP allows its own scripts only: the bundle goes in the way a devtools console would put it.
    await page.evaluate(`${bundle.outputFiles[0]!.text}; globalThis.OlostepBilling = OlostepBilling;`);
    const info = await page.evaluate(() => (globalThis as unknown as { OlostepBilling: typeof import("../../src") }).OlostepBilling.createBillingClient({ baseUrl: "/api/billing" }).getCreditsInfo());
    expect(info).toEqual(example);
    expect(headersSent.some((headers) => "authorization" in headers)).toBe(false);
    expect(upstream.requests.at(-1)!.headers.authorization).toBe(`Bearer ${CANARY}`);
  }, stretched(30_000));

  test("Buy credits (after a confirmation) adds a Pending lot that turns into a Top-up lot; screenshot for the README", async () => {
    // Its own refresh: the widget follows the Pending lot by itself until it lands.
    const dashboard = await dashboardOn(running.url, "team-buys", { allowTopup: true });
    const page = await open(dashboard.url);
    const buy = page.locator("olostep-credits").getByRole("button", { name: "Buy 10,000 credits" });
    await buy.waitFor();
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => void (dialogs.push(dialog.message()), dialog.accept()));
    await buy.click();
    await page.waitForFunction(() =>
      [...(document.querySelector("olostep-credits")?.shadowRoot?.querySelectorAll('[role="progressbar"]') ?? [])].some((bar) => bar.getAttribute("aria-label")?.includes("pending payment")),
    );
    expect(dialogs).toEqual(["Buy 10,000 credits with the team's saved card?"]);
    expect((await bars(page)).at(-1)).toEqual({ now: "0", max: "10000", label: "Pending: 0 of 10,000 credits left, pending payment" });
    const scratch = mkdtempSync(join(tmpdir(), "olostep-dashboard-"));
    await page.screenshot({ path: SCREENSHOT ?? join(scratch, "dashboard.png") });
    rmSync(scratch, { recursive: true, force: true });

    // The mock settles it 1.5 s after the purchase; the route holds its Pending answer up to 5 s.
    await page.waitForFunction(() => document.querySelector("olostep-credits")?.shadowRoot?.textContent?.includes("22,500"), undefined, { timeout: 20_000 });
    expect((await bars(page)).at(-1)).toMatchObject({ now: "10000", max: "10000", label: expect.stringMatching(/^Top-up: 10,000 of 10,000 credits left$/) });
    expect(running.requests().filter((request) => request.method === "POST")).toEqual([{ method: "POST", path: "/user/purchase-topup", status: 200 }]);
  }, stretched(30_000));
});
