// The route the Bun way: Bun.serve with the Fetch handler. Prints its URL, serves until killed.
import { makeApp } from "./route-app.mjs";

const handle = makeApp(process.argv[2]);
const server = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: (request) => handle(request) });
console.log(`http://127.0.0.1:${server.port}`);
