// The benchmark's server: answers the spec's example for GET /user/credits/info on 127.0.0.1, in its own process.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

const spec = JSON.parse(readFileSync(resolve(__dirname, "..", "openapi", "billing.json"), "utf8"));
const body = JSON.stringify(spec.paths["/user/credits/info"].get.responses["200"].content["application/json"].example);

const server = createServer((_req, res) => {
  res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  res.end(body);
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  process.send?.({ port: (server.address() as AddressInfo).port });
});
process.on("disconnect", () => server.close(() => process.exit(0)));
