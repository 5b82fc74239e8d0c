// Misuse that must not compile: an unknown path on raw, and a string where a number of milliseconds belongs. The test
// expects exactly these two errors (types that silently became `any` would give none).
import { createBillingClient } from "olostep-billing";

const billing = createBillingClient({ apiKey: "k", timeoutMs: "5000" });
void billing.raw.GET("/does-not-exist");
