// readCredits and isTopupAmount from the outside: the spec's answers (read from a real server) as numbers with the
// vendor's defaults, and the top-up amounts exactly the spec's enum.
import { createBillingClient, isTopupAmount, readCredits, TOPUP_CREDITS, type CreditsInfo } from "../../src";
import { json, startFaultServer } from "../helpers/fault-server";
import { exampleOf, loadSpec, type Spec } from "../helpers/spec";

const spec = loadSpec() as Spec & { components: { schemas: Record<string, { properties: Record<string, { enum?: unknown[]; description?: string }> }> } };
const example = exampleOf(spec, "/user/credits/info", "get", "200") as CreditsInfo;

async function answered(body: unknown): Promise<CreditsInfo> {
  const server = await startFaultServer(json(200, body));
  return createBillingClient({ apiKey: "k", baseUrl: server.url, maxRetries: 0 }).getCreditsInfo();
}

describe("readCredits", () => {
  test("the spec's example reads as it is: every number kept, the raw answer left unchanged", async () => {
    const info = await answered(example);
    const before = structuredClone(info);
    expect(readCredits(info)).toEqual({ ...example, credits: 12_500, allow_usage: true });
    expect(info).toEqual(before);
  });

  test("an answer with nothing in it: 0 credits, usage unknown, no lots, the plan the vendor documents for no subscription", async () => {
    const reading = readCredits(await answered({}));
    expect(reading).toEqual({ credits: 0, breakdown: [], active_subscription: { id: "SUB_BASE" } });
    expect(Object.entries(reading)).toContainEqual(["allow_usage", undefined]);
    // The default is the vendor's own words in the spec, not a guess of ours.
    expect(spec.components.schemas.ActiveSubscription!.properties.id!.description).toContain("Falls back to `SUB_BASE` when no active subscription exists");
  });

  test("a lot without counts, usage refused, a plan without an id", async () => {
    const info = await answered({ allow_usage: false, breakdown: [{ purchase_kind: "Pending" }], active_subscription: { display_name: "Free" } });
    expect(readCredits(info)).toEqual({
      credits: 0,
      allow_usage: false,
      breakdown: [{ purchase_kind: "Pending", allocated_units: 0, remaining_units: 0 }],
      active_subscription: { id: "SUB_BASE", display_name: "Free" },
    });
  });

  test("counts that are not finite numbers (from a value built by hand) read as 0", () => {
    const handMade = { credits: Number.NaN, breakdown: [{ remaining_units: Infinity, allocated_units: "5" }] } as unknown as CreditsInfo;
    expect(readCredits(handMade)).toMatchObject({ credits: 0, breakdown: [{ remaining_units: 0, allocated_units: 0 }] });
  });
});

describe("isTopupAmount", () => {
  const amounts = spec.components.schemas.PurchaseTopupRequest!.properties.credits!.enum!;

  test("is true for exactly the spec's amounts", () => {
    expect(amounts.length).toBeGreaterThan(0);
    expect([...TOPUP_CREDITS]).toEqual(amounts);
    for (const amount of amounts) expect(isTopupAmount(amount)).toBe(true);
  });

  test.each([0, -10_000, 10_000.5, 12_345, Number.NaN, "10000", null, undefined, [10_000], { credits: 10_000 }])("is false for %p", (value) => {
    expect(isTopupAmount(value)).toBe(false);
  });
});
