// A progress line on stderr, only on a TTY and only when a wait lasts longer than about 300 ms.
import type { Sink } from "./io.js";

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
const SHOW_AFTER_MS = 300;

/** Runs `work` with a spinner saying `label`; stdout stays clean for pipes and `--json`. */
export async function withProgress<T>(label: string, work: () => Promise<T>, stream: Sink): Promise<T> {
  if (!stream.isTTY) return work();
  let frame = 0;
  let shown = false;
  let ticker: ReturnType<typeof setInterval> | undefined;
  const delay = setTimeout(() => {
    shown = true;
    ticker = setInterval(() => stream.write(`\r${FRAMES[frame++ % FRAMES.length]} ${label}`), 80);
  }, SHOW_AFTER_MS);
  try {
    return await work();
  } finally {
    clearTimeout(delay);
    clearInterval(ticker);
    if (shown) stream.write("\r\u001b[2K");
  }
}
