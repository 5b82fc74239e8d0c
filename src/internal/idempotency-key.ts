// The top-up's Idempotency-Key: made with Web Crypto (browsers and Node alike), or the caller's, checked before sending.
import type { Call } from "./error-mapping.js";
import { ValidationError } from "../errors.js";
import { HEADER_VALUE_RULE, isHeaderValue } from "./header-value.js";

/** The vendor's limit on a key's length (https://docs.olostep.com/api-reference/common/idempotency, "Key Format"). */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

export function newIdempotencyKey(): string {
  return globalThis.crypto.randomUUID();
}

/** 1–255 characters under the client's one header-value rule (a header would trim outer spaces, changing the key). */
export function checkIdempotencyKey(key: unknown, where: Call): void {
  if (!isHeaderValue(key) || key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    const shown = typeof key === "string" ? `a string of ${key.length} characters` : typeof key;
    throw new ValidationError(
      `idempotencyKey must be 1–${MAX_IDEMPOTENCY_KEY_LENGTH} characters of ${HEADER_VALUE_RULE}, not ${shown}; nothing was sent`,
      { ...where, idempotencyKey: undefined },
    );
  }
}
