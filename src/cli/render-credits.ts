// The balance as a person reads it: totals, plan, and a table of lots with use and expiry.
import type { CreditLot, CreditsInfo } from "../index.js";
import { formatNumber, type Style } from "./style.js";

const DAY_MS = 86_400_000;

export function renderCredits(info: CreditsInfo, style: Style, now: number = Date.now()): string {
  const usage = info.allow_usage === false ? style.red("usage not allowed") : style.green("usage allowed");
  const lines = [`${style.bold("Credits")}  ${style.bold(formatNumber(info.credits ?? 0))} (${usage})`];
  const plan = info.active_subscription;
  if (plan) {
    const since = plan.created_at === undefined ? "" : `, since ${isoDate(plan.created_at)}`;
    const included = plan.credits === undefined ? "" : `: ${formatNumber(plan.credits)} credits included`;
    lines.push(`${style.bold("Plan")}     ${plan.display_name ?? "?"} (${plan.id ?? "?"})${included}${since}`);
  }
  const lots = info.breakdown ?? [];
  lines.push("");
  if (lots.length === 0) return [...lines, style.dim("No credit lots.")].join("\n");
  const rows = [["Kind", "Allocated", "Remaining", "Used", "Expires"], ...lots.map((lot) => lotRow(lot, now))];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  rows.forEach((row, index) => {
    const cells = row.map((cell, column) => (column === 0 || column === 4 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)));
    const line = cells.join("  ").trimEnd();
    const expired = index > 0 && lots[index - 1]!.expiry_date !== undefined && lots[index - 1]!.expiry_date! * 1000 < now;
    lines.push(index === 0 ? style.bold(line) : expired ? style.dim(line) : line);
  });
  return lines.join("\n");
}

function lotRow(lot: CreditLot, now: number): string[] {
  const allocated = lot.allocated_units;
  const remaining = lot.remaining_units;
  const used =
    allocated && remaining !== undefined ? `${Math.round(((allocated - remaining) / allocated) * 100)}%` : "-";
  return [
    lot.purchase_kind ?? "?",
    allocated === undefined ? "-" : formatNumber(allocated),
    remaining === undefined ? "-" : formatNumber(remaining),
    used,
    lot.expiry_date === undefined ? "-" : expiry(lot.expiry_date, now),
  ];
}

function expiry(unixSeconds: number, now: number): string {
  const days = Math.round((unixSeconds * 1000 - now) / DAY_MS);
  const when =
    unixSeconds * 1000 < now
      ? `EXPIRED ${formatNumber(-days)} ${plural(-days)} ago`
      : days === 0
        ? "today"
        : `in ${formatNumber(days)} ${plural(days)}`;
  return `${isoDate(unixSeconds)} (${when})`;
}

const plural = (days: number) => (days === 1 ? "day" : "days");

function isoDate(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().slice(0, 10);
}
