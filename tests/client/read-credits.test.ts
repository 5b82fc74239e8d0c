// readCredits's reading of allow_usage, from answers read from a real server: true and false as the API said them, and
// undefined (unknown) when it did not say, whatever else the answer holds; never a permissive default.
import { createBillingClient, readCredits, type CreditsInfo } from "../../src";
import { json, startFaultServer } from "../helpers/fault-server";

async function answered(body: unknown): Promise<CreditsInfo> {
  const server = await startFaultServer(json(200, body));
  return createBillingClient({ apiKey: "k", baseUrl: server.url, maxRetries: 0 }).getCreditsInfo();
}

test.each([
  ["true", { credits: 5, allow_usage: true }, true],
  ["false", { credits: 5, allow_usage: false }, false],
  ["absent", { credits: 5 }, undefined],
  ["absent from an answer with lots and a plan", { credits: 5, breakdown: [{ purchase_kind: "Top-up", remaining_units: 5 }], active_subscription: { id: "SUB_PRO" } }, undefined],
  ["a string", { credits: 5, allow_usage: "true" }, undefined],
  ["null", { credits: 5, allow_usage: null }, undefined],
  ["a number", { credits: 5, allow_usage: 1 }, undefined],
])("allow_usage %s reads as %p", async (_name, body, expected) => {
  const reading = readCredits(await answered(body));
  expect(Object.entries(reading)).toContainEqual(["allow_usage", expected]);
  expect(reading.credits).toBe(5);
});

test("a program that gates on the reading as the docs show refuses an unknown", async () => {
  const gate = (info: CreditsInfo) => {
    const { credits, allow_usage } = readCredits(info);
    if (allow_usage !== true) return `usage ${allow_usage === false ? "not allowed" : "unknown"}`;
    return credits >= 10 ? "go" : "not enough";
  };
  expect(gate(await answered({ credits: 50 }))).toBe("usage unknown");
  expect(gate(await answered({ credits: 50, allow_usage: false }))).toBe("usage not allowed");
  expect(gate(await answered({ credits: 50, allow_usage: true }))).toBe("go");
});
