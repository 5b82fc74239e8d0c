// A request's parameters as Prism 5 reads them before it validates: the path matched against the spec's template, the
// query and the headers, each deserialised by its style (path: simple, label, matrix; query: form, spaceDelimited,
// pipeDelimited, deepObject; header: simple), with Prism's quirks kept (see the comments), so that the MSW handlers take
// and refuse exactly what Prism takes and refuses. Text in, values out; the coercion to the schema's types is
// coercion.ts, the validation request-checks.ts.
import type { Located, Parameter } from "../core/openapi/document.js";

export type Location = "header" | "query" | "path";
/** What a deserialiser reads: every value of the location by lower-case name (a repeated query name is an array). */
export type Raw = Record<string, string | string[] | undefined>;
export type Schema = { type?: unknown; properties?: Record<string, Schema>; items?: Schema } | undefined;
type Deserializer = (name: string, raw: Raw, schema: Schema, explode: boolean) => unknown;

/** Where a request's parameters come from. */
export type RequestParts = { path: string; template: string; query: URLSearchParams; header(name: string): string | null };

/**
 * The values of one location's parameters, by lower-case name, as Prism hands them to its validator: a parameter with
 * no style Prism knows for its location is left out, and so is any falsy value (lodash `pickBy`): an empty query value
 * or header counts as absent. `schemaOf` gives the schema a deserialiser looks at (its `type`, `properties`, `items`).
 */
export function parameterValues(parameters: Located<Parameter>[], location: Location, parts: RequestParts, schemaOf: (parameter: Parameter) => Schema): Record<string, unknown> {
  const mine = parameters.filter((parameter) => parameter.in === location);
  const raw = rawValues(location, parts, mine);
  // Prism keys the parameters by lower-case name, the last of a name winning.
  const byName = new Map(mine.map((parameter) => [parameter.name.toLowerCase(), parameter]));
  const values: Record<string, unknown> = {};
  for (const [name, parameter] of byName) {
    const deserialize = DESERIALIZERS[location][parameter.style ?? (location === "query" ? "form" : "simple")];
    // Prism passes `explode` as written, else false, whatever OpenAPI's default for the style.
    const value = deserialize?.(name, raw, parameter.schema === undefined ? undefined : schemaOf(parameter), parameter.explode ?? false);
    if (value) values[name] = value;
  }
  return values;
}

/** The location's text, keys lower-cased as Prism lower-cases them (the last of two names differing in case wins). */
function rawValues(location: Location, parts: RequestParts, parameters: Parameter[]): Raw {
  if (location === "header") return Object.fromEntries(parameters.map((parameter) => [parameter.name.toLowerCase(), parts.header(parameter.name) ?? undefined]));
  const raw: Raw = {};
  if (location === "query") {
    for (const key of new Set(parts.query.keys())) {
      const all = parts.query.getAll(key);
      raw[key.toLowerCase()] = all.length === 1 ? all[0] : all;
    }
    return raw;
  }
  for (const [name, value] of Object.entries(templateMatch(parts.template, parts.path) ?? {})) raw[name.toLowerCase()] = value;
  return raw;
}

/**
 * RFC 6570 matching as Prism's uri-template-lite does it for `{name}`: each variable takes the shortest text that lets
 * the rest match, split at commas and percent-decoded, an array when there was a comma. Null when the path does not fit.
 */
export function templateMatch(template: string, path: string): Record<string, string | string[]> | null {
  const names: string[] = [];
  const source = template.replace(/\{([-\w%.]+)\}|[.*+?^${}()|[\]\\]/g, (found, name: string | undefined) => {
    if (name === undefined) return `\\${found}`;
    names.push(name);
    return "(.*?)";
  });
  const match = new RegExp(`^${source}$`).exec(path);
  if (!match) return null;
  const found: Record<string, string | string[]> = {};
  names.forEach((name, index) => {
    const parts = (match[index + 1] ?? "").split(",").map(decodeURIComponent);
    found[name] = parts.length > 1 ? parts : parts[0]!;
  });
  return found;
}

const typeOf = (schema: Schema) => schema?.type;
const last = (value: string | string[] | undefined) => (Array.isArray(value) ? value[value.length - 1] : value);
/** `a,1,b,2` → `{ a: "1", b: "2" }` (a key with no value is present, undefined). */
const keyValueList = (items: string[]) =>
  items.reduce<Record<string, string | undefined>>((object, item, index) => {
    if (index % 2 === 0) object[item] = undefined;
    else object[items[index - 1]!] = item;
    return object;
  }, {});
