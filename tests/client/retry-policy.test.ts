// The pure retry policy: which outcomes may be retried in which mode, and how long the waits are.
import { backoffDelayMs, IDEMPOTENT, NEVER, nextRetryDelayMs, policyFor, retryAfterMs, type AttemptOutcome } from "../../src/internal/retry";
import { SAME_KEY } from "../../src/internal/same-key-retry";

const transient: AttemptOutcome[] = [{ status: 503 }, { status: 429 }, { fault: "timeout" }, { fault: "connection" }];

test("a top-up (POST) without the caller's opt-in is never retried, whatever the status or fault", () => {
  expect(policyFor("POST", undefined)).toBe(NEVER);
  for (const outcome of transient) expect(nextRetryDelayMs(NEVER, outcome, 0, 10)).toBeUndefined();
});

test("GET and HEAD are retried on transient outcomes until maxRetries", () => {
  expect(policyFor("GET", SAME_KEY)).toBe(IDEMPOTENT);
  expect(policyFor("HEAD", undefined)).toBe(IDEMPOTENT);
  expect(nextRetryDelayMs(IDEMPOTENT, { status: 503 }, 0, 2)).toBeDefined();
  expect(nextRetryDelayMs(IDEMPOTENT, { fault: "connection" }, 1, 2)).toBeDefined();
  expect(nextRetryDelayMs(IDEMPOTENT, { status: 503 }, 2, 2)).toBeUndefined();
  expect(nextRetryDelayMs(IDEMPOTENT, { status: 200 }, 0, 2)).toBeUndefined();
});

test("same-key retries only what leaves the key unused: faults, 409, 429 without a cooldown, 503", () => {
  expect(policyFor("POST", SAME_KEY)).toBe(SAME_KEY);
  const retried = [{ fault: "timeout" }, { fault: "connection" }, { status: 409 }, { status: 429, body: '{"error":"rate_limited"}' }, { status: 503 }] as AttemptOutcome[];
  for (const outcome of retried) expect(SAME_KEY.retryable(outcome)).toBe(true);
  const cooldown = '{"error":"cooldown","retry_after":42}';
  const final = [{ status: 429, body: cooldown }, { status: 429, body: new TextEncoder().encode(cooldown).buffer }, { status: 400 }, { status: 402 }, { status: 403 }, { status: 422 }, { status: 500 }, { status: 502 }];
  for (const outcome of final) expect(SAME_KEY.retryable(outcome)).toBe(false);
  expect(SAME_KEY.readsBody?.(429)).toBe(true);
  expect(SAME_KEY.readsBody?.(503)).toBe(false);
});

test("backoff is full jitter under an exponential ceiling capped at 8 s", () => {
  expect(backoffDelayMs(0, () => 0.999)).toBe(499);
  expect(backoffDelayMs(1, () => 0.999)).toBe(999);
  expect(backoffDelayMs(10, () => 0.999)).toBe(7992);
  expect(backoffDelayMs(3, () => 0)).toBe(0);
});

test("Retry-After accepts delta-seconds and the three HTTP date forms, nothing else", () => {
  const now = Date.parse("2026-11-24T12:00:00Z");
  expect(retryAfterMs("1", now)).toBe(1000);
  expect(retryAfterMs("3600", now)).toBe(3_600_000);
  expect(retryAfterMs("Tue, 24 Nov 2026 12:00:05 GMT", now)).toBe(5000);
  expect(retryAfterMs("Tuesday, 24-Nov-26 12:00:05 GMT", now)).toBe(5000);
  expect(retryAfterMs("Tue Nov 24 12:00:05 2026", now)).toBe(5000);
  expect(retryAfterMs("Tue, 24 Nov 2026 11:00:00 GMT", now)).toBe(0);
  for (const junk of ["soon", "-5", "1 2", "-0.5", "0.5", "1e3", "2026-11-24", null]) expect(retryAfterMs(junk, now)).toBeUndefined();
});

test("junk in Retry-After falls back to backoff instead of an immediate retry", () => {
  expect(nextRetryDelayMs(IDEMPOTENT, { status: 503 }, 0, 2, "-5", () => 0.5)).toBe(250);
  expect(nextRetryDelayMs(IDEMPOTENT, { status: 503 }, 0, 2, "1 2", () => 0.5)).toBe(250);
});

test("a server asking for more than 60 s is not waited for: no retry at all", () => {
  expect(nextRetryDelayMs(IDEMPOTENT, { status: 429 }, 0, 2, "60")).toBe(60_000);
  expect(nextRetryDelayMs(IDEMPOTENT, { status: 429 }, 0, 2, "61")).toBeUndefined();
  expect(nextRetryDelayMs(IDEMPOTENT, { status: 503 }, 0, 2, "86400")).toBeUndefined();
});
