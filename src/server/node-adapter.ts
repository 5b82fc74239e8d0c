// The Fetch-style handler as a node:http / Express `(req, res)` function.
import type { IncomingMessage, ServerResponse } from "node:http";

/** Only what the handler reads crosses over: method, the URL, Origin, Content-Type, Idempotency-Key and the body. */
const FORWARDED_HEADERS = ["origin", "content-type", "idempotency-key"];
const MAX_BODY = 16 * 1024;

export function toNodeHandler(handle: (request: Request) => Promise<Response>): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of req as AsyncIterable<Buffer>) {
        size += chunk.length;
        // A purchase body is a few bytes; anything big is not one, and is not read further.
        if (size > MAX_BODY) return send(res, new Response(JSON.stringify({ error: "too_large", status: 413 }), { status: 413 }));
        chunks.push(chunk);
      }
      const headers = new Headers();
      for (const name of FORWARDED_HEADERS) {
        const value = req.headers[name];
        if (typeof value === "string") headers.set(name, value);
      }
      const method = req.method ?? "GET";
      const url = `http://${req.headers.host ?? "localhost"}${req.url ?? "/"}`;
      const body = method === "GET" || method === "HEAD" || chunks.length === 0 ? undefined : Buffer.concat(chunks);
      send(res, await handle(new Request(url, { method, headers, body })));
    })().catch(() => send(res, new Response(JSON.stringify({ error: "internal", status: 500 }), { status: 500 })));
  };
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}
