// The mock's own door, in front of Prism: it sees every request and the status it finally got, whoever answered it
// (the stateful model, Prism's mock, or Prism refusing it), which is what requests() and the one log line per request
// report; it forces answers asked for by option, as a `Prefer: code=…, example=…` header would, and refuses what the
// spec refuses and Prism lets through (request-checks.ts), so that it answers as the MSW handlers do.
import { Agent, createServer, request as forward, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { operations, type OperationName } from "../generated/operations.js";
import { preferHeader, type ForcedAnswer, type ForcedStatuses } from "./forced.js";
import { preferencesOf } from "./prefer.js";
import { emptyHeaderRefusal, MOCK_SPEC, routeOf, unauthorized, unparsableJson } from "./request-checks.js";
import { unreadableParameters } from "./parameter-checks.js";
import type { RequestLog } from "./request-log.js";
import { MockStartError } from "./start-errors.js";

export type { ForcedStatuses };

export type FrontDoorOptions = {
  /** Default: a free port. */
  port?: number;
  /** Where requests go on to (Prism). */
  target: string;
  force?: ForcedStatuses;
  /** Where each request is recorded, as it is answered. */
  log: RequestLog;
};

export type FrontDoor = { url: string; port: number; close(): Promise<void> };

const HOST = "127.0.0.1";

export async function startFrontDoor(options: FrontDoorOptions): Promise<FrontDoor> {
  const target = new URL(options.target);
  const agent = new Agent({ keepAlive: true });
  const forced = new Map(
    Object.entries(options.force ?? {}).map(([name, answer]) => [`${operations[name as OperationName].method} ${operations[name as OperationName].path}`, preferHeader(name as OperationName, answer as ForcedAnswer)]),
  );

  const server = createServer((req, res) => {
    const started = performance.now();
    const method = req.method ?? "GET";
    const url = new URL(req.url ?? "/", "http://mock");
    const path = url.pathname;
    const headers = { ...req.headers };
    const prefer = forced.get(`${method} ${path}`);
    if (prefer !== undefined && headers.prefer === undefined) headers.prefer = prefer;
    const seen = (answered: number) => options.log.record({ method, path, status: answered }, performance.now() - started);
    const send = (body?: Buffer) => {
      const upstream = forward({ host: target.hostname, port: target.port, method, path: req.url, headers, agent }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        answer.once("end", () => seen(answer.statusCode ?? 502));
      });
      upstream.once("error", () => {
        if (!res.headersSent) res.writeHead(502, { "content-type": "application/json" }).end('{"error":"the mock could not reach Prism"}');
        seen(502);
      });
      if (body === undefined) req.pipe(upstream);
      else upstream.end(body);
    };
    // What Prism lets through and the spec refuses (an empty Idempotency-Key) is refused here, as the MSW handlers do,
    // after the one refusal Prism gives before it (a JSON body that does not parse); and what would stop Prism's process
    // (parameter-checks.ts) is refused here too.
    const refused = refusedAtTheDoor(method, url, headers);
    if (!refused) return send();
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.once("end", () => {
      const body = Buffer.concat(chunks);
      if (unparsableJson(headers["content-type"] ?? null, body.toString("utf8"))) return send(body);
      res.writeHead(refused.status, refused.headers).end(JSON.stringify(refused.body));
      seen(refused.status);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(new MockStartError(`the mock could not listen on ${HOST}:${options.port ?? 0}: ${error.code === "EADDRINUSE" ? "the port is in use" : error.message}`)),
    );
    server.listen(options.port ?? 0, HOST, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${HOST}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Prism's refusal of a request that Prism itself would let through, once Prism's own 422, 404, 405 and 401 do not apply. */
function refusedAtTheDoor(method: string, url: URL, headers: IncomingHttpHeaders) {
  if ("status" in preferencesOf([headers.prefer ?? []].flat().join(", "), url.searchParams)) return undefined;
  const route = routeOf(url.pathname, method);
  if ("status" in route) return undefined;
  const header = (name: string) => {
    const value = headers[name.toLowerCase()];
    return typeof value === "string" ? value : Array.isArray(value) ? value.join(", ") : null;
  };
  const unreadable = unreadableParameters(MOCK_SPEC, route.parameters, { path: url.pathname, template: route.path, query: url.searchParams, header });
  if (unreadable) return unreadable;
  if (unauthorized(route, headers.authorization ?? null)) return undefined;
  return emptyHeaderRefusal(route, header);
}
