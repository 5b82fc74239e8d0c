// What this kit reads from each answer of the API, which surface relies on it and what that surface would do wrong
// without it: data only, below every surface. The spec diff raises a change that removes, retypes or makes optional a
// field listed here to an error for this kit (scripts/tooling/spec-diff/kit.ts); the compiler holds every field to the
// generated types (a field the spec drops or retypes fails the type check here, in `spec:update` too); and
// tests/core/kit-reads.test.ts holds the list to the code, file by file, in both directions.
import type { paths } from "../generated/billing.js";

/**
 * The surfaces that read answers, as a finding names them ("check --min would …"), with the files where each reads.
 * The route is none of them: it stores and serves the answer as it came, reading no field of it.
 */
export const KIT_SURFACES = {
  readCredits: { name: "readCredits()", files: ["src/read-credits.ts"] },
  check: { name: "check --min", files: ["src/cli/commands/check.ts"] },
  credits: { name: "olostep-billing credits", files: ["src/cli/render-credits.ts"] },
  topup: { name: "olostep-billing topup", files: ["src/cli/commands/topup.ts"] },
  waitForCredits: { name: "waitForCredits()", files: ["src/internal/wait-for-credits.ts"] },
  widget: { name: "<olostep-credits>", files: ["src/widget/credits-element.ts", "src/widget/render.ts", "src/widget/purchase.ts", "src/widget/page-events.ts", "src/widget/freshness.ts", "src/widget/read-schedule.ts"] },
  errors: { name: "the client's errors", files: ["src/internal/error-mapping.ts", "src/internal/same-key-retry.ts"] },
  mock: { name: "the stateful mock", files: ["mocks/stateful/account.ts", "mocks/stateful/model.ts"] },
} as const;

export type KitSurface = keyof typeof KIT_SURFACES;

/** A JSON type as the spec names it. */
export type JsonType = "integer" | "number" | "string" | "boolean" | "array" | "object";

/** One field the kit reads: its JSON type, and for each surface relying on it what that surface would do without it. */
export type KitRead = { type: JsonType; reads: Partial<Record<KitSurface, string>> };

/** Operation ("GET /path", spec:diff's way) → status → field path in the JSON body (names joined by "/", an array's element as "items"). */
export type KitReads = Record<string, Record<string, Record<string, KitRead>>>;

