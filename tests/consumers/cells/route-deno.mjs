// The route the Deno way: Deno.serve with the Fetch handler. Prints its URL, serves until killed.
import { makeApp } from "./route-app.mjs";

const handle = makeApp(Deno.args[0]);
Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: ({ port }) => console.log(`http://127.0.0.1:${port}`) }, (request) => handle(request));
