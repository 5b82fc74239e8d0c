// Misuse that must not compile: an unknown path on raw, a string where a number of milliseconds belongs, and a named
// answer the spec does not have. The test expects exactly these errors (types that silently became `any` give none).
import { createBillingClient } from "olostep-billing";
import { startMock } from "olostep-billing/mock";

const billing = createBillingClient({ apiKey: "k", timeoutMs: "5000" });
void billing.raw.GET("/does-not-exist");
void startMock({ force: { "GET /user/credits/info": { status: 402, example: "credits_exhuasted" } } });
