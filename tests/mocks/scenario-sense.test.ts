// Every scenario a new API key can start from, read as `credits` shows it, looks right to a person: the lots add up to
// the balance, usage agrees with the balance, the plan with its lot, percentages with the counts, and every date with
// today on the mock's clock (no lot expired, no plan older than its period). Names come from generated/, never a list.
import { scenarioNames } from "../../generated/named-answers";
import { operations } from "../../generated/operations";
import { createModel } from "../../mocks/stateful/model";
import { startModelServer, type ModelServer } from "../../mocks/stateful/server";
import { renderCredits } from "../../src/cli/render-credits";
import { styleFor } from "../../src/cli/style";
import type { CreditsInfo } from "../../src";
import { runCli } from "../helpers/cli";

const DAY_MS = 86_400_000;
/** The longest plan period and lot life there is (the spec example's yearly plan; the mock's top-ups last a year). */
const PERIOD_MS = 366 * DAY_MS;
// The mock's clock, injected: mid-afternoon of a day, so that "today" and "in N days" are not on a boundary.
const NOW = Date.UTC(2026, 11, 7, 15, 30);
const plain = styleFor({ write: () => undefined, isTTY: false }, {});
const CREDITS = operations["GET /user/credits/info"];

let server: ModelServer;
beforeAll(async () => {
  server = await startModelServer(createModel({ now: () => NOW }));
});
afterAll(() => server.close());

/** The scenario's balance as `credits --json` prints it from the mock's model, and as `credits` renders it then. */
async function read(name: string): Promise<{ code: number | null; info: CreditsInfo; text: string; stderr: string }> {
  const result = await runCli(["credits", "--json", "--api-key", `team:${name}`, "--base-url", server.url]);
  const info = result.code === 0 ? (JSON.parse(result.stdout) as CreditsInfo) : {};
  return { code: result.code, info, text: result.code === 0 ? renderCredits(info, plain, NOW) : "", stderr: result.stderr };
}

/** The lot table as printed: kind, allocated, remaining, used, expires. */
function rows(text: string): string[][] {
  const lines = text.split("\n");
  const header = lines.findIndex((line) => line.startsWith("Kind "));
  return lines.slice(header + 1).map((line) => line.split(/\s{2,}/).map((cell) => cell.trim()));
}
const count = (cell: string) => Number(cell.replace(/,/g, ""));

describe.each(scenarioNames.map((name) => [name] as const))("scenario %s", (name) => {
  test("answers a balance, or an error the spec documents for the balance", async () => {
    const { code, stderr } = await read(name);
    if (code === 0) return;
    // An error scenario (invalid_api_key, credits_exhausted): the balance's documented refusal, said in one line.
    expect(CREDITS.statuses.some((status) => stderr.includes(`status ${status}`))).toBe(true);
    expect(stderr.trimEnd().split("\n")).toHaveLength(1);
  });

  test("its lots add up to the balance, and usage agrees with it", async () => {
    const { code, info } = await read(name);
    if (code !== 0) return;
    const lots = info.breakdown ?? [];
    // Credits count lots that have landed and not expired; a Pending lot has not landed.
    const landed = lots.filter((lot) => lot.purchase_kind !== "Pending" && (lot.expiry_date ?? Infinity) * 1000 > NOW);
    expect(landed.reduce((sum, lot) => sum + (lot.remaining_units ?? 0), 0)).toBe(info.credits);
    for (const lot of lots) {
      expect(lot.remaining_units).toBeGreaterThanOrEqual(0);
      expect(lot.remaining_units).toBeLessThanOrEqual(lot.allocated_units!);
    }
    // Usage allowed with credits left; not allowed with none.
    expect(info.allow_usage).toBe((info.credits ?? 0) > 0);
  });

  test("its plan agrees with its subscription lot: the plan includes as many credits as the lot was given", async () => {
    const { code, info } = await read(name);
    if (code !== 0) return;
    const subscriptionLots = (info.breakdown ?? []).filter((lot) => lot.purchase_kind === "Subscription");
    const plan = info.active_subscription;
    if (subscriptionLots.length === 0) return;
    expect(plan?.credits).toBeGreaterThan(0);
    for (const lot of subscriptionLots) expect(lot.allocated_units).toBe(plan!.credits);
  });

  test("every date agrees with today on the mock's clock: nothing expired, no lot past a year away, the plan from within its period", async () => {
    const { code, info, text } = await read(name);
    if (code !== 0) return;
    for (const lot of info.breakdown ?? []) {
      expect(lot.expiry_date! * 1000).toBeGreaterThan(NOW);
      expect(lot.expiry_date! * 1000).toBeLessThanOrEqual(NOW + PERIOD_MS);
    }
    const created = info.active_subscription?.created_at;
    if (created !== undefined) {
      expect(created * 1000).toBeLessThanOrEqual(NOW);
      expect(created * 1000).toBeGreaterThanOrEqual(NOW - PERIOD_MS);
      // A subscription lot runs out within one period of the plan's start.
      for (const lot of (info.breakdown ?? []).filter((each) => each.purchase_kind === "Subscription")) {
        expect(lot.expiry_date! - created).toBeLessThanOrEqual(PERIOD_MS / 1000);
      }
    }
    expect(text).not.toContain("EXPIRED");
  });

  test("as `credits` prints it: the total, the usage, and each row's percentage agree with its counts", async () => {
    const { code, info, text } = await read(name);
    if (code !== 0) return;
    const [first] = text.split("\n");
    const usage = info.allow_usage === true ? "usage allowed" : info.allow_usage === false ? "usage not allowed" : "usage unknown";
    expect(first).toBe(`Credits  ${(info.credits ?? 0).toLocaleString("en-US")} (${usage})`);
    for (const [kind, allocated, remaining, used] of rows(text)) {
      if (remaining === "pending") {
        expect(kind).toBe("Pending");
        expect(used).toBe("-");
        continue;
      }
      expect(used).toBe(`${Math.round(((count(allocated!) - count(remaining!)) / count(allocated!)) * 100)}%`);
    }
  });
});
