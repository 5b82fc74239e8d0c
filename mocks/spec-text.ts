// The one place text from a spec is made safe for where it lands: source code, comments, identifiers, terminals, and
// Markdown/HTML. A pulled spec is data written by someone else; every generator, report and log goes through here.

/** C0 controls, DEL and C1 controls (U+009B is a CSI to some terminals). */
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/;
/** What ends a line in JavaScript or in a terminal beyond \r and \n: NEL, LINE and PARAGRAPH SEPARATOR. */
const LINE_TERMINATORS = /[\r\n\u0085\u2028\u2029]/g;
/** Bidirectional overrides and isolates: they make text read differently from how it runs (CVE-2021-42574). */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** Terminal escape sequences whole: CSI (ESC [ or U+009B), OSC (ESC ], up to BEL or ST), and two-character ones. */
const ESCAPE_SEQUENCES = /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]?|(?:\u001b\]|\u009d)[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|\u001b[@-_]?/g;

const unicodeEscape = (char: string) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;

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

/** Text for a terminal or a log line: escape sequences removed whole, other controls and line breaks gone, one line. */
export function terminalText(text: string): string {
  return text.replace(ESCAPE_SEQUENCES, "").replace(LINE_TERMINATORS, " ").replace(BIDI, "").replace(new RegExp(CONTROLS.source, "g"), "");
}

/**
 * Text for Markdown that GitHub renders as HTML (a pull request's body, a table cell): one line, HTML escaped, every
 * Markdown mark (emphasis, code, links, images, table cells) backslash-escaped, and nothing GitHub would turn into a
 * mention, an issue reference or a link: `@name`, `#12`, `https://…`, `www.…` get a zero-width space.
 */
export function markdownText(text: string): string {
  const zeroWidth = "&#8203;";
  return terminalText(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/[\\`*_{}[\]()!|~]/g, (char) => `\\${char}`)
    .replace(/#(?=\d)/g, `#${zeroWidth}`)
    .replace(/@/g, `@${zeroWidth}`)
    .replace(/:\/\//g, `:${zeroWidth}//`)
    .replace(/\b(w)(ww\.)/gi, `$1${zeroWidth}$2`);
}
