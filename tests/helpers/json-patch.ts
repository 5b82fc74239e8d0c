// RFC 6902's add, remove and replace on a copy of a document: enough to write a spec change as data.
export type PatchOperation = { op: "add" | "remove" | "replace"; path: string; value?: unknown };

export function applyPatch<T>(document: T, operations: PatchOperation[]): T {
  const copy = structuredClone(document) as unknown;
  for (const { op, path, value } of operations) {
    const keys = path.slice(1).split("/").map((key) => key.replace(/~1/g, "/").replace(/~0/g, "~"));
    const last = keys.pop()!;
    let parent = copy as Record<string, unknown>;
    for (const key of keys) {
      if (typeof parent[key] !== "object" || parent[key] === null) throw new Error(`${path}: nothing at ${key}`);
      parent = parent[key] as Record<string, unknown>;
    }
    if (Array.isArray(parent)) {
      const index = last === "-" ? parent.length : Number(last);
      if (op === "add") parent.splice(index, 0, value);
      else if (op === "remove") parent.splice(index, 1);
      else parent[index] = value;
    } else if (op === "remove") {
      if (!(last in parent)) throw new Error(`${path}: nothing to remove`);
      delete parent[last];
    } else {
      if (op === "replace" && !(last in parent)) throw new Error(`${path}: nothing to replace`);
      parent[last] = value;
    }
  }
  return copy as T;
}
