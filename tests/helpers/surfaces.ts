// Every way a person or a log can see an error: message, stack, String(), JSON, util.inspect, and its whole cause chain.
import { inspect } from "node:util";

export function surfaces(error: unknown): string[] {
  const seen: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 10; depth++) {
    const e = current as Error;
    seen.push(e.message ?? "", e.stack ?? "", String(e), JSON.stringify(e) ?? "", JSON.stringify(e, Object.getOwnPropertyNames(e)) ?? "");
    seen.push(inspect(e, { depth: Infinity, showHidden: true }));
    current = e.cause;
  }
  return seen;
}

/** The surfaces that contain `secret`, or any listed piece of it; [] when none does. */
export function leaks(error: unknown, ...secrets: string[]): string[] {
  return surfaces(error).filter((text) => secrets.some((secret) => text.includes(secret)));
}
