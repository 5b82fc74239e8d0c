// The vendor's change, carried onto this project's spec: what changed between the vendor's last published spec and its
// new one is applied to openapi/billing.json, which is the vendor's spec plus this project's reading of its other docs
// pages (the Idempotency-Key, the error object). A place the vendor changed that this project had changed too is a
// conflict, reported for a person to merge; nothing is guessed.
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
      conflicts.push(`/${path.map((key) => key.replace(/~/g, "~0").replace(/\//g, "~1")).join("/")}`);
      continue;
    }
    write(merged, path, to);
  }
  return { merged, conflicts };
}

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
