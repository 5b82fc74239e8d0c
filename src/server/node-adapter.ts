// The route as a node:http / Express `(req, res)` function: the same core as the Fetch handler, given a view of the
// IncomingMessage (no Request, no Response per viewer) and the body only if a top-up asks for it. A viewer who
// disconnects aborts the request's signal, so that nobody keeps waiting for an answer no one will read.
import type { IncomingMessage, ServerResponse } from "node:http";
import { ConfigurationError } from "../index.js";
import { routeCoreOf, type BillingHandler } from "./handler.js";
import type { RouteAnswer, RouteRequest } from "./route-answer.js";
import type { RouteLog } from "./route-options.js";
import { MAX_BODY_BYTES } from "./topup-route.js";

/** What toNodeHandler takes besides the handler. */
export type NodeHandlerOptions = {
  /** Where a failure to write the answer (the connection gone mid-way) is reported, with the error. Default console.error. */
  log?: RouteLog;
};

/**
 * The handler made by createBillingHandler as a `node:http` listener (Express, Fastify's raw hook, a plain
 * `createServer`): reads answer without building a Request or a Response, and a body is read only for a top-up, up to
 * 16 KiB. authorize gets `req` (Express's, with its session) as `context.req`; every `Set-Cookie` of a Response it
 * returns is sent. The route matches the whole path the browser asked for (Express's `req.originalUrl`), against its
 * `basePath`.
 *
 * @throws ConfigurationError when `handle` was not made by createBillingHandler (a wrapper of the app's own): put the
 * app's logic in the handler's `authorize` and `apiKey` options instead.
 */
export function toNodeHandler(handle: BillingHandler<never>, options: NodeHandlerOptions = {}): (req: IncomingMessage, res: ServerResponse) => void {
  const core = routeCoreOf(handle);
  if (!core) {
    throw new ConfigurationError(
      "toNodeHandler takes the handler createBillingHandler() returned, not a function of another making: put your own checks in its authorize and apiKey options",
    );
  }
  const log = options.log ?? console.error;
  return (req, res) => {
    const viewer = new NodeViewer(req, res);
    core(viewer, { req }, () => viewer.bodyText())
      .then((answer) => write(res, answer))
      .catch((error: unknown) => {
        log("olostep-billing route: writing the answer failed; the connection was closed", error);
        res.destroy();
      });
  };
}

/** One viewer's request as the route reads it; its signal is made only if something asks for it. */
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

  /** The body as text, or undefined once it is larger than any purchase could be (the rest is not read). */
  async bodyText(): Promise<string | undefined> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of this.req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) return undefined;
      chunks.push(chunk);
    }
    return Buffer.concat(chunks).toString("utf8");
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
