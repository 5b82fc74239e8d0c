// The top-up's Idempotency-Key: made with Web Crypto (browsers and Node alike), or the caller's, checked before sending.
import type { Call } from "./error-mapping.js";
import { ValidationError } from "../errors.js";

/** The vendor's limit on a key's length (../shared/reference/errors-and-idempotency.md). */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

export function newIdempotencyKey(): string {
  return globalThis.crypto.randomUUID();
}

/** 1–255 printable ASCII characters, no white space at either end (a header would trim it, and the key would change). */
export function checkIdempotencyKey(key: unknown, where: Call): void {
  const ok = typeof key === "string" && key.length <= MAX_IDEMPOTENCY_KEY_LENGTH && /^[\x21-\x7e]([\x20-\x7e]*[\x21-\x7e])?$/.test(key);
  if (!ok) {
    const shown = typeof key === "string" ? `a string of ${key.length} characters` : typeof key;
    throw new ValidationError(
      `idempotencyKey must be 1–${MAX_IDEMPOTENCY_KEY_LENGTH} printable ASCII characters with no space at either end, not ${shown}; nothing was sent`,
      { ...where, idempotencyKey: undefined },
    );
  }
}
