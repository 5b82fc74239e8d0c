// The one rule for what the client puts in a header it builds from a caller's string (the API key, an
// Idempotency-Key): printable ASCII, no white space at either end. Anything else is a pasting accident, and fetch
// would throw a TypeError quoting the whole header, key included.

/** Printable ASCII with inner spaces allowed; a header would trim outer ones (and the value would change). */
const HEADER_VALUE = /^[\x21-\x7e]([\x20-\x7e]*[\x21-\x7e])?$/;

export const HEADER_VALUE_RULE = "printable ASCII, with no line break, no control character and no space at either end";

export const isHeaderValue = (value: unknown): value is string => typeof value === "string" && HEADER_VALUE.test(value);
