// What a server says is untrusted: stripped of control characters, bounded, and cleared of secrets before it
// goes into an error, a log line or a terminal.

/** C0 controls, DEL and C1 controls: ESC sequences, BEL and CSI (U+009B) can rewrite a terminal. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/** The most of a server's text that goes into one message. */
const MAX_SERVER_TEXT = 200;

/** `text` without control characters (C0, DEL, C1): safe to print to a terminal or put in a log line. */
export function stripControls(text: string): string {
  return text.replace(CONTROL, "");
}

/** Strips controls, removes each secret, and cuts to `max` characters with a marker saying how much was cut. */
export function untrusted(text: string, secrets: readonly string[] = [], max: number = MAX_SERVER_TEXT): string {
  let clean = stripControls(text);
  for (const secret of secrets) clean = redact(clean, secret);
  return clean.length > max ? `${clean.slice(0, max)}…[${clean.length - max} more characters cut]` : clean;
}

/** Real keys are long; cutting a two-letter test key out of every word would only garble codes. */
function redact(text: string, secret: string): string {
  return secret.length >= 8 ? text.split(secret).join("[redacted]") : text;
}
