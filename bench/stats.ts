// Small statistics for the benchmark: percentiles, medians, and how to print them.

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export const median = (values: number[]): number => percentile([...values].sort((a, b) => a - b), 50);

export function spread(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  return `${fixed(sorted[0]!)}–${fixed(sorted.at(-1)!)}`;
}

export const fixed = (value: number, digits = 2): string => value.toFixed(digits);

export function table(header: string[], rows: string[][]): string {
  const widths = header.map((_, i) => Math.max(header[i]!.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}
