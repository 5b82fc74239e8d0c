// Buying from the widget in Chromium, through the real route to the stateful mock (its MSW handlers, in this process):
// one purchase per click however it is clicked, one Idempotency-Key per purchase kept across the widget's own retries
// (only when the outcome is unknown), and a note that says what happened.
import { createServer, request, type IncomingMessage, type ServerResponse } from "node:http";
import { getResponse } from "msw";
import type { Browser, Page } from "playwright-core";
import { createHandlers, type MockHandlers } from "../../mocks/msw/node";
import { createBillingHandler, toNodeHandler } from "../../src/server";
import { chromiumMissing, launchChromium } from "../helpers/chromium";
import { startFaultServer, type Handler } from "../helpers/fault-server";
import { exampleOf, loadSpec } from "../helpers/spec";
import { listenOnLoopback, pageWith, servePage, widgetFiles, widgetText } from "./pages";
import { stretched } from "../../core/patience";

const spec = loadSpec();
const example = exampleOf(spec, "/user/credits/info", "get", "200");
const receipt = exampleOf(spec, "/user/purchase-topup", "post", "200");
const WIDGET = '<olostep-credits src="/api/billing" topup-credits="10000"></olostep-credits>';

const skip = chromiumMissing !== undefined && process.env.CI !== "true";
const describeBrowser = skip ? describe.skip : describe;
if (skip) process.stderr.write(`tests/browser skipped: ${chromiumMissing}\n`);

