// The route under load, in a process of its own (as an app runs it): createBillingHandler with an authorize that reads
// the viewer's session, behind node:http on 127.0.0.1, against the upstream the bench names. The bench moves its clock (to stand in for the minute after a 429)
// and reads its heap after a collection, over IPC.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { createBillingHandler, toNodeHandler } from "../src/server";

setFlagsFromString("--expose-gc");
const collect = runInNewContext("gc") as () => void;

let offsetMs = 0;
// The set-up the docs show: a door that looks the viewer's session up (here a Map, as a session store's memory is).
const sessions = new Map([["bench-viewer", { userId: "u1" }]]);
const handle = createBillingHandler({
  apiKey: process.env.BENCH_API_KEY!,
  baseUrl: process.env.BENCH_UPSTREAM!,
  now: () => Date.now() + offsetMs,
  authorize: (request) => sessions.has(/(?:^|;\s*)sid=([^;]*)/.exec(request.headers.get("cookie") ?? "")?.[1] ?? ""),
});
const server = createServer(toNodeHandler(handle));
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => process.send?.({ port: (server.address() as AddressInfo).port }));

type Ask = { id: number; advanceMs?: number; heap?: true };
process.on("message", (ask: Ask) => {
  if (ask.advanceMs) offsetMs += ask.advanceMs;
  let heapBytes: number | undefined;
  if (ask.heap) {
    for (let i = 0; i < 3; i++) collect();
    heapBytes = process.memoryUsage().heapUsed;
  }
  process.send?.({ id: ask.id, heapBytes });
});
process.on("disconnect", () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
