// A request body sent as a form (application/x-www-form-urlencoded or multipart/form-data), read as Prism 5.14.2 reads
// it before it validates: split into fields, percent-decoded (`+` as a space in a urlencoded one), the schema's
// properties picked out (anything else is dropped), an `encoding` style applied where the spec gives one.
import { queryStyle, type Raw, type Schema } from "./parameter-values.js";
import type { Violation } from "./request-checks.js";

type Encoding = { style?: string; explode?: boolean; allowReserved?: boolean };

/** Prism's test for a form body: by the request's media type. */
export const isFormType = (mediaType: string) => /^(application\/x-www-form-urlencoded|multipart\/form-data)$/i.test(mediaType);

/**
 * The form's fields as an object for the schema's validator, or Prism's refusals of it (a multipart body with no
 * boundary, a reserved character in a field whose encoding does not allow it).
 */
export function formValue(text: string, contentType: string, schema: Schema, encodings: Record<string, Encoding>): { value: unknown } | { violations: Violation[] } {
  const mediaType = contentType.split(";")[0]!.trim().toLowerCase();
  let fields: Raw;
  if (mediaType === "multipart/form-data") {
    const boundary = /;\s*boundary=("?)([^";]+)\1/i.exec(contentType)?.[2];
    if (!boundary) {
      const message = "Boundary parameter for multipart/form-data is not defined or generated in the request header. Try removing manually defined content-type from your request header if it exists.";
      return { violations: [{ severity: "Error", code: 415, message }] };
    }
    fields = multipartFields(text, boundary);
  } else {
    fields = Object.fromEntries(text.split("&").map((pair) => [pair.split("=")[0]!, pair.split("=").slice(1).join("=")]));
  }
  const reserved = Object.entries(encodings).flatMap(([property, encoding]): Violation[] =>
    encoding.style !== undefined && !encoding.allowReserved && /[/?#[\]@!$&'()*+,;=]/.test(String(fields[property])) ? [{ location: ["body", property], severity: "Error", code: "", message: "Reserved characters used in request body" }] : [],
  );
  if (reserved.length > 0) return { violations: reserved };
  const decoded: Raw = {};
  for (const [key, raw] of Object.entries(fields)) {
    const value = mediaType === "application/x-www-form-urlencoded" ? String(raw).replaceAll("+", "%20") : String(raw);
    try {
      decoded[decodeURIComponent(key)] = decodeURIComponent(value);
    } catch {
      decoded[key] = value;
    }
  }
  if (!schema?.properties) return { value: decoded };
  const value: Record<string, unknown> = {};
  for (const [property, inner] of Object.entries(schema.properties)) {
    const encoding = encodings[property];
    value[property] = encoding?.style !== undefined ? queryStyle(encoding.style, property, decoded, inner, encoding.explode ?? false) : decoded[property];
  }
  return { value };
}

/** The named parts of a multipart body, each part's data as text (parse-multipart-data's reading of a well-formed one). */
function multipartFields(text: string, boundary: string): Raw {
  const fields: Raw = {};
  for (const part of text.split(`--${boundary}`).slice(1)) {
    if (part.startsWith("--")) break;
    const split = part.indexOf("\r\n\r\n");
    if (split < 0) continue;
    const name = /content-disposition:[^\r\n]*\bname="([^"]*)"/i.exec(part.slice(0, split))?.[1];
    if (name !== undefined) fields[name] = part.slice(split + 4).replace(/\r\n$/, "");
  }
  return fields;
}