describeBrowser(`buying from the widget, in Chromium${skip ? ` (skipped: ${chromiumMissing})` : ""}`, () => {
  let browser: Browser;
  const stops: (() => Promise<unknown>)[] = [];
  beforeAll(async () => {
    if (chromiumMissing) throw new Error(`CI=true and ${chromiumMissing}`);
    browser = await launchChromium();
  }, stretched(30_000));
  afterAll(() => browser?.close());
  afterEach(async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
  });

  /**
   * The real route to the stateful mock's MSW handlers (purchases land at once), on a page server of its own. A purchase
   * reaching the mock calls `held`, and waits for what it returns.
   */
  async function routeToMock(held: () => Promise<void> = async () => undefined): Promise<{ url: string; mock: MockHandlers; keys: string[] }> {
    const mock = createHandlers({ settleMs: 0, chargeMs: 0 });
    const toMock: typeof fetch = async (input, init) => {
      const asked = new Request(input, init);
      if (asked.method === "POST") await held();
      return (await getResponse(mock.handlers, asked)) ?? new Response(null, { status: 404 });
    };
    const { url, keys } = await serveRoute(toMock);
    return { url, mock, keys };
  }
  /** A page with the widget and the real route (to `upstream`), recording the Idempotency-Key of every purchase it gets. */
  async function serveRoute(upstream: typeof fetch | string): Promise<{ url: string; keys: string[] }> {
    const fetchOption = typeof upstream === "string" ? { baseUrl: upstream } : { fetch: upstream };
    const node = toNodeHandler(createBillingHandler({ apiKey: "team-buys", ...fetchOption, allowTopup: true, authorize: () => true, log: () => undefined }));
    const keys: string[] = [];
    const server = await servePage({ "/": ["text/html", pageWith(WIDGET)], ...widgetFiles() }, (req, res) => {
      if (req.method === "POST") keys.push(String(req.headers["idempotency-key"]));
      node(req, res);
    });
    stops.push(() => server.close());
    return { url: server.url, keys };
  }
  async function open(url: string): Promise<{ page: Page; dialogs: string[] }> {
    const context = await browser.newContext();
    stops.push(() => context.close());
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => void (dialogs.push(dialog.message()), dialog.accept()));
    await page.goto(url);
    await page.locator("olostep-credits").locator('[role="progressbar"]').first().waitFor();
    return { page, dialogs };
  }
  const button = (page: Page) => page.locator("olostep-credits").getByRole("button", { name: "Buy 10,000 credits" });
  const note = (page: Page) => page.locator("olostep-credits").getByRole("status");
  const posts = (mock: MockHandlers) => mock.requests().filter((seen) => seen.method === "POST");

  test("a double click, and clicks while a purchase is in flight, ask once and buy once", async () => {
    let arrived!: () => void;
    const purchaseArrived = new Promise<void>((resolve) => (arrived = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const { url, mock } = await routeToMock(() => (arrived(), released));
    const { page, dialogs } = await open(url);
    const box = (await button(page).boundingBox())!;
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
    // The mouse, as a user's: a double click (Chromium drops what follows a confirm() of the first click), then two
    // more clicks on the same spot while the purchase is on its way.
    await page.mouse.dblclick(x, y);
    await purchaseArrived;
    await page.mouse.click(x, y);
    await page.mouse.click(x, y);
    expect(await button(page).isDisabled()).toBe(true);
    release();
    await note(page).filter({ hasText: /^Bought/ }).waitFor();
    expect(dialogs).toEqual(["Buy 10,000 credits with the team's saved card?"]);
    expect(posts(mock)).toEqual([{ method: "POST", path: "/user/purchase-topup", status: 200 }]);
    await expect(widgetText(page)).resolves.toContain("22,500");
    await expect(button(page).isEnabled()).resolves.toBe(true);
  }, stretched(30_000));

  test("an answer lost on the way (the connection drops after the route bought) is retried with the same Idempotency-Key: bought once", async () => {
    const { url, mock, keys } = await routeToMock();
    // In front of the page server: the first purchase goes through to the route, and its answer is thrown away.
    const front = await dropFirstPurchaseAnswer(url);
    stops.push(() => front.close());
    const { page } = await open(front.url);
    await button(page).click();
    await note(page).filter({ hasText: /^Bought/ }).waitFor();
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(await note(page).textContent()).toMatch(/^Bought \(after a retry with the same key, which cannot charge twice\)/);
    // The mock saw the key twice and charged once: the balance grew by one purchase.
    expect(posts(mock)).toHaveLength(2);
    await expect(widgetText(page)).resolves.toContain("22,500");
  }, stretched(30_000));

  test("the route's outcome_unknown is retried with the same key; a refusal is not, and says why", async () => {
    let purchases = 0;
    const upstream: Handler = (req, res) => {
      const answer = req.method === "GET" ? [200, example] : ++purchases === 1 ? [500, { error: "internal" }] : purchases === 2 ? [200, receipt] : [429, { retry_after: 42 }];
      res.writeHead(answer[0] as number, { "content-type": "application/json", ...(answer[0] === 429 ? { "retry-after": "42" } : {}) }).end(JSON.stringify(answer[1]));
    };
    const api = await startFaultServer(upstream);
    const { url, keys } = await serveRoute(api.url);
    const { page } = await open(url);
    await button(page).click();
    await note(page).filter({ hasText: /^Bought/ }).waitFor();
    const sent = api.requests.filter((seen) => seen.method === "POST").map((seen) => seen.headers["idempotency-key"]);
    expect(sent).toEqual([keys[0], keys[0]]);

    await button(page).click();
    await note(page).filter({ hasText: /^Not bought/ }).waitFor();
    expect(await note(page).textContent()).toBe("Not bought (rate_limited, try again in 42 s).");
    expect(api.requests.filter((seen) => seen.method === "POST")).toHaveLength(3);
    expect(keys).toHaveLength(3);
    expect(keys[2]).not.toBe(keys[0]);
  }, stretched(30_000));
});

/**
 * A proxy to `target` that lets the first POST reach it, waits for its whole answer, then cuts the browser's connection.
 * Every answer closes its connection: Chromium itself sends a request again, with the same headers, when a reused
 * connection fails before any answer; on a fresh one the page is told, and the widget's own retry is what is tested.
 */
async function dropFirstPurchaseAnswer(target: string): Promise<{ url: string; close(): Promise<void> }> {
  let dropped = false;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const upstream = request(new URL(req.url ?? "/", target), { method: req.method, headers: req.headers }, (answer) => {
      if (req.method === "POST" && !dropped) {
        dropped = true;
        answer.resume();
        answer.once("end", () => req.socket.destroy());
        return;
      }
      res.writeHead(answer.statusCode ?? 502, { ...answer.headers, connection: "close" });
      answer.pipe(res);
    });
    req.pipe(upstream);
  });
  return listenOnLoopback(server);
}
