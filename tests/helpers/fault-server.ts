// A real local HTTP server whose every answer a test scripts, for faults Prism cannot produce.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export type SeenRequest = { method: string; url: string; headers: IncomingMessage["headers"]; body: string; at: number };
/** `seen` is the request as recorded, body included. */
export type Handler = (req: IncomingMessage, res: ServerResponse, index: number, seen: SeenRequest) => void;

export type FaultServer = {
  url: string;
  requests: SeenRequest[];
  /** Connections the server still holds open (a client that never lets go of a socket shows here). */
  openSockets(): number;
  close(): Promise<void>;
};

/** Starts on 127.0.0.1, port 0. `handlers[i]` answers request i; the last one answers the rest. */
export async function startFaultServer(...handlers: Handler[]): Promise<FaultServer> {
  const requests: SeenRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const index = requests.length;
      const seen = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString(), at: Date.now() };
      requests.push(seen);
      const handler = handlers[Math.min(index, handlers.length - 1)];
      handler?.(req, res, index, seen);
    });
  });
  const sockets = new Set<Socket>();
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    openSockets: () => sockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        // Sockets held open by "never answers" handlers would keep close() waiting forever.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Handler =>
  (_req, res) => {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  };

export const text =
  (status: number, body: string, contentType = "text/plain"): Handler =>
  (_req, res) => {
    res.writeHead(status, { "content-type": contentType });
    res.end(body);
  };

/** Drops the connection without a response (the client sees a reset). */
export const reset: Handler = (req) => req.socket.destroy();

/** Accepts the request and never answers. */
export const hang: Handler = () => undefined;

/** Sends headers and half a body, then cuts the connection. */
export const cutMidBody: Handler = (_req, res) => {
  res.writeHead(200, { "content-type": "application/json", "content-length": "200" });
  res.write('{"credits": 12');
  setTimeout(() => res.socket?.destroy(), 20);
};

/** Sends headers and half a body, then stalls without closing. */
export const stallMidBody: Handler = (_req, res) => {
  res.writeHead(200, { "content-type": "application/json", "content-length": "200" });
  res.write('{"credits": 12');
};
