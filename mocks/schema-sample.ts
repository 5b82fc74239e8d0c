// The body Prism 5.14.2 serves for a documented answer with no example: the static sample of its schema, as
// @stoplight/json-schema-sampler 0.3 (Prism's) makes it: an example, default, const, first enum value or first of
// `examples` where the schema has one, else a value of its type (0 or the bound for a number, "string" or a format's
// sample for a string, one item for an array, every property for an object), `$ref`s followed, allOf merged, the first
// of oneOf/anyOf. A port, so that the MSW handlers (browsers too) need no sampler of their own at run time.
import { resolvePointer } from "../core/openapi/refs.js";

type Schema = Record<string, unknown> & {
  $ref?: string;
  type?: string | string[];
  example?: unknown;
  examples?: unknown[];
  default?: unknown;
  const?: unknown;
  enum?: unknown[];
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  if?: Schema;
  then?: Schema;
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  items?: Schema | Schema[];
  contains?: Schema;
  format?: string;
};
type Result = { value: unknown; type?: string | null };
type State = { doc: unknown; ticks: number; seen: unknown[]; refs: Set<string>; inner: boolean };

const KEYWORD_TYPES: [string, string][] = [
  ["multipleOf", "number"], ["maximum", "number"], ["exclusiveMaximum", "number"], ["minimum", "number"], ["exclusiveMinimum", "number"],
  ["maxLength", "string"], ["minLength", "string"], ["pattern", "string"],
  ["items", "array"], ["maxItems", "array"], ["minItems", "array"], ["uniqueItems", "array"], ["additionalItems", "array"],
  ["maxProperties", "object"], ["minProperties", "object"], ["required", "object"], ["additionalProperties", "object"], ["properties", "object"], ["patternProperties", "object"], ["dependencies", "object"],
];
const MAX_DEPTH = 15;

/** Prism's static sample of `schema` (its `$ref`s resolved in `doc`); throws past Prism's 2500 steps, as Prism does. */
export function schemaSample(schema: unknown, doc: unknown): unknown {
  return traverse(schema as Schema, { doc, ticks: 2500, seen: [], refs: new Set(), inner: false }).value;
}

function inferType(schema: Schema): string | null {
  if (schema.type !== undefined) return Array.isArray(schema.type) ? (schema.type[0] ?? null) : schema.type;
  return KEYWORD_TYPES.find(([keyword]) => schema[keyword] !== undefined)?.[1] ?? null;
}

const circular = (type: string | null): Result => ({ value: type === "object" ? {} : type === "array" ? [] : undefined });

function traverse(schema: Schema, state: State, depth?: number, propertyName?: string): Result {
  state.ticks -= 1;
  if (state.ticks === 0) throw new Error("Schema size exceeded: over 2500 properties");
  if (typeof schema !== "object" || schema === null) return { value: undefined };
  if (state.seen.includes(schema)) return circular(inferType(schema));
  const nested = depth !== undefined;
  state.seen.push(schema);
  const done = (result: Result) => {
    if (nested) state.seen.pop();
    return result;
  };
  if (nested && depth > MAX_DEPTH) return done(circular(inferType(schema)));
  if (schema.$ref) {
    const ref = decodeURIComponent(schema.$ref);
    const found = resolvePointer(state.doc, ref.startsWith("#") ? ref : `#${ref}`) as Schema | undefined;
    // Prism samples a bundled copy of the spec, where the operation's own refs point at copies of the components and
    // the components' refs at the originals: a recursive schema goes one level deeper there than in one document. So
    // a ref from outside the components is a ref of its own, to a copy.
    const outer = !state.inner;
    const key = outer ? `outer:${ref}` : ref;
    const referenced = outer && found ? structuredClone(found) : found;
    if (state.refs.has(key)) return done(circular(inferType(referenced ?? {})));
    state.refs.add(key);
    state.inner = true;
    const result = traverse(referenced ?? {}, state, depth, propertyName);
    state.inner = !outer;
    state.refs.delete(key);
    return done(result);
  }
  if (schema.example !== undefined) return done({ value: schema.example, type: inferType(schema) });
  if (schema.allOf !== undefined) return done(allOf({ ...schema, allOf: undefined }, schema.allOf, state, depth));
  if (schema.oneOf?.length) return done(traverse(schema.oneOf[0]!, state, depth, propertyName));
  if (schema.anyOf?.length) return done(traverse(schema.anyOf[0]!, state, depth, propertyName));
  if (schema.if && schema.then) return traverse(mergeDeep(schema.if, schema.then) as Schema, state, depth, propertyName);
  if (schema.default !== undefined) return done({ value: schema.default, type: null });
  if (schema.const !== undefined) return done({ value: schema.const, type: null });
  if (schema.enum?.length) return done({ value: schema.enum[0], type: null });
  if (schema.examples?.length) return done({ value: schema.examples[0], type: null });
  const type = inferType(schema);
  const sampler = type === null ? undefined : SAMPLERS[type];
  return done({ value: sampler ? sampler(schema, state, depth ?? 1, propertyName) : null, type });
}

