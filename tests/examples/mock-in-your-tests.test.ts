// docs/testing.md's idea in this repository: application code tested against the stateful mock, as a user of olostep-billing/mock would.
import { createBillingClient, type BillingClient } from "../../src"; // in your project: "olostep-billing"
import { startMock, type RunningMock } from "../../mocks/index"; // in your project: "olostep-billing/mock"

// --- the application code under test -------------------------------------------------------------------------
const JOB_COST = 15_000;

async function startJob(billing: BillingClient): Promise<"started" | "bought credits, then started"> {
  const { credits = 0, allow_usage } = await billing.getCreditsInfo();
  if (allow_usage !== false && credits >= JOB_COST) return "started";
  const receipt = await billing.purchaseTopup(10000);
  await billing.waitForCredits({ atLeast: credits + receipt.credits!, intervalMs: 100, timeoutMs: 10_000 });
  return "bought credits, then started";
}

// --- the tests --------------------------------------------------------------------------------------------------
let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ settleMs: 300 }); // top-ups land after 0.3 s instead of a few seconds
}, 30_000);
afterAll(() => mock.stop());
beforeEach(() => mock.reset());

test("a team with 12,500 credits buys a top-up before a 15,000-credit job, once", async () => {
  const billing = createBillingClient({ apiKey: "team-a", baseUrl: mock.url });
  await expect(startJob(billing)).resolves.toBe("bought credits, then started");
  expect((await billing.getCreditsInfo()).credits).toBe(22_500);
  expect(mock.requests().filter((r) => r.method === "POST")).toEqual([{ method: "POST", path: "/user/purchase-topup", status: 200 }]);
});

test("a team whose credits are exhausted (an API key ending in :exhausted) also buys first", async () => {
  const billing = createBillingClient({ apiKey: "team-b:exhausted", baseUrl: mock.url });
  await expect(startJob(billing)).resolves.toBe("bought credits, then started");
});
