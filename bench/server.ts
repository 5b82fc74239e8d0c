// The benchmark's server: answers the spec's example for GET /user/credits/info on 127.0.0.1, in its own process.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { exampleOf } from "../core/openapi/document";
import { loadSpec } from "../core/openapi/bundled";

const body = JSON.stringify(exampleOf(loadSpec(), "/user/credits/info", "get", "200"));

const server = createServer((_req, res) => {
  res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  res.end(body);
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  process.send?.({ port: (server.address() as AddressInfo).port });
});
process.on("disconnect", () => server.close(() => process.exit(0)));
