// The stateful mock's timing defaults, as data only: the mock reads them, and the CLI's help prints them without loading
// the mock (or Prism).

/** How long a purchase stays Pending, and how long a charge takes, unless the options say otherwise. */
export const STATEFUL_DEFAULTS = {
  /** A purchase is a `Pending` lot for this long, then lands. */
  settleMs: 3_000,
  /** A charge takes this long; a second request with its Idempotency-Key meanwhile gets 409. */
  chargeMs: 250,
} as const;
