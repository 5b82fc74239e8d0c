// Text from the network made safe for a terminal: no control character a server sent ever reaches one.
import { stripControls } from "../index.js";

/** A string field as the API sent it (or anything else in its place), without control characters. */
export const shown = (value: unknown, fallback = "?"): string => (value === undefined || value === null ? fallback : stripControls(String(value)));

/** A count with thousands separators; a field that is not a number is shown as text, stripped. */
export const formatNumber = (value: unknown): string =>
  typeof value === "number" && Number.isFinite(value) ? value.toLocaleString("en-US") : shown(value);

/**
 * JSON as the API sent it, escaped for a terminal: JSON.stringify escapes C0 controls but leaves DEL and the C1
 * controls (U+009B is a CSI to some terminals) raw, and U+2028/2029 break lines; all become \u escapes.
 */
export function terminalJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[\u007f-\u009f\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
