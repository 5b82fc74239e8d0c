// Documented answers forced by option (`force`), as the `Prefer` header that asks Prism, and the MSW handlers, for them.
// The statuses and example names are the spec's (generated/named-answers.ts): a misspelt one does not compile, and one
// that slips through from JavaScript is refused at start with the names there are.
import { namedAnswers, type DocumentedStatus, type ExampleName } from "../generated/named-answers.js";
import type { OperationName } from "../generated/operations.js";

/**
 * A documented status of `Operation` to answer with (its first example), or a status and the name of one of its
 * examples: `402`, or `{ status: 402, example: "credits_exhausted" }`.
 */
export type ForcedAnswer<Operation extends OperationName = OperationName> =
  | DocumentedStatus<Operation>
  | {
      [Status in DocumentedStatus<Operation>]: {
        /** A status the operation documents: `402`. */
        status: Status;
        /** The name of one of that status's examples: `credits_exhausted`. Default: its first. */
        example?: ExampleName<Operation, Status>;
      };
    }[DocumentedStatus<Operation>];

/**
 * Documented answers to give, by operation, instead of the model's: `{ "GET /user/credits/info": 500 }`, or
 * `{ "GET /user/credits/info": { status: 402, example: "credits_exhausted" } }`.
 */
export type ForcedStatuses = { [Operation in OperationName]?: ForcedAnswer<Operation> };

/**
 * The `Prefer` header that asks for a documented answer: `code=402, example=credits_exhausted`. A name the spec does not
 * have (from JavaScript, where the types do not reach) throws, listing the names there are, as `force` does.
 */
export function preferHeader<Operation extends OperationName>(operation: Operation, answer: ForcedAnswer<Operation>): string {
  checkForced({ [operation]: answer } as ForcedStatuses, "preferHeader");
  if (typeof answer === "number") return `code=${answer}`;
  return answer.example === undefined ? `code=${answer.status}` : `code=${answer.status}, example=${answer.example}`;
}

/**
 * `force` as given, or an Error naming what the spec does not document and what it does: an operation it lacks, a
 * status the operation does not document, an example that status does not have.
 */
export function checkForced(force: ForcedStatuses | undefined, by = "force"): ForcedStatuses {
  for (const [operation, answer] of Object.entries(force ?? {}) as [string, ForcedAnswer | { status?: unknown; example?: unknown }][]) {
    const statuses = (namedAnswers as Record<string, Record<string, readonly string[]>>)[operation];
    if (!statuses) throw new Error(`${by}: the spec has no operation "${operation}"; its operations are ${Object.keys(namedAnswers).join(", ")}`);
    const status = String(typeof answer === "object" && answer !== null ? answer.status : answer);
    const examples = statuses[status];
    if (!examples) throw new Error(`${by}: ${operation} documents no status ${status}; its statuses are ${Object.keys(statuses).join(", ")}`);
    const example = typeof answer === "object" && answer !== null ? answer.example : undefined;
    if (example !== undefined && !examples.includes(example as string)) {
      const names = examples.length ? `its examples are ${examples.join(", ")}` : "it has no named example";
      throw new Error(`${by}: ${operation} ${status} has no example "${String(example)}"; ${names}`);
    }
  }
  return force ?? {};
}
