// The route's log: every 5xx it answers is logged with the error behind it, its cause chain intact, and never a key.
// Errors of this package never hold one; an error of the app's own code (authorize, an apiKey function, a custom fetch)
// might, and then the line gets a copy with the key cut out of every message and stack along the chain.

/** Where the route reports a failure: a line to read, and the original error (with its `cause`). */
export type RouteLog = (line: string, error?: unknown) => void;

/** Keys shorter than this are a test's, and cutting them out of every word would garble the text (as in bodies). */
const SHORTEST_KEY = 8;

/** `error` itself when no key is in any of its messages or stacks, down its causes; else a copy without the keys. */
export function keyless(error: unknown, keys: readonly string[], depth = 0): unknown {
  const real = keys.filter((key) => key.length >= SHORTEST_KEY);
  if (!real.length || !(error instanceof Error) || depth > 8) return typeof error === "string" ? cut(error, real) : error;
  const cause = "cause" in error ? keyless(error.cause, real, depth + 1) : undefined;
  const holds = (text: unknown) => typeof text === "string" && real.some((key) => text.includes(key));
  if (!holds(error.message) && !holds(error.stack) && cause === error.cause) return error;
  const copy = Object.create(Object.getPrototypeOf(error) as object) as Error;
  for (const name of Object.keys(error)) (copy as unknown as Record<string, unknown>)[name] = keyless((error as unknown as Record<string, unknown>)[name], real, depth + 1);
  Object.defineProperty(copy, "message", { value: cut(error.message, real), writable: true, configurable: true });
  Object.defineProperty(copy, "stack", { value: cut(error.stack ?? "", real), writable: true, configurable: true });
  if ("cause" in error) Object.defineProperty(copy, "cause", { value: cause, writable: true, configurable: true });
  return copy;
}

/** `text` with every real-length key cut out: the route's one rule for keys, in log lines and in stored bodies alike. */
export function cut(text: string, keys: readonly string[]): string {
  return keys.filter((key) => key.length >= SHORTEST_KEY).reduce((rest, key) => rest.split(key).join("[redacted]"), text);
}
