// A browser's HTTP cache reading the route's answers, as RFC 9111 §4.2 computes it (and RFC 5861 for the stale
// windows): the freshness lifetime from max-age, the current age from Age, Date and the time the exchange took, all in
// seconds against the test's clock. Tests compare what this computes with the freshness the route itself holds.

/** One response as the cache received it: its headers, and (ms, the test's clock) when it was asked for and received. */
export type Received = { headers: Headers; requestTime: number; responseTime: number };

/** Cache-Control's directives (RFC 9111 §5.2): names lower-cased; a value unquoted; a repeated directive marked as such. */
export function directives(headers: Headers): Map<string, string | true | "repeated"> {
  const found = new Map<string, string | true | "repeated">();
  for (const part of (headers.get("cache-control") ?? "").split(",")) {
    const match = /^\s*([!#$%&'*+.^_`|~\w-]+)\s*(?:=\s*(?:"([^"]*)"|([^\s,]*)))?\s*$/.exec(part);
    if (!match) continue;
    const name = match[1]!.toLowerCase();
    found.set(name, found.has(name) ? "repeated" : (match[2] ?? match[3] ?? true));
  }
  return found;
}

/** A delta-seconds value (§1.2.2): digits only; anything else is invalid (undefined). */
function deltaSeconds(value: string | true | "repeated" | undefined): number | undefined {
  return typeof value === "string" && /^\d+$/.test(value) ? Number(value) : undefined;
}

/**
 * freshness_lifetime (§4.2.1) for a private cache: max-age, else Expires minus Date. A max-age that is repeated or
 * not a number makes the response stale (lifetime 0), as §4.2.1 asks; nothing at all: undefined (heuristics apply).
 */
export function freshnessLifetime(headers: Headers): number | undefined {
  const cc = directives(headers);
  if (cc.has("no-store") || cc.has("no-cache")) return 0;
  if (cc.has("max-age")) return deltaSeconds(cc.get("max-age")) ?? 0;
  const expires = headers.get("expires");
  if (expires !== null) {
    const date = Date.parse(headers.get("date") ?? "");
    const at = Date.parse(expires);
    return Number.isNaN(at) || Number.isNaN(date) ? 0 : Math.max(0, (at - date) / 1000);
  }
  return undefined;
}

/** current_age (§4.2.3): the corrected initial age plus the time the response has spent in this cache, at `now` (ms). */
export function currentAge(received: Received, now: number): number {
  const responseTime = received.responseTime / 1000;
  // A response without Date is dated by its recipient when received (RFC 9110 §6.6.1).
  const date = received.headers.has("date") ? Date.parse(received.headers.get("date")!) / 1000 : responseTime;
  const ageValue = deltaSeconds(received.headers.get("age") ?? undefined) ?? 0;
  const apparentAge = Math.max(0, responseTime - date);
  const responseDelay = responseTime - received.requestTime / 1000;
  const correctedAgeValue = ageValue + responseDelay;
  const correctedInitialAge = Math.max(apparentAge, correctedAgeValue);
  const residentTime = now / 1000 - responseTime;
  return correctedInitialAge + residentTime;
}

/** Seconds the response stays fresh from `now` (negative once stale): freshness_lifetime - current_age. */
export function freshnessLeft(received: Received, now: number): number {
  return (freshnessLifetime(received.headers) ?? 0) - currentAge(received, now);
}

/** Seconds left in which RFC 5861 lets the cache serve it stale: while revalidating, or while the origin fails. */
export function staleWindowsLeft(received: Received, now: number): { whileRevalidate: number; ifError: number } {
  const cc = directives(received.headers);
  const left = freshnessLeft(received, now);
  return { whileRevalidate: left + (deltaSeconds(cc.get("stale-while-revalidate")) ?? 0), ifError: left + (deltaSeconds(cc.get("stale-if-error")) ?? 0) };
}

/** Whether the cache may use the response without asking (§4.2): its lifetime is greater than its current age. */
export function isFresh(received: Received, now: number): boolean {
  return freshnessLeft(received, now) > 0;
}
