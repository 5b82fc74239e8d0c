// When <olostep-credits> reads its route next: every `refresh` seconds; a second after a stale answer, once per stored
// copy (no loop against an upstream that is down); every couple of seconds while a lot is Pending, for a while; never
// before a Retry-After.
import { isStale, readUpstreamAt, sameCopy, untilSurelyStaleMs, type Freshness } from "./freshness.js";

/** After a stale answer, the one read again: the refresh the route started behind it can have finished by then. */
export const STALE_FOLLOW_UP_MS = 1_000;

/**
 * While a lot is Pending: a read every `everyMs` at most, for `forMs` after the first Pending answer or a purchase;
 * after a purchase, for `afterPurchaseMs` at least, even before its Pending lot shows (an API may list it late).
 */
export const PENDING_FOLLOW = { everyMs: 2_000, forMs: 120_000, afterPurchaseMs: 10_000 } as const;

/** The longest a Retry-After holds the next read back. */
export const MAX_RETRY_AFTER_MS = 300_000;

export class ReadSchedule {
  /** The last answer, while the last read gave one. */
  #answer: Freshness | undefined;
  /** When upstream gave the stale copy last read again: the same copy is not read again for being stale. */
  #followedUpCopy: number | undefined;
  #pending = false;
  /** Until when a Pending lot is followed; undefined while none is pending. */
  #followUntil: number | undefined;
  /** Until when a purchase from the page is followed, Pending lot or not. */
  #purchasedUntil = 0;
  #notBefore = 0;

  /** A read gave `answer`; `pending` when a lot of it is Pending; `retryAfterMs` when it asked for a wait. */
  answered(answer: Freshness, pending: boolean, retryAfterMs: number, now: number): void {
    this.#answer = answer;
    this.#notBefore = now + retryAfterMs;
    this.#pending = pending || now < this.#purchasedUntil;
    if (!this.#pending) this.#followUntil = undefined;
    else this.#followUntil ??= now + PENDING_FOLLOW.forMs;
  }

  /** A read failed (a Pending lot already seen is still followed, after the Retry-After if one came). */
  failed(retryAfterMs: number, now: number): void {
    this.#answer = undefined;
    this.#notBefore = now + retryAfterMs;
  }

  /** A purchase was made from the page: follow its Pending lot afresh. */
  purchased(now: number): void {
    this.#pending = true;
    this.#followUntil = now + PENDING_FOLLOW.forMs;
    this.#purchasedUntil = now + PENDING_FOLLOW.afterPurchaseMs;
  }

  /** Milliseconds until the next read, or undefined for none (no `refresh`, nothing stale or pending to follow). */
  next(refreshSeconds: number, now: number): number | undefined {
    const waits: number[] = [];
    if (refreshSeconds > 0) waits.push(refreshSeconds * 1000);
    const answer = this.#answer;
    if (answer && isStale(answer) && !sameCopy(answer, this.#followedUpCopy)) {
      this.#followedUpCopy = readUpstreamAt(answer);
      waits.push(STALE_FOLLOW_UP_MS);
    }
    if (this.#pending && this.#followUntil !== undefined && now < this.#followUntil) {
      // Every couple of seconds, and at the moment the route's copy has surely gone stale (so a read gets a newer one);
      // a copy already stale has had its one read again above.
      const untilStale = answer && !isStale(answer) ? untilSurelyStaleMs(answer, now) : undefined;
      waits.push(Math.min(PENDING_FOLLOW.everyMs, Math.max(STALE_FOLLOW_UP_MS, untilStale ?? PENDING_FOLLOW.everyMs)));
    }
    if (waits.length === 0) return undefined;
    return Math.max(Math.min(...waits), this.#notBefore - now);
  }
}