/** `a=1,b=2` → `{ a: "1", b: "2" }`. */
const pairs = (items: string[]) => Object.fromEntries(items.map((pair) => [pair.split("=")[0], pair.split("=")[1]]));
// Prism calls string methods on what it gets; a path value with a comma is an array there, and its label and matrix
// deserialisers then fail (a TypeError, which Prism's server answers with a 500). Kept: the same request, the same fault.
const text = (value: unknown): string => {
  if (typeof value !== "string") throw new TypeError("not a string");
  return value;
};

function simple(name: string, raw: Raw, schema: Schema, explode: boolean): unknown {
  const value = raw[name];
  if (typeOf(schema) === "array") return text(value) === "" ? [] : text(value).split(",");
  if (typeOf(schema) === "object") return explode ? pairs(text(value).split(",")) : keyValueList(text(value).split(","));
  return value;
}

function form(name: string, raw: Raw, schema: Schema, explode: boolean): unknown {
  const values = raw[name];
  if (!(typeOf(schema) === "object" && explode) && !values) return undefined;
  if (typeOf(schema) === "array") return explode ? [values].flat() : last(values)!.split(",");
  if (typeOf(schema) === "object") {
    if (!explode) return keyValueList(last(values)!.split(","));
    const properties = schema?.properties ?? {};
    return Object.fromEntries(Object.entries(raw).filter(([key]) => Object.hasOwn(properties, key)));
  }
  return values;
}

const delimited =
  (separator: string): Deserializer =>
  (name, raw, schema, explode) => {
    if (typeOf(schema) !== "array") throw new TypeError("a delimited style is for arrays only");
    const values = raw[name];
    if (explode) return [values].flat();
    const value = last(values);
    return value ? value.split(separator) : "";
  };

function deepObject(name: string, raw: Raw, schema: Schema): unknown {
  const key = (path: string[]) => name + path.map((part) => `[${part}]`).join("");
  const build = (path: string[], definition: Schema): unknown => {
    if (typeOf(definition) === "object") return Object.fromEntries(Object.entries(definition?.properties ?? {}).map(([property, inner]) => [property, build([...path, property], inner)]));
    if (typeOf(definition) === "array") {
      const pattern = new RegExp(`^${key(path).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\[([0-9]+)\\]`);
      const indexes = new Set(Object.keys(raw).flatMap((found) => pattern.exec(found)?.[1] ?? []));
      // Prism collects the indexes as an object's keys: integers come out in ascending order.
      return [...indexes].sort((a, b) => Number(a) - Number(b)).map((index) => build([...path, index], definition?.items ?? {}));
    }
    return raw[key(path)];
  };
  return build([], schema ?? {});
}

function label(name: string, raw: Raw, schema: Schema, explode: boolean): unknown {
  const whole = text(raw[name]);
  if (!whole.startsWith(".")) throw new TypeError('label style needs a "."');
  const value = whole.slice(1);
  if (typeOf(schema) === "array") return value === "" ? [] : value.split(explode ? "." : ",");
  if (typeOf(schema) === "object") return explode ? pairs(value.split(",")) : keyValueList(value.split(","));
  return value;
}

function matrix(name: string, raw: Raw, schema: Schema, explode: boolean): unknown {
  const whole = text(raw[name]);
  if (!whole.startsWith(";")) throw new TypeError('matrix style needs a ";"');
  const value = whole.slice(1);
  const primitive = (part: string) => {
    if (!part.startsWith(`${name}=`)) throw new TypeError("matrix style needs the name");
    return part.slice(name.length + 1);
  };
  if (typeOf(schema) === "array") {
    if (explode) return value === "" ? [] : value.split(";").map(primitive);
    const list = primitive(value);
    return list === "" ? [] : list.split(",");
  }
  if (typeOf(schema) === "object") return explode ? pairs(value.split(";")) : keyValueList(primitive(value).split(","));
  return primitive(value);
}

/** One value read by a style of the query's (a form body's `encoding` uses them too); undefined for a style Prism lacks. */
export function queryStyle(style: string, name: string, raw: Raw, schema: Schema, explode: boolean): unknown {
  return DESERIALIZERS.query[style]?.(name, raw, schema, explode);
}

/** Prism's table of styles by location (`simple` in a query is read as `form`). */
const DESERIALIZERS: Record<Location, Record<string, Deserializer>> = {
  header: { simple },
  query: { form, simple: form, spaceDelimited: delimited("%20"), pipeDelimited: delimited("|"), commaDelimited: delimited(","), deepObject },
  path: { simple, label, matrix },
};
