// The contract matrix, derived from the spec: every operation x every documented answer (each status, each of its
// named examples), and what covers it.
import type { OperationName } from "../../generated/operations";
import { defaultExample, operationsOf, requestExampleOf, type SpecPath } from "../../core/openapi/document";
import { BillingError, AuthenticationError, IdempotencyError, InsufficientCreditsError, RateLimitError, ServerError, type BillingClient } from "../../src";
import { CONVENIENCE_METHODS } from "../../src/internal/convenience-methods";
import { rawCaller } from "./raw-caller";
import type { Spec } from "./spec";

type Example = Record<string, unknown> | undefined;
export type Caller = (client: BillingClient, headers: Record<string, string>, spec: Spec) => Promise<unknown>;

/**
 * How the contract tests call each operation that has a method of its own (the spec's request example as input).
 * Keyed like CONVENIENCE_METHODS: a method without a caller here is a compile error. Every other operation the spec
 * documents is called through `raw` (raw-caller.ts), so a new operation needs no code here.
 */
export const CALLERS: Record<keyof typeof CONVENIENCE_METHODS, Caller> = {
  "GET /user/credits/info": (client, headers) => client.getCreditsInfo({ headers }),
  "POST /user/purchase-topup": (client, headers, spec) => {
    const body = requestExampleOf(spec, "/user/purchase-topup", "post") as { credits: 10000 };
    // The receipt's idempotencyKey is the client's own addition (tests/client/topup-idempotency.test.ts): the API's part is compared here.
    return client.purchaseTopup(body.credits, { headers }).then(({ idempotencyKey: _key, ...receipt }) => receipt);
  },
};

/** The caller of `name`: its method's, or the generic one through `raw`. */
export function callerFor(name: string, spec: Spec): Caller {
  return (CALLERS as Record<string, Caller>)[name] ?? rawCaller(spec, name);
}

export type Expectation =
  | { kind: "data"; equals: unknown }
  | { kind: "error"; class: typeof BillingError; fields: Record<string, unknown>; says?: string }
  /** Through `raw`: openapi-fetch's answer, the status and the body (data or error) as documented. */
  | { kind: "raw"; status: number; body: unknown };

/** What each documented status must become in the client. A status missing here is uncovered. */
export const OUTCOMES: Record<string, (example: Example) => Expectation> = {
  "200": (example) => ({ kind: "data", equals: example }),
  "401": () => ({ kind: "error", class: AuthenticationError, fields: { status: 401 } }),
  // The client's rule (DESIGN, docs/client.md): a 402 saying `credits_exhausted` is the team's credits, any other a bad key.
  "402": (example) =>
    example?.code === "credits_exhausted"
      ? { kind: "error", class: InsufficientCreditsError, fields: { status: 402, code: example.code } }
      : { kind: "error", class: AuthenticationError, fields: { status: 402 } },
  // The vendor's error object: `code` is the machine-readable part, as `error` is in ErrorResponse.
  "409": (example) => ({ kind: "error", class: IdempotencyError, fields: { status: 409, code: example?.code } }),
  "422": (example) => ({ kind: "error", class: IdempotencyError, fields: { status: 422, code: example?.code } }),
  "429": (example) => ({
    kind: "error",
    class: RateLimitError,
    fields: { status: 429, retryAfterSeconds: example?.retry_after, cooldownSeconds: example?.cooldown_seconds },
  }),
  // The spec's example says `{ "error": "Internal Server Error" }`: words, not a code, so they go into the message only.
  "500": (example) => ({ kind: "error", class: ServerError, fields: { status: 500, code: undefined }, says: example?.error as string }),
};

/** One documented answer: the status, and the named example asked for (none: the one Prism serves by default). */
export type ContractCase = { operation: OperationName; path: SpecPath; method: string; status: string; example?: string; expect: Expectation; raw: boolean };

/** The `Prefer` header that asks a mock for a case's documented answer. */
export const preferFor = (c: ContractCase): string => (c.example === undefined ? `code=${c.status}` : `code=${c.status}, example=${c.example}`);

/** The name a case is reported under: `GET /user/credits/info 402 credits_exhausted`. */
export const caseName = (c: ContractCase): string => [c.operation, c.status, c.example].filter((part) => part !== undefined).join(" ");

/** Read from the spec given (the coverage gate's tests pass edited copies); the committed spec's is generated/operations.ts. */
export function contractMatrix(spec: Spec): { cases: ContractCase[]; uncovered: string[] } {
  const cases: ContractCase[] = [];
  const uncovered: string[] = [];
  for (const { name, method, path, operation } of operationsOf(spec)) {
    const raw = !Object.hasOwn(CALLERS, name);
    for (const [status, response] of Object.entries(operation.responses)) {
      // Through `raw` any status is a case; a method's statuses must each map to what the method gives.
      const outcome = raw ? (example: Example) => ({ kind: "raw" as const, status: Number(status), body: example }) : OUTCOMES[status];
      if (!outcome) {
        uncovered.push(`${name} ${status}: no outcome rule for this status`);
        continue;
      }
      if (!/^\d{3}$/.test(status)) {
        uncovered.push(`${name} ${status}: not a status a mock can be asked for`);
        continue;
      }
      const media = response.content?.["application/json"];
      // What Prism serves for `Prefer: code=`: the `example`, or the first of the named `examples`.
      const example = media && defaultExample(media);
      // A documented body with no example leaves Prism to invent one, and the case nothing to compare.
      if (media && example === undefined) {
        uncovered.push(`${name} ${status}: the response documents a body but no example`);
        continue;
      }
      const base = { operation: name as OperationName, path: path as SpecPath, method, status, raw };
      const named = Object.entries(media?.examples ?? {});
      // One call per documented answer: each named example by its name, or the one example there is.
      if (named.length === 0) cases.push({ ...base, expect: outcome(example as Example) });
      for (const [exampleName, { value }] of named) cases.push({ ...base, example: exampleName, expect: outcome(value as Example) });
    }
  }
  return { cases, uncovered };
}
