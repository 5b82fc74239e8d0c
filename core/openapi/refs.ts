// `$ref`s as a spec writes them: local JSON pointers (RFC 6901), resolved against the one document (the vendor ships one
// self-contained file, so a ref outside it points nowhere).

/** A JSON pointer into the spec, as $refs write it: `pointer("paths", "/user/credits/info")` → `#/paths/~1user~1credits~1info`. */
export function pointer(...keys: (string | number)[]): string {
  return `#/${keys.map((key) => String(key).replace(/~/g, "~0").replace(/\//g, "~1")).join("/")}`;
}

/** What a local JSON pointer (`#/a/b`) points to in `doc`; undefined when nothing is there or it does not decode. */
export function resolvePointer(doc: unknown, ref: string): unknown {
  if (!ref.startsWith("#/") && ref !== "#") return undefined;
  let node: unknown = doc;
  for (const raw of ref === "#" ? [] : ref.slice(2).split("/")) {
    let key: string;
    try {
      key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    } catch {
      return undefined;
    }
    if (typeof node !== "object" || node === null || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * `node` with its `$ref` followed, and the ref that target holds, and so on: the object it finally stands for. A ref
 * that points nowhere, at no object, or round in a loop stands for nothing (undefined). A node with no `$ref` is itself.
 */
export function deref<T>(doc: unknown, node: T | undefined, depth = 0): T | undefined {
  if (!isObject(node) || typeof node.$ref !== "string") return node;
  if (depth > 32) return undefined;
  const target = resolvePointer(doc, node.$ref);
  return isObject(target) ? deref(doc, target as T, depth + 1) : undefined;
}
