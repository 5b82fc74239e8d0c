// The options every typed method takes.

/** What every call takes: a signal to cancel it, and extra headers. */
export type CallOptions = {
  /** Cancels the call, retries and backoff included; rejects with the signal's reason (an AbortError). */
  signal?: AbortSignal;
  /** Extra request headers (for example `Prefer` against the mock). Authorization is always the client's. */
  headers?: Record<string, string>;
};
