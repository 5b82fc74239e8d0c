// What the route reads of a request and what it answers, as plain data: the Fetch entry wraps an answer in a Response,
// while the node:http adapter writes it straight to the socket, without building a Request or a Response per viewer
// (they were most of a cached read's cost).

/**
 * A request as the route reads it, and as the app's authorize() gets it: its method, its URL and its headers. A Fetch
 * Request is one; toNodeHandler passes a view of node:http's IncomingMessage (nothing is built per request).
 */
export type RouteRequest = {
  /** `GET`, `HEAD`, `POST`, … */
  readonly method: string;
  /** The whole URL, with the scheme and host the browser used. */
  readonly url: string;
  /** The request's headers, by name (any case); several values of one name joined with ", ". */
  readonly headers: {
    /** The header's value, or null. */
    get(name: string): string | null;
    /** Whether the request has the header. */
    has(name: string): boolean;
  };
  /** Aborted when the viewer leaves. */
  readonly signal?: AbortSignal;
};

/** An answer of the route's own, or a Response the app's authorize() returned, passed on as it is. */
export type RouteAnswer = { status: number; headers: Record<string, string>; body: string | null } | Response;

export function toResponse(answer: RouteAnswer): Response {
  return answer instanceof Response ? answer : new Response(answer.body, { status: answer.status, headers: answer.headers });
}
