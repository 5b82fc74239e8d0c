// `credits` as a person reads it: usage allowed, not allowed, or unknown when the API did not say; a Pending lot is
// awaiting payment, not a lot whose credits were all used.
import { renderCredits } from "../../src/cli/render-credits";
import { styleFor } from "../../src/cli/style";
import { readCredits } from "../../src";

const plain = styleFor({ write: () => undefined, isTTY: false }, {});
const NOW = Date.UTC(2026, 11, 7, 12);
const inDays = (days: number) => Math.floor(NOW / 1000) + days * 86_400;

test.each([
  [true, "usage allowed"],
  [false, "usage not allowed"],
  [undefined, "usage unknown"],
  ["yes", "usage unknown"],
  [null, "usage unknown"],
])("allow_usage %p reads as %s, as readCredits reads it", (allow_usage, says) => {
  const info = { credits: 5, allow_usage } as Parameters<typeof renderCredits>[0];
  expect(renderCredits(info, plain, NOW).split("\n")[0]).toBe(`Credits  5 (${says})`);
  // The same three states as the kit's own reading of the answer.
  const reading = readCredits(info).allow_usage;
  expect(says).toBe(reading === true ? "usage allowed" : reading === false ? "usage not allowed" : "usage unknown");
});

test("a Pending lot shows as pending with no use, never as 0 remaining and 100% used", () => {
  const lots = [
    { purchase_kind: "Subscription" as const, allocated_units: 10_000, remaining_units: 8_500, expiry_date: inDays(30) },
    { purchase_kind: "Pending" as const, allocated_units: 10_000, remaining_units: 0, expiry_date: inDays(365) },
  ];
  const rows = renderCredits({ credits: 8_500, allow_usage: true, breakdown: lots }, plain, NOW).split("\n").slice(3);
  expect(rows[0]).toMatch(/^Subscription\s+10,000\s+8,500\s+15%\s/);
  expect(rows[1]).toMatch(/^Pending\s+10,000\s+pending\s+-\s+\d{4}-\d{2}-\d{2} \(in 365 days\)$/);
  expect(rows[1]).not.toContain("100%");
});

test("days to a lot's expiry are calendar days, as a person counts them from the date printed beside them", () => {
  const lateInTheDay = Date.UTC(2026, 11, 7, 18, 56);
  const row = (expiry: number, now = lateInTheDay) =>
    renderCredits({ credits: 5, allow_usage: true, breakdown: [{ purchase_kind: "Manual", allocated_units: 10, remaining_units: 5, expiry_date: expiry / 1000 }] }, plain, now).split("\n").at(-1)!;
  expect(row(Date.UTC(2027, 0, 6))).toMatch(/2027-01-06 \(in 30 days\)$/);
  expect(row(Date.UTC(2026, 11, 8, 1))).toMatch(/2026-12-08 \(in 1 day\)$/);
  expect(row(Date.UTC(2026, 11, 7, 23))).toMatch(/2026-12-07 \(today\)$/);
  expect(row(Date.UTC(2026, 11, 7, 9))).toMatch(/2026-12-07 \(EXPIRED today\)$/);
  expect(row(Date.UTC(2026, 11, 5, 23))).toMatch(/2026-12-05 \(EXPIRED 2 days ago\)$/);
});
