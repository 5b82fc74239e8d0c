// What the route reads of a request and what it answers, as plain data: the Fetch entry wraps an answer in a Response,
// while the node:http adapter writes it straight to the socket, without building a Request or a Response per viewer
// (they were most of a cached read's cost).

/** The parts of a request the route reads to serve the balance. A Fetch Request is one. */
export type RouteRequest = { readonly method: string; readonly url: string; readonly headers: { get(name: string): string | null }; readonly signal?: AbortSignal };

/** An answer of the route's own, or a Response the app's authorize() returned, passed on as it is. */
export type RouteAnswer = { status: number; headers: Record<string, string>; body: string | null } | Response;

export function toResponse(answer: RouteAnswer): Response {
  return answer instanceof Response ? answer : new Response(answer.body, { status: answer.status, headers: answer.headers });
}
