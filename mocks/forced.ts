// Documented answers forced by option (`force`), as the `Prefer` header that asks Prism, and the MSW handlers, for them.
import type { OperationName } from "../generated/operations.js";

/** A documented status to answer with, or a status and the name of one of its examples (`credits_exhausted`). */
export type ForcedAnswer =
  | number
  | {
      /** A status the operation documents: `402`. */
      status: number;
      /** The name of one of that status's examples: `credits_exhausted`. Default: its first. */
      example?: string;
    };

/**
 * Documented answers to give, by operation, instead of the model's: `{ "GET /user/credits/info": 500 }`, or
 * `{ "GET /user/credits/info": { status: 402, example: "credits_exhausted" } }`.
 */
export type ForcedStatuses = Partial<Record<OperationName, ForcedAnswer>>;

/** The `Prefer` header that asks for a forced answer: `code=402, example=credits_exhausted`. */
export function preferFor(forced: ForcedAnswer): string {
  if (typeof forced === "number") return `code=${forced}`;
  return forced.example === undefined ? `code=${forced.status}` : `code=${forced.status}, example=${forced.example}`;
}
