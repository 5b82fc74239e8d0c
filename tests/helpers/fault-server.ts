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
  /**
   * Resolves once the server holds at most `count` connections: a test waits on the sockets' own close events, however
   * long a busy machine takes, and jest's timeout is the only bound.
   */
  socketsDownTo(count: number): Promise<void>;
  close(): Promise<void>;
};

// Every server a test starts is closed after that test by this one hook, whether the test passed or not.
const running = new Set<FaultServer>();
afterEach(async () => {
  await Promise.all([...running].map((server) => server.close()));
});

/**
 * Starts on 127.0.0.1, port 0, and is closed after the current test by itself. `handlers[i]` answers request i;
 * the last one answers the rest.
 */
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
  const waiting = new Set<{ count: number; done(): void }>();
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => {
      sockets.delete(socket);
      for (const waiter of waiting) if (sockets.size <= waiter.count) waiting.delete(waiter), waiter.done();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  const fault: FaultServer = {
    url: `http://127.0.0.1:${port}`,
    requests,
    openSockets: () => sockets.size,
    socketsDownTo: (count) => (sockets.size <= count ? Promise.resolve() : new Promise<void>((done) => void waiting.add({ count, done }))),
    // Safe to call twice: a test may close its server itself (to get a refused port) before the hook does.
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        running.delete(fault);
        // Sockets held open by "never answers" handlers would keep close() waiting forever.
        server.closeAllConnections();
        server.close(() => resolve());
      })),
  };
  // A server started in beforeAll (no current test) belongs to the file, and its afterAll closes it.
  if (expect.getState().currentTestName !== undefined) running.add(fault);
  return fault;
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
