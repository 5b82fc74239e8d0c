// purchaseTopup: the one request that moves money. Sent once under an Idempotency-Key unless the caller opts in to
// retries with that same key; every failure says what it means for the charge.
import { purchaseTopupRequestCreditsValues } from "../../generated/billing.js";
import { postUserPurchaseTopup } from "../../generated/operations.js";
import { ApiError, IdempotencyError, ValidationError } from "../errors.js";
import { IDEMPOTENCY_IN_PROGRESS, IDEMPOTENCY_REUSE } from "./error-codes.js";
import type { Core } from "./core.js";
import type { Call, MoneyOutcomes } from "./error-mapping.js";
import { checkIdempotencyKey, newIdempotencyKey } from "./idempotency-key.js";
import { SAME_KEY } from "./same-key-retry.js";
import { createTransport } from "./transport.js";
import { acceptRealRequests } from "./raw-client.js";
import type { TopupCredits, TopupReceipt } from "../types.js";
import type { CallOptions } from "./call-options.js";

/** What `purchaseTopup` takes besides the amount: the Idempotency-Key and whether to retry with it. */
export type TopupOptions = CallOptions & {
  /** Sent as `Idempotency-Key`. Default: a fresh random UUID. 1–255 printable ASCII characters. */
  idempotencyKey?: string;
  /**
   * Default `"never"`: a top-up is sent once. `"same-key"` retries it with the same Idempotency-Key (up to
   * `maxRetries`) on connection errors, timeouts, 409, 429 without a cooldown body, and 503 only: the outcomes
   * the vendor documents as not using the key up. Never on the cooldown or another 4xx. The vendor documents
   * idempotency for POST requests without naming this endpoint: opt in knowing that.
   */
  retry?: "never" | "same-key";
};

/** The API's receipt, with the Idempotency-Key it was bought under. */
/** The receipt, with the Idempotency-Key it was bought under. */
export type TopupResult = TopupReceipt & {
  /** The key the purchase was sent with: store it with your order. */
  idempotencyKey: string;
};

/** A request that failed in flight leaves the caller unsure whether the card was charged: say so, and what to do. */
const TOPUP_OUTCOMES: MoneyOutcomes = {
  // In words, not a property name: the message reaches terminals and logs (the key is on the error as idempotencyKey).
  unknown: "; the charge may or may not have happened: retry with the same Idempotency-Key, or check the balance first",
  notSent: "; nothing was sent, so nothing was charged",
  paid: "; the payment went through (the status says so) but the receipt is unreadable: do not buy again, check the balance",
};

export function topupMethod({ client, call, secrets, transportOptions }: Core) {
  const sameKeyTransport = acceptRealRequests(createTransport(transportOptions, SAME_KEY));
  const { method, path } = postUserPurchaseTopup;

  return async function purchaseTopup(credits: TopupCredits, options: TopupOptions = {}): Promise<TopupResult> {
    const idempotencyKey = options.idempotencyKey ?? newIdempotencyKey();
    const where: Call = { method, path, idempotencyKey, secrets, money: TOPUP_OUTCOMES };
    checkIdempotencyKey(idempotencyKey, where);
    // Callers from JavaScript get no compile-time check; the spec's enum is enforced before anything is sent.
    if (!(purchaseTopupRequestCreditsValues as readonly unknown[]).includes(credits)) {
      const allowed = purchaseTopupRequestCreditsValues.join(", ");
      throw new ValidationError(`credits must be one of ${allowed}, not ${String(credits)}; nothing was sent`, where);
    }
    const receipt = await call<TopupReceipt>(where, (Request) =>
      client.POST(path, {
        body: { credits },
        params: { header: { "Idempotency-Key": idempotencyKey } },
        signal: options.signal,
        headers: options.headers,
        parseAs: "text",
        Request,
        fetch: options.retry === "same-key" ? sameKeyTransport : undefined,
      }),
    ).catch((error: unknown) => Promise.reject(asIdempotencyError(error, where)));
    return { ...receipt, idempotencyKey };
  };
}

/**
 * The vendor's refusals of the key itself (409 `idempotency_key_in_progress`, 422 `idempotency_key_reuse`) become
 * IdempotencyError, with what to do next; any other error stays as it was.
 */
function asIdempotencyError(error: unknown, { method, path }: Call): unknown {
  if (!(error instanceof ApiError)) return error;
  const reuse = error.code === IDEMPOTENCY_REUSE;
  if (!reuse && error.status !== 409 && error.code !== IDEMPOTENCY_IN_PROGRESS) return error;
  // The vendor's detail already says what to do ("Please wait and retry.", "Use a new key."): the advice is the
  // client's only when the answer gave none beyond its code, so that no message says it twice.
  const saidOnlyCode = error.message === `${method} ${path} failed with status ${error.status}${error.code ? `: ${error.code}` : ""}`;
  const next = !saidOnlyCode ? "" : reuse ? "; use a new key for a new purchase" : "; retry with the same key in a few seconds";
  // The facts are copied by name (BillingError keeps only its own); `cause` is not enumerable, so it is passed on.
  return new IdempotencyError(`${error.message}${next}`, { ...error, method, path, cause: error.cause });
}
