// Prism's reading of `Prefer` (and, with no such header, of `__code`, `__example`, `__dynamic`, `__seed` in the query):
// preferences split at commas, parameters at semicolons, names in any case, values maybe quoted, the first of a name
// winning; then decoded, a bad value being Prism's 422. One reading for the MSW handlers, the Prism host's model server
// (which leaves to Prism's mock exactly the requests that ask Prism for something) and its front door.
import { problem } from "./request-checks.js";
import type { Answer } from "./stateful/account.js";

/** What a request asks Prism for: a status (three digits), a named example, random bodies, their seed. */
export type Preferences = { code?: string; example?: string; dynamic?: boolean; seed?: string };

const NAMES = ["code", "dynamic", "seed", "example"] as const;

/** The request's preferences, or Prism's 422 when one of them cannot be decoded. */
export function preferencesOf(prefer: string | null | undefined, query: URLSearchParams): Preferences | Answer {
  const raw: Record<string, string | true | undefined> = {};
  if (prefer) {
    for (const preference of splitOutsideQuotes(prefer, ",")) {
      const [first] = splitOutsideQuotes(preference, ";");
      const at = first!.indexOf("=");
      const name = (at < 0 ? first! : first!.slice(0, at)).trim().toLowerCase();
      let value = at < 0 ? "" : first!.slice(at + 1).trim();
      if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
      if (raw[name] === undefined) raw[name] = value === "" ? true : value;
    }
  } else {
    for (const name of NAMES) raw[name] = query.get(`__${name}`) ?? undefined;
  }
  const wrong: string[] = [];
  const decoded: Preferences = {};
  for (const name of NAMES) {
    const value = raw[name];
    if (value === undefined) continue;
    if (typeof value !== "string") wrong.push(cannot(name, "true", "should be string"));
    else if (name === "code" && !/^\d{3}$/.test(value)) wrong.push(cannot(name, JSON.stringify(value), "should be a number"));
    else if (name === "dynamic" && value !== "true" && value !== "false") wrong.push(cannot(name, JSON.stringify(value), "should be a boolean"));
    else if (name === "dynamic") decoded.dynamic = value === "true";
    else decoded[name] = value;
  }
  if (wrong.length > 0) return problem(422, "UNPROCESSABLE_ENTITY", "Invalid request", wrong.join("\n"));
  return decoded;
}

/** Whether Prism's mock, rather than the stateful model, answers: a status, an example or random bodies asked for. */
export const asksPrism = (preferences: Preferences): boolean =>
  preferences.code !== undefined || preferences.example !== undefined || preferences.dynamic !== undefined;

const cannot = (name: string, value: string, should: string) => `optional property "${name}"\n└─ cannot decode ${value}, ${should}`;

function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let start = 0;
  let quoted = false;
  for (let index = 0; index <= text.length; index += 1) {
    const char = index < text.length ? text[index] : separator;
    if (char === '"') quoted = !quoted;
    else if (char === separator && !quoted) {
      parts.push(text.slice(start, index));
      start = index + 1;
    }
  }
  return parts;
}
