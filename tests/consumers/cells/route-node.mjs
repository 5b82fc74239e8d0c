// The route the Node way: toNodeHandler on node:http, one per handler createBillingHandler made (toNodeHandler takes no
// function of another making). `route-node.mjs <upstream>` prints its URL, serves until killed.
import { createServer } from "node:http";
import { toNodeHandler } from "olostep-billing/server";
import { makeHandlers } from "./route-app.mjs";

const handlers = makeHandlers(process.argv[2]);
const cached = toNodeHandler(handlers.cached);
const uncached = toNodeHandler(handlers.uncached);
const server = createServer((req, res) => (req.url.startsWith("/uncached") ? uncached : cached)(req, res));
server.listen(0, "127.0.0.1", () => console.log(`http://127.0.0.1:${server.address().port}`));
