// The client's checks, the same on every runtime: a read, a 402 of each kind, a 503 then 200, a stalled upstream
// timing out twice on one client, a refused connection, a top-up's Idempotency-Key, and the read-only client.
// `stub` is the test's upstream: the first path segment picks its behaviour.
import { AuthenticationError, createBillingClient, createCreditsClient, InsufficientCreditsError, TimeoutError } from "olostep-billing";

const KEY = "sk_consumer_client_key";

const outcome = (promise) =>
  promise.then(
    (value) => ({ ok: value }),
    (error) => ({ error: error.name, code: error.code, message: error.message }),
  );

export async function clientChecks(stub, closedPort) {
  const client = (scenario, options = {}) => createBillingClient({ apiKey: KEY, baseUrl: `${stub}/${scenario}`, maxRetries: 0, ...options });
  const results = {};
  results.read = (await client("ok").getCreditsInfo()).credits;
  const invalid = await outcome(client("invalid-key").getCreditsInfo());
  results.invalidKey = [invalid.error, (await client("invalid-key").getCreditsInfo().catch((e) => e)) instanceof AuthenticationError];
  const exhausted = await client("exhausted").getCreditsInfo().catch((e) => e);
  results.exhausted = [exhausted.name, exhausted instanceof InsufficientCreditsError, exhausted.code];
  results.retried = (await client(`flaky-${Math.random().toString(36).slice(2)}`, { maxRetries: 2 }).getCreditsInfo()).credits;
  // One client, built once, two stalled calls: each must time out on its own (a runtime that drops timers between
  // requests must not leave the second without one).
  const stalling = client("stall", { timeoutMs: 300 });
  results.stalls = [];
  for (let call = 0; call < 2; call++) {
    const started = Date.now();
    const stalled = await stalling.getCreditsInfo().catch((e) => e);
    results.stalls.push([stalled.name, stalled instanceof TimeoutError, Date.now() - started < 3000]);
  }
  const refused = await createBillingClient({ apiKey: KEY, baseUrl: `http://127.0.0.1:${closedPort}`, maxRetries: 0 }).purchaseTopup(10000).catch((e) => e);
  results.refused = [refused.name, refused.code ?? null, /nothing was charged/.test(refused.message)];
  const receipt = await client("ok").purchaseTopup(10000, { idempotencyKey: "consumer-key-1" });
  results.topup = [receipt.idempotencyKey, receipt.payment_intent_id];
  const reader = createCreditsClient({ apiKey: KEY, baseUrl: `${stub}/ok` });
  results.readOnly = [typeof reader.getCreditsInfo, "purchaseTopup" in reader, "raw" in reader];
  return results;
}
