// What the browser tests serve and watch: a page server with the built widget's modules and a route, and a record of
// every read the page made (its headers and when it arrived, on the page's own clock), its age counted as a browser
// counts it.
import { readdirSync, readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join, resolve } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { REPO } from "../helpers/run-script";

const WIDGET_DIR = resolve(REPO, "dist", "esm", "src", "widget");

/** The built widget's modules at `/widget/<name>.js`, as a page loads them (`/widget/index.js` imports the rest). */
export function widgetFiles(): Record<string, [type: string, body: Buffer]> {
  const names = readdirSync(WIDGET_DIR).filter((name) => name.endsWith(".js"));
  return Object.fromEntries(names.map((name) => [`/widget/${name}`, ["text/javascript", readFileSync(join(WIDGET_DIR, name))]]));
}

/** A page with `body` (widgets, say) and the widget's script. */
export const pageWith = (body: string) => `<!doctype html><meta charset="utf-8"><body>${body}<script type="module" src="/widget/index.js"></script></body>`;

export type PageServer = { url: string; close(): Promise<void> };

/** Serves `files` by path and hands everything under /api/billing to `route`; 127.0.0.1, port 0. */
export async function servePage(files: Record<string, [type: string, body: string | Buffer]>, route?: (req: IncomingMessage, res: ServerResponse) => void): Promise<PageServer> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://page").pathname;
    if (route && path.startsWith("/api/billing")) return route(req, res);
    const file = files[path];
    if (!file) return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": file[0], "cache-control": "no-store" }).end(file[1]);
  });
  return listenOnLoopback(server);
}

/** A test server on a free loopback port: its URL, and a close that ends its open connections too. */
export async function listenOnLoopback(server: Server): Promise<PageServer> {
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/** One read of the balance as the page got it: when (the page's clock), its status, headers and what it said. */
export type Read = { at: number; path: string; status: number; age: string | null; cacheControl: string | null; credits: unknown; pending: boolean };

/** Wraps the page's fetch before any script runs: every GET's answer is recorded as it arrives, on the page's clock. */
export async function recordReads(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const real = window.fetch.bind(window);
    const reads: unknown[] = [];
    Object.assign(window, { __olostepReads: reads });
    window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const response = await real(input, init);
      const at = Date.now();
      if ((init?.method ?? "GET") === "GET") {
        const body = (await response.clone().json().catch(() => undefined)) as { credits?: unknown; breakdown?: { purchase_kind?: string }[] } | undefined;
        const pending = Boolean(body?.breakdown?.some((lot) => lot.purchase_kind === "Pending"));
        reads.push({ at, path: new URL(response.url).pathname, status: response.status, age: response.headers.get("age"), cacheControl: response.headers.get("cache-control"), credits: body?.credits, pending });
      }
      return response;
    };
  });
}

export const readsOf = (page: Page) => page.evaluate(() => (window as unknown as { __olostepReads: Read[] }).__olostepReads);

const maxAgeOf = (read: Read) => Number(/max-age=(\d+)/.exec(read.cacheControl ?? "")?.[1] ?? Number.NaN);
/** How old an answer is at `time` (its Age, plus the time since it arrived), in seconds. */
export const ageAt = (read: Read, time: number) => Number(read.age ?? 0) + (time - read.at) / 1000;

/**
 * The reads (from the `from`th, by default after the first) that left an answer too old on screen: for each, the
 * answer shown `graceMs` after it arrived (the last read by then) was older than its max-age plus `slackSeconds`.
 * Empty when every read was current.
 */
export function tooOld(reads: Read[], { from = 1, graceMs = 2_000, slackSeconds = 2 } = {}): { read: Read; shown: Read; ageSeconds: number }[] {
  const ok = reads.filter((read) => read.status === 200);
  return ok.slice(from).flatMap((read) => {
    const time = read.at + graceMs;
    const shown = ok.filter((other) => other.at <= time).at(-1)!;
    const ageSeconds = ageAt(shown, time);
    return ageSeconds > maxAgeOf(shown) + slackSeconds ? [{ read, shown, ageSeconds }] : [];
  });
}

/** The text of the first (or `index`th) widget's shadow root. */
export const widgetText = (page: Page, index = 0) => page.locator("olostep-credits").nth(index).evaluate((element) => element.shadowRoot!.textContent ?? "");

/**
 * Waits until the widget at `index` shows `text`, asking from here: under a paused page clock, Playwright's own waiting
 * (which polls on the page's animation frames) would never ask again. The test's timeout bounds it.
 */
export async function untilShows(page: Page, index: number, text: string): Promise<void> {
  const shows = ([at, wanted]: [number, string]) => document.querySelectorAll("olostep-credits")[at]?.shadowRoot?.textContent?.includes(wanted) ?? false;
  while (!(await page.evaluate(shows, [index, text] as [number, string]))) await new Promise((resolve) => setTimeout(resolve, 20));
}