export const KIT_READS = checked({
  "GET /user/credits/info": {
    "200": {
      credits: {
        type: "integer",
        reads: {
          readCredits: "read the balance as 0",
          check: "refuse every team, since the API would not say how many credits it has (exit 4)",
          credits: "show a balance of 0",
          topup: "wait for a balance it cannot read (--wait), and time out",
          waitForCredits: "never see the credits land (a balance it cannot read counts as 0), and time out",
          widget: "show the balance as ?",
          mock: "add settled top-ups to a balance the API no longer sends",
        },
      },
      allow_usage: {
        type: "boolean",
        reads: {
          readCredits: "give allow_usage undefined (usage unknown) for every team",
          check: "refuse every team, since the API would not say whether usage is allowed (exit 4)",
          credits: "show usage unknown for every team",
          widget: "show usage unknown for every team",
          mock: "still answer allow_usage: true after a settled top-up, a field the API no longer sends",
        },
      },
      breakdown: {
        type: "array",
        reads: {
          readCredits: "give every team no lots",
          credits: "show no credit lots",
          widget: "show no credit lots",
          mock: "add top-ups as lots to a list the API no longer sends",
        },
      },
      "breakdown/items/purchase_kind": {
        type: "string",
        reads: {
          credits: "show no kind for a lot",
          widget: "show a Pending lot (a top-up awaiting payment) as credits to use",
          mock: "mark top-ups Pending and Top-up in a field the API no longer sends",
        },
      },
      "breakdown/items/allocated_units": {
        type: "integer",
        reads: {
          readCredits: "read each lot's allocation as 0",
          credits: "show no allocation and no use for a lot",
          widget: "draw each lot's bar against 0 credits",
          mock: "give top-up lots an allocation the API no longer sends",
        },
      },
      "breakdown/items/remaining_units": {
        type: "integer",
        reads: {
          readCredits: "read what is left in each lot as 0",
          credits: "show no remaining credits and no use for a lot",
          widget: "show every lot as empty",
          mock: "give top-up lots a remainder the API no longer sends",
        },
      },
      "breakdown/items/expiry_date": {
        type: "integer",
        reads: {
          credits: "show no expiry, and never dim an expired lot",
          widget: "never mark a lot expired",
          mock: "move lots' expiry dates the API no longer sends",
        },
      },
      active_subscription: {
        type: "object",
        reads: {
          readCredits: "give every team the plan SUB_BASE (the vendor's fallback for no subscription)",
          credits: "show no plan",
          widget: "show no plan",
          mock: "move a plan's date the API no longer sends",
        },
      },
      "active_subscription/id": {
        type: "string",
        reads: {
          readCredits: "give every team the plan SUB_BASE (the vendor's fallback for no subscription)",
          credits: "show the plan with no id",
          widget: "show the plan's id as ?",
        },
      },
      "active_subscription/display_name": {
        type: "string",
        reads: { credits: "show the plan with no name", widget: "show the plan's name as ?" },
      },
      "active_subscription/credits": {
        type: "integer",
        reads: { credits: "leave out the credits the plan includes", widget: "show the credits the plan includes as ?" },
      },
      "active_subscription/created_at": {
        type: "integer",
        reads: { credits: "leave out since when the team has its plan", mock: "move a plan's date the API no longer sends" },
      },
    },
    "402": {
      code: {
        type: "string",
        reads: { errors: "read 402 credits_exhausted as an AuthenticationError (the CLI's exit 3, not 7)" },
      },
    },
  },
  "POST /user/purchase-topup": {
    "200": {
      payment_intent_id: {
        type: "string",
        reads: { topup: "print no payment id for a top-up that was paid", mock: "answer a payment id the API no longer sends" },
      },
      credits: {
        type: "integer",
        reads: { topup: "print the amount asked for as the amount bought", mock: "answer an amount the API no longer sends" },
      },
    },
    "429": {
      retry_after: {
        type: "integer",
        reads: {
          errors: "read the top-up cooldown as a plain rate limit, and a top-up with retry: \"same-key\" would retry into it instead of stopping",
          mock: "answer a cooldown with a field the API no longer sends",
        },
      },
      cooldown_seconds: {
        type: "integer",
        reads: { errors: "leave error.cooldownSeconds unset", mock: "answer a cooldown with a field the API no longer sends" },
      },
    },
  },
});

// The compiler's part: every operation, status and field above must be in generated/billing.ts with the type listed.
// A spec that drops or retypes one fails `npm run typecheck` (and `spec:update`'s) on the line of that field.

type Method = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";
type Body<Operation, Status> = Operation extends `${infer Verb} ${infer Path}`
  ? Path extends keyof paths
    ? Lowercase<Verb> extends Method & keyof paths[Path]
      ? Content<NonNullable<paths[Path][Lowercase<Verb> & keyof paths[Path]]>, Status>
      : never
    : never
  : never;
type Content<Op, Status> = Op extends { responses: infer Responses }
  ? Code<Status> extends keyof Responses
    ? Responses[Code<Status>] extends { content: { "application/json": infer Json } }
      ? Json
      : never
    : never
  : never;
/** openapi-typescript keys statuses by number (200), the list by text ("200", as the spec writes them). */
type Code<Status> = Status extends `${infer N extends number}` ? N : Status;
type Step<T, Name extends string> = Name extends "items" ? (T extends readonly (infer Item)[] ? Item : never) : T extends object ? (Name extends keyof T ? T[Name] : never) : never;
type At<T, Field extends string> = Field extends `${infer Head}/${infer Rest}` ? At<NonNullable<Step<NonNullable<T>, Head>>, Rest> : Step<NonNullable<T>, Field>;
type JsonOf<T> = [T] extends [never] ? never : T extends boolean ? "boolean" : T extends number ? "integer" | "number" : T extends string ? "string" : T extends readonly unknown[] ? "array" : T extends object ? "object" : never;
/** What the compiler says of a field the spec no longer has, on the field's line. */
type Missing = "no such field in generated/billing.ts: the spec dropped it";
type Expected<T> = [T] extends [never] ? Missing : T;
type Checked<R> = {
  [Operation in keyof R]: { [Status in keyof R[Operation]]: { [Field in keyof R[Operation][Status]]: { type: Expected<JsonOf<NonNullable<At<Body<Operation, Status>, Field & string>>>>; reads: KitRead["reads"] } } };
};

/** The list as written, checked by the compiler against the generated types (see above). */
function checked<R extends KitReads & Checked<R>>(reads: R): R {
  return reads;
}
