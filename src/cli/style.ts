// Terminal styling: colour only on a TTY and never with NO_COLOR (https://no-color.org).
import type { Sink } from "./io.js";

export type Style = { bold(text: string): string; dim(text: string): string; red(text: string): string; green(text: string): string; yellow(text: string): string };

export function styleFor(stream: Sink, env: Record<string, string | undefined>): Style {
  const on = stream.isTTY && !("NO_COLOR" in env && env.NO_COLOR !== "");
  const wrap = (open: number, close: number) => (text: string) => (on ? `\u001b[${open}m${text}\u001b[${close}m` : text);
  return { bold: wrap(1, 22), dim: wrap(2, 22), red: wrap(31, 39), green: wrap(32, 39), yellow: wrap(33, 39) };
}
