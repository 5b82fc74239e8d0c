// The route as a node:http / Express `(req, res)` function. A viewer who disconnects aborts the request's signal, so
// that nobody keeps waiting for an answer no one will read. A read goes to the handler's core as a view of the
// IncomingMessage (no Request, no Response per viewer, authorize or not); the app's door gets that view and `req`.
import type { IncomingMessage, ServerResponse } from "node:http";
import { ROUTE_CORE, type BillingHandler, type RouteCore } from "./handler.js";
import type { RouteAnswer, RouteRequest } from "./route-answer.js";
import type { RouteLog } from "./route-options.js";

/** A purchase body is a few bytes; anything bigger is not one, and is not read further. */
const MAX_BODY = 16 * 1024;
/** Connection-level headers describe this hop only, and a Fetch Request refuses some of them. */
const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "upgrade", "proxy-connection", "te", "trailer", "host"]);

/** What toNodeHandler takes besides the handler. */
export type NodeHandlerOptions = {
  /** Where a failure of the handler itself or of writing its answer is reported, with the error. Default console.error. */
  log?: RouteLog;
};

/**
 * The handler as a `node:http` listener (Express, Fastify's raw hook, a plain `createServer`): reads answer without
 * building a Request or a Response, and a body is read only for a top-up, up to 16 KiB. authorize gets `req` (Express's,
 * with its session) as `context.req`; every `Set-Cookie` of a Response it returns is sent.
 */
export function toNodeHandler(handle: BillingHandler<never>, options: NodeHandlerOptions = {}): (req: IncomingMessage, res: ServerResponse) => void {
  const log = options.log ?? console.error;
  // A handler of another making (a wrapper of the app's own) gets real Requests and answers Responses.
  const core: RouteCore =
    (handle as BillingHandler<never> & { [ROUTE_CORE]?: RouteCore })[ROUTE_CORE] ??
    ((_request, incoming, withBody) => Promise.resolve(withBody()).then((real) => (handle as BillingHandler<unknown>)(real, incoming.req)));
  return (req, res) => {
    const viewer = new NodeViewer(req, res);
    const reads = viewer.method === "GET" || viewer.method === "HEAD";
    const answered = reads ? core(viewer, { req }, () => viewer.toRequest()) : viewer.withBody().then((request) => (request ? core(request, { req }, () => request) : TOO_LARGE));
    answered
      .catch((error: unknown) => {
        log("olostep-billing route: the handler failed (answered 500 internal)", error);
        return INTERNAL;
      })
      .then((answer) => write(res, answer))
      .catch((error: unknown) => {
        log("olostep-billing route: writing the answer failed; the connection was closed", error);
        res.destroy();
      });
  };
}

const json = (status: number, error: string): RouteAnswer => ({ status, headers: { "content-type": "application/json", "cache-control": "no-store" }, body: JSON.stringify({ error, status }) });
const TOO_LARGE = json(413, "too_large");
const INTERNAL = json(500, "internal");

/** One viewer's request as the route reads it; its signal and its Request are made only if something asks for them. */
class NodeViewer implements RouteRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: RouteRequest["headers"];
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
      has: (name) => incoming[name.toLowerCase()] !== undefined,
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
    const headers: Record<string, string> = {};
    answer.headers.forEach((value, name) => {
      if (name !== "set-cookie") headers[name] = value;
    });
    // Each cookie its own header line (a Headers object joins them, and a record keeps one), after any the app's
    // middleware set already (a session's).
    for (const cookie of answer.headers.getSetCookie()) res.appendHeader("set-cookie", cookie);
    res.writeHead(answer.status, headers);
    res.end(body);
    return;
  }
  res.writeHead(answer.status, answer.headers);
  res.end(answer.body ?? undefined);
}
