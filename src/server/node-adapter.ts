// The route as a node:http / Express `(req, res)` function. A viewer who disconnects aborts the request's signal, so
// that nobody keeps waiting for an answer no one will read. A read goes to the handler's core as plain data (no
// Request, no Response per viewer); the app's own code (authorize, an apiKey function) still gets a real Request.
import type { IncomingMessage, ServerResponse } from "node:http";
import { ROUTE_CORE, type BillingHandler, type RouteCore } from "./handler.js";
import type { RouteAnswer, RouteRequest } from "./route-answer.js";

/** A purchase body is a few bytes; anything bigger is not one, and is not read further. */
const MAX_BODY = 16 * 1024;
/** Connection-level headers describe this hop only, and a Fetch Request refuses some of them. */
const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "upgrade", "proxy-connection", "te", "trailer", "host"]);

/**
 * The handler as a `node:http` listener (Express, Fastify's raw hook, a plain `createServer`): reads answer without
 * building a Request or a Response, and a body is read only for a top-up, up to 16 KiB.
 */
export function toNodeHandler(handle: BillingHandler): (req: IncomingMessage, res: ServerResponse) => void {
  // A handler of another making (a wrapper of the app's own) gets real Requests and answers Responses.
  const core: RouteCore = (handle as BillingHandler & { [ROUTE_CORE]?: RouteCore })[ROUTE_CORE] ?? ((request, context, materialize) => Promise.resolve(materialize()).then((real) => handle(real, context)));
  return (req, res) => {
    const viewer = new NodeViewer(req, res);
    const answered = viewer.method === "GET" || viewer.method === "HEAD" ? core(viewer, undefined, () => viewer.toRequest()) : viewer.withBody().then((request) => (request ? core(request, undefined, () => request) : TOO_LARGE));
    answered
      .then(
        (answer) => write(res, answer),
        () => write(res, { status: 500, headers: { "content-type": "application/json", "cache-control": "no-store" }, body: '{"error":"internal","status":500}' }),
      )
      .catch(() => res.destroy());
  };
}

const TOO_LARGE: RouteAnswer = { status: 413, headers: { "content-type": "application/json", "cache-control": "no-store" }, body: '{"error":"too_large","status":413}' };

/** One viewer's request as the route reads it; its signal and its Request are made only if something asks for them. */
class NodeViewer implements RouteRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: { get(name: string): string | null };
  #controller: AbortController | undefined;

  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
  ) {
    this.method = req.method ?? "GET";
    this.url = urlOf(req);
    const incoming = req.headers;
    this.headers = {
      get(name) {
        const value = incoming[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
      },
    };
  }

  get signal(): AbortSignal {
    if (!this.#controller) {
      const controller = (this.#controller = new AbortController());
      this.res.once("close", () => {
        if (!this.res.writableFinished) controller.abort(new DOMException("the viewer disconnected", "AbortError"));
      });
    }
    return this.#controller.signal;
  }

  toRequest(body?: string): Request {
    return new Request(this.url, { method: this.method, headers: headersOf(this.req), body, signal: this.signal });
  }

  /** The Request with its body, or undefined when the body is larger than any purchase could be. */
  async withBody(): Promise<Request | undefined> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of this.req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_BODY) return undefined;
      chunks.push(chunk);
    }
    return this.toRequest(Buffer.concat(chunks).toString("utf8"));
  }
}

/** The URL the browser asked for: Express's mount point included (originalUrl), and the scheme a proxy says it used. */
function urlOf(req: IncomingMessage): string {
  const forwarded = req.headers["x-forwarded-proto"];
  // Only for comparing a page's Origin with the route's own: a forged value can only claim this same host.
  const https = (req.socket as { encrypted?: boolean }).encrypted || (typeof forwarded === "string" && forwarded.split(",")[0]!.trim() === "https");
  const path = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? "/";
  return `${https ? "https" : "http"}://${req.headers.host ?? "localhost"}${path}`;
}

function headersOf(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || HOP_BY_HOP.has(name)) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  return headers;
}

async function write(res: ServerResponse, answer: RouteAnswer): Promise<void> {
  if (res.destroyed) return;
  if (answer instanceof Response) {
    const body = answer.body ? Buffer.from(await answer.arrayBuffer()) : undefined;
    res.writeHead(answer.status, Object.fromEntries(answer.headers));
    res.end(body);
    return;
  }
  res.writeHead(answer.status, answer.headers);
  res.end(answer.body ?? undefined);
}
