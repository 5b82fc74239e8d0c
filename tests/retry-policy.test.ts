// The pure retry policy: which requests may be retried, and how long the waits are.
import { backoffDelayMs, retryAfterMs, shouldRetry } from "../src/retry";

test("POST is never retried, whatever the status or fault", () => {
  for (const outcome of [{ status: 503 }, { status: 429 }, { fault: "timeout" as const }, { fault: "connection" as const }]) {
    expect(shouldRetry("POST", outcome, 0, 10)).toBe(false);
  }
});

test("GET and HEAD are retried on transient outcomes until maxRetries", () => {
  expect(shouldRetry("GET", { status: 503 }, 0, 2)).toBe(true);
  expect(shouldRetry("HEAD", { fault: "connection" }, 1, 2)).toBe(true);
  expect(shouldRetry("GET", { status: 503 }, 2, 2)).toBe(false);
  expect(shouldRetry("GET", { status: 200 }, 0, 2)).toBe(false);
});

test("backoff is full jitter under an exponential ceiling capped at 8 s", () => {
  expect(backoffDelayMs(0, () => 0.999)).toBe(499);
  expect(backoffDelayMs(1, () => 0.999)).toBe(999);
  expect(backoffDelayMs(10, () => 0.999)).toBe(7992);
  expect(backoffDelayMs(3, () => 0)).toBe(0);
});

test("Retry-After accepts seconds and HTTP dates, and is capped at 60 s", () => {
  const now = Date.parse("2026-11-24T12:00:00Z");
  expect(retryAfterMs("1", now)).toBe(1000);
  expect(retryAfterMs("3600", now)).toBe(60_000);
  expect(retryAfterMs("Tue, 24 Nov 2026 12:00:05 GMT", now)).toBe(5000);
  expect(retryAfterMs("Tue, 24 Nov 2026 11:00:00 GMT", now)).toBe(0);
  expect(retryAfterMs("soon", now)).toBeUndefined();
  expect(retryAfterMs(null, now)).toBeUndefined();
});
