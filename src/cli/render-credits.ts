// The balance as a person reads it: totals, plan, and a table of lots with use and expiry. Every field is untrusted.
import type { CreditLot, CreditsInfo } from "../index.js";
import type { Style } from "./style.js";
import { formatNumber, shown } from "./terminal-text.js";

const DAY_MS = 86_400_000;

export function renderCredits(info: CreditsInfo, style: Style, now: number = Date.now()): string {
  // Tri-state, as readCredits reads it: an answer that does not say is neither allowed nor refused.
  const usage = info.allow_usage === true ? style.green("usage allowed") : info.allow_usage === false ? style.red("usage not allowed") : style.yellow("usage unknown");
  const lines = [`${style.bold("Credits")}  ${style.bold(formatNumber(info.credits ?? 0))} (${usage})`];
  const plan = info.active_subscription;
  if (plan) {
    const since = plan.created_at === undefined ? "" : `, since ${isoDate(plan.created_at)}`;
    const included = plan.credits === undefined ? "" : `: ${formatNumber(plan.credits)} credits included`;
    lines.push(`${style.bold("Plan")}     ${shown(plan.display_name)} (${shown(plan.id)})${included}${since}`);
  }
  const lots = Array.isArray(info.breakdown) ? info.breakdown : [];
  lines.push("");
  if (lots.length === 0) return [...lines, style.dim("No credit lots.")].join("\n");
  const rows = [["Kind", "Allocated", "Remaining", "Used", "Expires"], ...lots.map((lot) => lotRow(lot, now))];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  rows.forEach((row, index) => {
    const cells = row.map((cell, column) => (column === 0 || column === 4 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)));
    const line = cells.join("  ").trimEnd();
    const expiry = lots[index - 1]?.expiry_date;
    const expired = index > 0 && typeof expiry === "number" && expiry * 1000 < now;
    lines.push(index === 0 ? style.bold(line) : expired ? style.dim(line) : line);
  });
  return lines.join("\n");
}

/** The spec's kind of a lot bought and not yet paid for: its credits are not there yet, so none of them is used. */
const PENDING: NonNullable<CreditLot["purchase_kind"]> = "Pending";

function lotRow(lot: CreditLot, now: number): string[] {
  const allocated = lot.allocated_units;
  const remaining = lot.remaining_units;
  const pending = lot.purchase_kind === PENDING;
  const used =
    !pending && typeof allocated === "number" && allocated > 0 && typeof remaining === "number"
      ? `${Math.round(((allocated - remaining) / allocated) * 100)}%`
      : "-";
  return [
    shown(lot.purchase_kind),
    allocated === undefined ? "-" : formatNumber(allocated),
    pending ? "pending" : remaining === undefined ? "-" : formatNumber(remaining),
    used,
    lot.expiry_date === undefined ? "-" : expiry(lot.expiry_date, now),
  ];
}

function expiry(unixSeconds: number, now: number): string {
  if (!Number.isFinite(unixSeconds)) return shown(unixSeconds);
  // Calendar days (UTC), as a person counts them from the date printed beside: 2027-01-06 seen on 2026-12-07 is in 30 days.
  const utcDay = (ms: number) => Math.floor(ms / DAY_MS);
  const days = utcDay(unixSeconds * 1000) - utcDay(now);
  const when =
    unixSeconds * 1000 < now
      ? days === 0
        ? "EXPIRED today"
        : `EXPIRED ${formatNumber(-days)} ${plural(-days)} ago`
      : days === 0
        ? "today"
        : `in ${formatNumber(days)} ${plural(days)}`;
  return `${isoDate(unixSeconds)} (${when})`;
}

const plural = (days: number) => (days === 1 ? "day" : "days");

function isoDate(unixSeconds: unknown): string {
  const date = typeof unixSeconds === "number" ? new Date(unixSeconds * 1000) : undefined;
  return date && !Number.isNaN(date.getTime()) ? date.toISOString().slice(0, 10) : shown(unixSeconds);
}
