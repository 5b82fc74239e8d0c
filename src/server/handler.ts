// createBillingHandler: serves the balance to a browser from the server side, where the key stays. One core for the
// Fetch API (Next.js route handlers, Hono, Bun, Deno) and a node:http / Express adapter (node-adapter.ts).
import {
  BillingError,
  createBillingClient,
  createCreditsClient,
  InsufficientCreditsError,
  AuthenticationError,
  RateLimitError,
  ServerError,
  TOPUP_CREDITS,
  ValidationError,
  type BillingClientOptions,
  type TopupCredits,
} from "../index.js";

export type BillingHandlerOptions = Pick<BillingClientOptions, "apiKey" | "baseUrl" | "timeoutMs" | "maxRetries" | "fetch"> & {
  /** Let the browser buy credits with POST (same-origin only, an amount from the spec's enum). Default false. */
  allowTopup?: boolean;
};

/** What the browser gets on failure: a code and a status, never an upstream message (it could carry a secret). */
export type HandlerError = { error: string; status: number; retryAfterSeconds?: number };

const NO_STORE = { "content-type": "application/json", "cache-control": "no-store" };

export function createBillingHandler(options: BillingHandlerOptions = {}): (request: Request) => Promise<Response> {
  const { allowTopup = false, ...clientOptions } = options;
  // Built once: a missing or unsafe key fails at start-up, not on a visitor's request. Without allowTopup the route
  // holds the read-only client, which has no way to buy at all.
  const billing = allowTopup ? createBillingClient(clientOptions) : undefined;
  const reader = billing ?? createCreditsClient(clientOptions);
  return async function handleBillingRequest(request: Request): Promise<Response> {
    if (request.method === "GET" || request.method === "HEAD") {
      // Nothing of the browser's request (headers, query) is forwarded: the route only ever reads the balance.
      return answer(() => reader.getCreditsInfo(), request.method === "HEAD");
    }
    if (request.method === "POST" && billing) {
      const refused = checkTopupRequest(request);
      if (refused) return json(refused, refused.status);
      const body = (await request.json().catch(() => undefined)) as { credits?: unknown } | undefined;
      if (!(TOPUP_CREDITS as readonly unknown[]).includes(body?.credits)) return json({ error: "invalid_credits", status: 400 }, 400);
      const idempotencyKey = request.headers.get("idempotency-key") ?? undefined;
      return answer(() => billing.purchaseTopup(body!.credits as TopupCredits, { idempotencyKey }));
    }
    return json({ error: "method_not_allowed", status: 405 }, 405, { allow: allowTopup ? "GET, HEAD, POST" : "GET, HEAD" });
  };
}

/** A purchase must come from a page of this same origin (the browser says which in Origin), as JSON. */
function checkTopupRequest(request: Request): HandlerError | undefined {
  const origin = request.headers.get("origin");
  if (!origin || origin !== new URL(request.url).origin) return { error: "cross_origin", status: 403 };
  if (!request.headers.get("content-type")?.startsWith("application/json")) return { error: "json_required", status: 415 };
  return undefined;
}

async function answer(call: () => Promise<unknown>, headOnly = false): Promise<Response> {
  try {
    const data = await call();
    return new Response(headOnly ? null : JSON.stringify(data), { status: 200, headers: NO_STORE });
  } catch (error) {
    const mapped = toHandlerError(error);
    return json(mapped, mapped.status);
  }
}

function toHandlerError(error: unknown): HandlerError {
  if (error instanceof RateLimitError) return { error: "rate_limited", status: 429, retryAfterSeconds: error.retryAfterSeconds };
  if (error instanceof InsufficientCreditsError) return { error: "credits_exhausted", status: 402 };
  // The server's key was refused: the browser did nothing wrong, so this is the gateway's failure.
  if (error instanceof AuthenticationError) return { error: "upstream_auth", status: 502 };
  if (error instanceof ValidationError) return { error: "invalid_request", status: 400 };
  if (error instanceof ServerError || !(error instanceof BillingError) || error.status === undefined) return { error: "upstream_unavailable", status: 502 };
  return { error: "upstream_refused", status: 502 };
}

function json(body: HandlerError, status: number, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...NO_STORE, ...headers } });
}
