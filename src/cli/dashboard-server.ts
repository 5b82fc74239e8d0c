// The local dashboard: a page with <olostep-credits>, the widget's script, and the billing handler, on 127.0.0.1 only.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join, resolve } from "node:path";
import { createBillingHandler, HANDLER_DEFAULTS, toNodeHandler } from "../server/index.js";

export type DashboardOptions = {
  port?: number;
  apiKey?: string;
  baseUrl?: string;
  timeoutMs?: number;
  /** Show a "Buy credits" button and let the handler buy (against the mock, nothing real is charged). */
  allowTopup?: boolean;
  /** Seconds between the widget's reads. Default: the route's freshness (`maxAgeSeconds`), a read as its answer goes stale. */
  refreshSeconds?: number;
  /** The route's clock and its fetch for the API; tests pass their own. */
  now?: () => number;
  fetch?: typeof fetch;
};

export type RunningDashboard = { url: string; stop(): Promise<void> };

// The compiled widget (dist/esm), its modules side by side: beside the CLI's dist/cjs tree when installed, under dist/
// when run from source.
const WIDGET_CANDIDATES = [resolve(__dirname, "..", "..", "..", "esm", "src", "widget"), resolve(__dirname, "..", "..", "dist", "esm", "src", "widget")];

const SECURITY_HEADERS = {
  // The page runs only its own script; the widget's styles live in its shadow root.
  "content-security-policy": "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; img-src 'self'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cache-control": "no-store",
};

export async function startDashboard(options: DashboardOptions): Promise<RunningDashboard> {
  const widgetDir = WIDGET_CANDIDATES.find((dir) => existsSync(join(dir, "index.js")));
  if (!widgetDir) throw new Error("the widget is not built: run npm run build");
  // Read once, by name: the page loads /widget/index.js, which imports its siblings; no other path reaches the disk.
  const widget = new Map(readdirSync(widgetDir).filter((name) => name.endsWith(".js")).map((name) => [`/widget/${name}`, readFileSync(join(widgetDir, name))]));
  // The page's own origins once the port is known: 127.0.0.1 and localhost, both loopback, by name and port.
  let origins: string[] = [];
  const handle = toNodeHandler(
    createBillingHandler({
      apiKey: options.apiKey,
      baseUrl: options.baseUrl,
      timeoutMs: options.timeoutMs,
      allowTopup: options.allowTopup,
      now: options.now,
      fetch: options.fetch,
      // The door of a page on 127.0.0.1: only requests addressed to it by a loopback name (127.0.0.1 or localhost,
      // which the OS resolves to loopback) and its port. A page of another site that resolves its own name to
      // 127.0.0.1 (DNS rebinding) sends its own Host, and is refused.
      authorize: (request) => origins.includes(new URL(request.url).origin),
    }),
  );
  const page = pageHtml(options);
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://dashboard").pathname;
    if (path === "/api/billing" || path.startsWith("/api/billing/")) return handle(req, res);
    if (req.method !== "GET") return void res.writeHead(405, SECURITY_HEADERS).end();
    if (path === "/") return void res.writeHead(200, { ...SECURITY_HEADERS, "content-type": "text/html; charset=utf-8" }).end(page);
    if (path === "/favicon.ico") return void res.writeHead(204, SECURITY_HEADERS).end();
    const script = widget.get(path);
    if (script) return void res.writeHead(200, { ...SECURITY_HEADERS, "content-type": "text/javascript; charset=utf-8" }).end(script);
    res.writeHead(404, SECURITY_HEADERS).end();
  });
  await new Promise<void>((done, fail) => {
    server.once("error", fail);
    server.listen(options.port ?? 0, "127.0.0.1", done);
  });
  const port = (server.address() as AddressInfo).port;
  origins = [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
  return {
    url: `${origins[0]}/`,
    stop: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

function pageHtml(options: DashboardOptions): string {
  const topup = options.allowTopup ? ' topup-credits="10000"' : "";
  return `<!doctype html>
<html lang="en">
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Olostep credits</title>
<body style="font-family:system-ui,sans-serif;background:#f4f5f8;margin:0;padding:32px">
<h1 style="font-size:20px;margin:0 0 16px">Olostep credits</h1>
<olostep-credits src="/api/billing" refresh="${options.refreshSeconds ?? HANDLER_DEFAULTS.maxAgeSeconds}"${topup}></olostep-credits>
<script type="module" src="/widget/index.js"></script>
</body>
</html>
`;
}
