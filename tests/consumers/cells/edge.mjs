// Vercel's edge runtime: the same Worker, registered the way edge-runtime runs a script (a fetch event listener).
import worker from "./worker.mjs";

addEventListener("fetch", (event) => event.respondWith(worker.fetch(event.request, {}, { waitUntil: (work) => event.waitUntil(work) })));
