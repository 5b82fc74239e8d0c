// The contract matrix, derived from the spec: every operation x every documented status, and what covers it.
import { BillingError, AuthenticationError, IdempotencyError, RateLimitError, ServerError, type BillingClient } from "../../src";
import type { Spec } from "./spec";

type Example = Record<string, unknown> | undefined;

/** How the contract tests call each operation through the client (the spec's request example as input). */
export const CALLERS: Record<string, (client: BillingClient, headers: Record<string, string>, spec: Spec) => Promise<unknown>> = {
  "GET /user/credits/info": (client, headers) => client.getCreditsInfo({ headers }),
  "POST /user/purchase-topup": (client, headers, spec) => {
    const body = requestExample(spec, "/user/purchase-topup", "post") as { credits: 10000 };
    // The receipt's idempotencyKey is the client's own addition (tests/topup.test.ts): the API's part is compared here.
    return client.purchaseTopup(body.credits, { headers }).then(({ idempotencyKey: _key, ...receipt }) => receipt);
  },
};

export type Expectation =
  | { kind: "data"; equals: unknown }
  | { kind: "error"; class: typeof BillingError; fields: Record<string, unknown> };

/** What each documented status must become in the client. A status missing here is uncovered. */
export const OUTCOMES: Record<string, (example: Example) => Expectation> = {
  "200": (example) => ({ kind: "data", equals: example }),
  "401": () => ({ kind: "error", class: AuthenticationError, fields: { status: 401 } }),
  "402": () => ({ kind: "error", class: AuthenticationError, fields: { status: 402 } }),
  // The vendor's error object: `code` is the machine-readable part, as `error` is in ErrorResponse.
  "409": (example) => ({ kind: "error", class: IdempotencyError, fields: { status: 409, code: example?.code } }),
  "422": (example) => ({ kind: "error", class: IdempotencyError, fields: { status: 422, code: example?.code } }),
  "429": (example) => ({
    kind: "error",
    class: RateLimitError,
    fields: { status: 429, retryAfterSeconds: example?.retry_after, cooldownSeconds: example?.cooldown_seconds },
  }),
  "500": (example) => ({ kind: "error", class: ServerError, fields: { status: 500, code: example?.error } }),
};

export type ContractCase = { operation: string; path: string; method: string; status: string; expect: Expectation };

export function contractMatrix(spec: Spec): { cases: ContractCase[]; uncovered: string[] } {
  const cases: ContractCase[] = [];
  const uncovered: string[] = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const name = `${method.toUpperCase()} ${path}`;
      if (!CALLERS[name]) {
        uncovered.push(`${name}: no contract caller for this operation`);
        continue;
      }
      for (const [status, response] of Object.entries(operation.responses)) {
        const outcome = OUTCOMES[status];
        if (!outcome) {
          uncovered.push(`${name} ${status}: no outcome rule for this status`);
          continue;
        }
        const media = response.content?.["application/json"];
        // A documented body with no example leaves Prism to invent one, and the case nothing to compare.
        if (media && media.example === undefined) {
          uncovered.push(`${name} ${status}: the response documents a body but no example`);
          continue;
        }
        cases.push({ operation: name, path, method, status, expect: outcome(media?.example as Example) });
      }
    }
  }
  return { cases, uncovered };
}

function requestExample(spec: Spec, path: string, method: string): unknown {
  const body = spec.paths[path]?.[method]?.requestBody as { content?: Record<string, { example?: unknown }> } | undefined;
  return body?.content?.["application/json"]?.example;
}
