// The one place text from outside is made safe for where it lands: a spec's text in source code, comments, identifiers
// and Markdown; a server's or a runtime's text in an error, a log line or a terminal; and the API key cut out of all of
// it. A pulled spec and a server's answer are data written by someone else: every surface goes through here.

/** C0 controls, DEL and C1 controls (U+009B is a CSI to some terminals). */
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/;
/** What ends a line in JavaScript or in a terminal beyond \r and \n: NEL, LINE and PARAGRAPH SEPARATOR. */
const LINE_TERMINATORS = /\r\n|[\r\n\u0085\u2028\u2029]/g;
/** Bidirectional overrides and isolates: they make text read differently from how it runs (CVE-2021-42574). */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** Terminal escape sequences whole: CSI (ESC [ or U+009B), OSC (ESC ], up to BEL or ST), and two-character ones. */
const ESCAPE_SEQUENCES = /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]?|(?:\u001b\]|\u009d)[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|\u001b[@-_]?/g;
/** What a JSON string may hold raw and a terminal or an editor would still act on: DEL, C1, line separators, bidi. */
const RAW_IN_JSON = /[\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** The most of a server's text that goes into one message. */
export const MAX_SERVER_TEXT = 200;
/** Keys shorter than this are a test's: cutting them out of every word would garble codes and ids, not hide a secret. */
export const SHORTEST_KEY = 8;

const unicodeEscape = (char: string) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;

// ---- Terminals, logs and errors -----------------------------------------------------------------------------------

/** Text for a terminal or a log line: escape sequences removed whole, other controls and line breaks gone, one line. */
export function terminalText(text: string): string {
  return text.replace(ESCAPE_SEQUENCES, "").replace(LINE_TERMINATORS, " ").replace(BIDI, "").replace(new RegExp(CONTROLS.source, "g"), "");
}

/** `text` with every key of real length cut out: the one rule for keys, in messages, log lines and stored bodies alike. */
export function cutKeys(text: string, keys: readonly string[]): string {
  return keys.filter((key) => key.length >= SHORTEST_KEY).reduce((rest, key) => rest.split(key).join("[redacted]"), text);
}

/**
 * What a server or a runtime said, made fit for an error message: one terminal-safe line, the keys cut out, and at most
 * `max` characters, with a marker saying how much was cut.
 */
export function serverText(text: string, keys: readonly string[] = [], max: number = MAX_SERVER_TEXT): string {
  const clean = terminalText(cutKeys(text, keys));
  return clean.length > max ? `${clean.slice(0, max)}…[${clean.length - max} more characters cut]` : clean;
}

/**
 * JSON as a terminal may show it: JSON.stringify escapes C0 controls but leaves DEL, the C1 controls, U+2028/2029 and
 * the bidi controls raw; all become \u escapes, so the text reads as it is and rewrites nothing.
 */
export function terminalJson(value: unknown, indent?: number): string {
  return (JSON.stringify(value, null, indent) ?? "undefined").replace(RAW_IN_JSON, unicodeEscape);
}

/**
 * `error` itself when no key is in any of its messages or stacks, down its causes; else a copy of the same class with
 * the keys cut out of every message, stack and field along the chain. For logging errors of the app's own code, which
 * might quote a key; the package's own errors never hold one.
 */
export function keylessError(error: unknown, keys: readonly string[], depth = 0): unknown {
  const real = keys.filter((key) => key.length >= SHORTEST_KEY);
  if (!real.length || !(error instanceof Error) || depth > 8) return typeof error === "string" ? cutKeys(error, real) : error;
  const cause = "cause" in error ? keylessError(error.cause, real, depth + 1) : undefined;
  const holds = (text: unknown) => typeof text === "string" && real.some((key) => text.includes(key));
  if (!holds(error.message) && !holds(error.stack) && cause === error.cause) return error;
  const copy = Object.create(Object.getPrototypeOf(error) as object) as Error;
  for (const name of Object.keys(error)) (copy as unknown as Record<string, unknown>)[name] = keylessError((error as unknown as Record<string, unknown>)[name], real, depth + 1);
  Object.defineProperty(copy, "message", { value: cutKeys(error.message, real), writable: true, configurable: true });
  Object.defineProperty(copy, "stack", { value: cutKeys(error.stack ?? "", real), writable: true, configurable: true });
  if ("cause" in error) Object.defineProperty(copy, "cause", { value: cause, writable: true, configurable: true });
  return copy;
}

// ---- A spec's text in generated code and documentation --------------------------------------------------------------

/** Whether `text` holds a character no key of a spec (path, name, status, media type) may hold: refused, not escaped. */
export function hasForbiddenKeyCharacter(text: string): boolean {
  return CONTROLS.test(text) || /[\u2028\u2029]/.test(text) || new RegExp(BIDI.source).test(text);
}

/**
 * A JavaScript/TypeScript expression for `value` (string, number, object...): JSON.stringify, with U+2028/2029
 * escaped (they end a line in a `//` comment and in older engines' strings), so no spec text leaves its literal.
 */
export function sourceLiteral(value: unknown, indent?: number): string {
  const json = JSON.stringify(value, null, indent) as string | undefined;
  return (json ?? "undefined").replace(/[\u2028\u2029]/g, unicodeEscape);
}

/**
 * Generated source made of parts from elsewhere (openapi-typescript's, ajv's) with every raw control, line separator
 * and bidi character as a \u escape: the same value inside a string, template or regex literal, inert text inside a
 * comment, and never a line break that ends a `//` comment or a character that makes the code read otherwise.
 */
export function inertSource(code: string): string {
  return code.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g, unicodeEscape).replace(BIDI, unicodeEscape);
}

/**
 * Text for inside a comment, on one line: line terminators and controls become spaces, bidi controls go, and the
 * comment cannot be closed (`*\/`) or another opened (`/\*`); a doc tag (`@`, `{@`) cannot start either.
 */
export function commentText(text: string): string {
  return docText(text).replace(/\n/g, " ");
}

/**
 * Text for a documentation comment (JSDoc, which TypeDoc renders as Markdown with HTML): lines are kept, but `*\/` and
 * `/\*` are broken, `@` is escaped (a spec's `@include` would be a TypeDoc tag), and `<`/`>` are entities, so no HTML
 * from the spec reaches the API reference.
 */
export function docText(text: string): string {
  return text
    .replace(/\r\n?|[\u0085\u2028\u2029]/g, "\n")
    .replace(BIDI, "")
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, " ")
    .replace(/\*\//g, "*\\/")
    .replace(/\/\*/g, "/\\*")
    .replace(/@/g, "\\@")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
}

/** An identifier from the words of `text` ([A-Za-z0-9] only), camelCase after `prefix` (which must start it validly). */
export function identifier(prefix: string, text: string): string {
  const words = text.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const name = prefix.replace(/[^A-Za-z0-9]/g, "") + words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join("");
  return /^[A-Za-z]/.test(name) ? name : `_${name}`;
}

/**
 * Text for Markdown that GitHub renders as HTML (a pull request's body, a table cell): one line, HTML escaped, every
 * Markdown mark (emphasis, code, links, images, table cells) backslash-escaped, and nothing GitHub would turn into a
 * mention, an issue reference or a link: `@name`, `#12`, `https://…`, `www.…` get a zero-width space. Nor can it start
 * a block of its own where it begins a line (a heading, a list, a rule, indented code).
 */
export function markdownText(text: string): string {
  const zeroWidth = "&#8203;";
  return terminalText(text)
    .trimStart()
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/[\\`*_{}[\]()!|~]/g, (char) => `\\${char}`)
    // After the escapes above, which would double these backslashes.
    .replace(/^(\d+)\./, "$1\\.")
    .replace(/^[#+=-]/, (char) => `\\${char}`)
    .replace(/#(?=\d)/g, `#${zeroWidth}`)
    .replace(/@/g, `@${zeroWidth}`)
    .replace(/:\/\//g, `:${zeroWidth}//`)
    .replace(/\b(w)(ww\.)/gi, `$1${zeroWidth}$2`);
}
