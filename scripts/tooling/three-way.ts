// The vendor's change, carried onto this project's spec: what changed between the vendor's last published spec and its
// new one is applied to openapi/billing.json, which is the vendor's spec plus this project's reading of its other docs
// pages (the Idempotency-Key, the error object). A place the vendor changed that this project had changed too is a
// conflict, reported for a person to merge; nothing is guessed. And back: a change spec:update applied to the vendor's
// nodes is carried onto the pin (carriedOnto), so that both commands leave the pin and the spec agreeing.
import { isDeepStrictEqual } from "node:util";

type Json = unknown;
type Change = { path: string[]; from: Json; to: Json };

/** Every place where `before` and `after` differ: objects key by key, anything else (arrays included) as a whole. */
export function changesBetween(before: Json, after: Json, path: string[] = []): Change[] {
  if (isDeepStrictEqual(before, after)) return [];
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((key) => changesBetween(before[key], after[key], [...path, key]));
  }
  return [{ path, from: before, to: after }];
}

export type Merge = { merged: Json; conflicts: string[] };

/** `ours` with every change from `base` to `theirs`, where ours still holds what base held there. */
export function mergeChanges(base: Json, theirs: Json, ours: Json): Merge {
  const merged = copy(ours);
  const conflicts: string[] = [];
  for (const { path, from, to } of changesBetween(base, theirs)) {
    const current = read(merged, path);
    if (isDeepStrictEqual(current, to)) continue;
    if (!isDeepStrictEqual(current, from)) {
      conflicts.push(pointer(path));
      continue;
    }
    write(merged, path, to);
  }
  return { merged, conflicts };
}

/**
 * The pin (the vendor's spec as last pulled, openapi/vendor.json) carried along a change that spec:update made to this
 * project's spec, so that spec:update from a file leaves the repository as spec:pull would: wherever `before` and
 * `after` differ at a node the pin states (the vendor's), the pin takes `after`'s value there, or loses the node.
 * A node the pin does not state (this project's reading, or one new in `after`) stays out of it: nothing says the
 * vendor published it, and the next spec:pull adds what the vendor did. One exception, the same node in OpenAPI 3.1's
 * words: an `example` the pin states that becomes `examples` in the same object is carried as `examples`.
 * `moved` lists the places, as JSON pointers.
 */
export function carriedOnto(pin: Json, before: Json, after: Json): { pin: Json; moved: string[] } {
  const carried = copy(pin);
  const moved: string[] = [];
  const changes = changesBetween(before, after);
  const renamed = new Set(changes.filter(({ path, to }) => path.at(-1) === "example" && to === undefined && read(pin, path) !== undefined).map(({ path }) => pointer(path.slice(0, -1))));
  for (const { path, to } of changes) {
    const rewritten = path.at(-1) === "examples" && renamed.has(pointer(path.slice(0, -1)));
    if (read(carried, path) === undefined && !rewritten) continue;
    write(carried, path, to);
    moved.push(pointer(path));
  }
  return { pin: carried, moved };
}

const pointer = (path: string[]) => `/${path.map((key) => key.replace(/~/g, "~0").replace(/\//g, "~1")).join("/")}`;

/** A copy made by JSON, in the caller's own realm (structuredClone's come from Node's, which a test runner's vm is not). */
const copy = (value: Json): Json => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function read(root: Json, path: string[]): Json {
  let node = root;
  for (const key of path) node = isObject(node) ? node[key] : undefined;
  return node;
}

function write(root: Json, path: string[], value: Json): void {
  let node = root as Record<string, Json>;
  for (const key of path.slice(0, -1)) {
    if (!isObject(node[key])) node[key] = {};
    node = node[key] as Record<string, Json>;
  }
  const last = path.at(-1)!;
  if (value === undefined) delete node[last];
  else node[last] = copy(value);
}