function allOf(into: Schema, children: Schema[], state: State, depth: number | undefined): Result {
  const result = traverse(into, state);
  const samples: unknown[] = [];
  for (const child of children) {
    const sub = traverse({ type: result.type ?? undefined, ...child } as Schema, state, depth);
    if (result.type && sub.type && sub.type !== result.type) result.type = sub.type;
    result.type = result.type || sub.type;
    if (sub.value != null) samples.push(sub.value);
  }
  if (result.type === "object") return { ...result, value: mergeDeep((result.value as object) || {}, ...(samples.filter((sample) => typeof sample === "object") as object[])) };
  const lastSample = samples[samples.length - 1];
  return { ...result, value: lastSample != null ? lastSample : result.value };
}

function mergeDeep(...objects: object[]): unknown {
  const isObject = (value: unknown): value is object => !!value && typeof value === "object";
  return objects.reduce<Record<string, unknown>>(
    (previous, object) => {
      for (const [key, value] of Object.entries(object)) previous[key] = isObject(previous[key]) && isObject(value) ? mergeDeep(previous[key] as object, value) : value;
      return previous;
    },
    (Array.isArray(objects[objects.length - 1]) ? [] : {}) as Record<string, unknown>,
  );
}

type Sampler = (schema: Schema, state: State, depth: number, propertyName?: string) => unknown;
const SAMPLERS: Record<string, Sampler> = {
  boolean: () => true,
  null: () => null,
  number: (schema) => numberSample(schema),
  integer: (schema) => numberSample(schema),
  array: (schema, state, depth) => {
    const items = schema.items ?? schema.contains;
    let length = Math.min(typeof schema.maxItems === "number" ? schema.maxItems : Infinity, (schema.minItems as number) || 1);
    if (Array.isArray(items)) length = Math.max(length, items.length);
    if (!items) return [];
    return Array.from({ length }, (_, index) => traverse((Array.isArray(items) ? items[index] : items) ?? {}, state, depth + 1).value);
  },
  object: (schema, state, depth) => {
    const result: Record<string, unknown> = {};
    if (schema.properties && typeof schema.properties === "object") {
      for (const [name, property] of Object.entries(schema.properties)) result[name] = traverse(property, state, depth + 1, name).value;
    }
    if (schema.additionalProperties && typeof schema.additionalProperties === "object") {
      result.property1 = traverse(schema.additionalProperties, state, depth + 1).value;
      result.property2 = traverse(schema.additionalProperties, state, depth + 1).value;
    }
    return result;
  },
  string: (schema, _state, _depth, propertyName) => {
    const min = (schema.minLength as number) | 0;
    const max = schema.maxLength as number | undefined;
    const format = FORMATS[schema.format ?? "default"] ?? FORMATS.default!;
    return format(min, max, propertyName);
  },
};

function numberSample(schema: Schema): number {
  const bound = (name: string) => schema[name] as number;
  if ("minimum" in schema) return bound("minimum");
  if ("exclusiveMinimum" in schema) {
    const result = bound("exclusiveMinimum") + 1;
    return result === bound("exclusiveMaximum") ? (result + bound("exclusiveMaximum") - 1) / 2 : result;
  }
  if ("exclusiveMaximum" in schema) return bound("exclusiveMaximum") - 1;
  if ("maximum" in schema) return bound("maximum");
  return 0;
}

const ensureMinLength = (sample: string, min: number) => (min > sample.length ? sample.repeat(Math.trunc(min / sample.length) + 1).substring(0, min) : sample);
const DATE_TIME = "2019-08-24T14:15:22Z";
const FORMATS: Record<string, (min: number, max: number | undefined, propertyName?: string) => string> = {
  email: () => "user@example.com",
  "idn-email": () => "пользователь@пример.ру",
  password: (min) => {
    let result = "pa$$word";
    if (min > result.length) result += `_${ensureMinLength("qwerty!@#$%^123456", min - result.length - 1).substring(0, min - result.length - 1)}`;
    return result;
  },
  "date-time": () => DATE_TIME,
  date: () => DATE_TIME.slice(0, 10),
  time: () => DATE_TIME.slice(11),
  ipv4: () => "192.168.0.1",
  ipv6: () => "2001:0db8:85a3:0000:0000:8a2e:0370:7334",
  hostname: () => "example.com",
  "idn-hostname": () => "пример.ру",
  iri: () => "http://пример.ру",
  "iri-reference": () => "../словарь",
  uri: () => "http://example.com",
  "uri-reference": () => "../dictionary",
  "uri-template": () => "http://example.com/{endpoint}",
  uuid: (_min, _max, propertyName) => uuid(propertyName || "id"),
  "json-pointer": () => "/json/pointer",
  "relative-json-pointer": () => "1/relative/json/pointer",
  regex: () => "/regex/",
  default: (min, max) => {
    const result = ensureMinLength("string", min);
    return max && result.length > max ? result.substring(0, max) : result;
  },
};

/** The sampler's deterministic UUID of a property's name. */
function uuid(text: string): string {
  let hash = 0;
  for (let index = 0; index < text.length; index++) hash = ((hash << 5) - hash + text.charCodeAt(index)) | 0;
  let [a, b, c, d] = [hash, hash, hash, hash];
  const random = () => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (a - ((b << 27) | (b >>> 5))) | 0;
    a = b ^ ((c << 17) | (c >>> 15));
    b = (c + d) | 0;
    c = (d + t) | 0;
    d = (a + t) | 0;
    return (d >>> 0) / 4294967296;
  };
  return "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx".replace(/[xy]/g, (character) => {
    const r = ((random() * 16) % 16) | 0;
    return (character === "x" ? r : (r & 0x3) | 0x8).toString(16);
  });
}
