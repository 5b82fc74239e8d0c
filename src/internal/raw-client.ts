// `raw`, the openapi-fetch client underneath, for the full client only: its calls and middleware use real Request and
// Response objects, which are turned into the transport's plain request and back. The read-only client has no `raw`
// (it could POST), so a bundle of that one carries none of this.
import type { RawClient, RawMiddleware } from "./openapi-fetch-types.js";
import { PlainRequest, type Transport } from "./transport.js";

/** A transport that also takes a real Request (from `raw`, or from any typed call once middleware is in use). */
export function acceptRealRequests(transport: Transport): (request: Request | PlainRequest) => Promise<Response> {
  return async (request) => {
    if (request instanceof PlainRequest) return (await transport(request)) as unknown as Response;
    // A real Request's body is a stream that cannot be sent twice: read it once, and send the bytes each attempt.
    const body = request.body ? await request.arrayBuffer() : null;
    const { method, signal, redirect } = request;
    const answer = await transport(new PlainRequest(request.url, { method, headers: new Headers(request.headers), body, signal, redirect, bytes: true }));
    const bytes = answer.body as ArrayBuffer;
    // An empty body is null: a Response with a 204 (or 205, 304) and any body at all cannot be built.
    return new Response(bytes.byteLength ? bytes : null, { status: answer.status, statusText: answer.statusText, headers: answer.headers });
  };
}

/** Counts middleware into `inUse`: while any is installed, typed calls build real Requests for it to see. */
export function trackMiddleware(raw: RawClient, inUse: Set<RawMiddleware>): RawClient {
  const { use, eject } = raw;
  raw.use = (...added) => (added.forEach((m) => inUse.add(m)), use(...added));
  raw.eject = (...removed) => (removed.forEach((m) => inUse.delete(m)), eject(...removed));
  return raw;
}
