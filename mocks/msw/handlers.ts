// MSW request handlers on the stateful model: every operation of the spec at the API's base URL (or at your own route),
// answered as the Prism-backed mock answers it (prism-rules.ts), recorded for requests().
import type { http as MswHttp, HttpResponse as MswHttpResponse, HttpHandler } from "msw";
import { servers } from "../../generated/billing.js";
import { operations } from "../../generated/operations.js";
import { checkForced, type ForcedStatuses } from "../forced.js";
import { createRequestLog, type SeenByMock } from "../request-log.js";
import { createModel, type StatefulOptions } from "../stateful/model.js";
import { createPrismRules } from "./prism-rules.js";
import { isJsonType } from "../request-checks.js";

/** What `createHandlers()` takes: the stateful mock's options, and where to answer. */
export type HandlersOptions = StatefulOptions & {
  /**
   * Where the handlers answer. Default: the spec's server (`https://api.olostep.com`), where the client goes. A path
   * (`/api/billing`) is your own route (createBillingHandler), as a browser sees it: no key is required there, and the
   * path itself answers GET (the balance) and POST (a top-up), as the route does.
   */
  baseUrl?: string;
  /**
   * Answer these operations with a documented status (its first example), or a status and a named example
   * (`{ status: 402, example: "credits_exhausted" }`), as `Prefer: code=402, example=credits_exhausted` would.
   */
  force?: ForcedStatuses;
};

/** A request the handlers answered: the same record as the Prism host's (`SeenByMock`). */
export type SeenByHandlers = SeenByMock;

/** What `createHandlers()` returns: the handlers, and the mock's state to reset and inspect. */
export type MockHandlers = {
  /** For `setupServer(...handlers)` (msw/node) or `setupWorker(...handlers)` (msw/browser). */
  handlers: HttpHandler[];
  /** Forgets every balance, purchase and Idempotency-Key, and the requests seen. */
  reset(): void;
  /** The requests the handlers answered, oldest first: method, path (relative to the base URL) and status. */
  requests(): SeenByHandlers[];
};

/**
 * The command that installs the optional peer the handlers need, as tested. From msw 2.11.3 on, msw's dependencies are
 * ES modules only, which jest's CommonJS runtime cannot load (tried on Node 20, 22 and 24); msw 3 needs Node 22.12.
 */
export const MSW_INSTALL = "npm install --save-dev --save-exact msw@2.11.2";

type Msw = { http: typeof MswHttp; HttpResponse: typeof MswHttpResponse };

const CREDITS = operations["GET /user/credits/info"].path;
const TOPUP = operations["POST /user/purchase-topup"].path;

export function createHandlersWith({ http, HttpResponse }: Msw, options: HandlersOptions = {}): MockHandlers {
  const base = (options.baseUrl ?? servers[0].url).replace(/\/+$/, "");
  const keyless = base.startsWith("/");
  const model = createModel(options);
  const answer = createPrismRules(model, { force: checkForced(options.force), keyless });
  const log = createRequestLog(model);
  const basePath = keyless ? base : new URL(base).pathname.replace(/\/+$/, "");

  async function respond(request: Request, path: string, asGet = false) {
    const headOnly = request.method === "HEAD" && asGet;
    const forModel = headOnly ? new Request(request.url, { method: "GET", headers: request.headers }) : request;
    const started = performance.now();
    const result = await answer(forModel, path);
    log.record({ method: request.method, path, status: result.status }, performance.now() - started);
    // A HEAD gets a status and headers only, whatever the rules answered (as Node's server sends Prism's).
    const bodyless = result.body === undefined || headOnly || request.method === "HEAD";
    // As Prism serialises: JSON as JSON, a text (words, XML written out) as it is.
    const type = result.headers?.["content-type"] ?? "application/json";
    const text = bodyless ? null : typeof result.body === "string" && !isJsonType(type) ? result.body : JSON.stringify(result.body);
    const headers = { ...(result.body === undefined ? {} : { "content-type": "application/json" }), ...result.headers };
    return new HttpResponse(text, { status: result.status, headers });
  }

  const handlers = [http.all(`${base}/*`, ({ request }) => respond(request, new URL(request.url).pathname.slice(basePath.length)))];
  // The route itself: GET and HEAD read the balance, POST buys, as createBillingHandler answers at its mount path.
  if (keyless) handlers.push(http.all(base, ({ request }) => respond(request, request.method === "POST" ? TOPUP : CREDITS, true)));
  return {
    handlers,
    reset: log.reset,
    requests: log.list,
  };
}
