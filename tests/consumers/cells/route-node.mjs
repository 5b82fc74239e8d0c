// The route the Node way: toNodeHandler on node:http. `route-node.mjs <upstream>` prints its URL, serves until killed.
import { createServer } from "node:http";
import { toNodeHandler } from "olostep-billing/server";
import { makeApp } from "./route-app.mjs";

const server = createServer(toNodeHandler(makeApp(process.argv[2])));
server.listen(0, "127.0.0.1", () => console.log(`http://127.0.0.1:${server.address().port}`));
