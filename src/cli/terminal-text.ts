// Text from the network as a person reads it at a terminal: fields shown as text or numbers, every character a server
// sent that a terminal would act on removed (by the one module for untrusted text).
import { terminalText } from "../../core/untrusted-text.js";

export { terminalJson } from "../../core/untrusted-text.js";

/** A string field as the API sent it (or anything else in its place), safe for a terminal. */
export const shown = (value: unknown, fallback = "?"): string => (value === undefined || value === null ? fallback : terminalText(String(value)));

/** A count with thousands separators; a field that is not a number is shown as text, cleaned. */
export const formatNumber = (value: unknown): string =>
  typeof value === "number" && Number.isFinite(value) ? value.toLocaleString("en-US") : shown(value);
