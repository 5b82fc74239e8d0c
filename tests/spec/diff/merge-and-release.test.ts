// Carrying the vendor's change onto this project's spec (a three-way merge over JSON), and the release a spec change
// makes (a changeset: major when it breaks clients, minor when the API gained something, patch otherwise).
import { bumpFor } from "../../../scripts/tooling/changeset";
import type { Finding } from "../../../scripts/tooling/spec-diff";
import { mergeChanges } from "../../../scripts/tooling/three-way";

test("the vendor's changes land where this project left the vendor's text alone, and what it added stays", () => {
  const base = { a: 1, b: { c: 2, d: [1, 2] } };
  const theirs = { a: 1, b: { c: 3, d: [1, 2, 3] }, e: "new" };
  const ours = { a: 1, b: { c: 2, d: [1, 2], mine: true }, x: "ours" };
  expect(mergeChanges(base, theirs, ours)).toEqual({ merged: { a: 1, b: { c: 3, d: [1, 2, 3], mine: true }, x: "ours", e: "new" }, conflicts: [] });
});

test("a place both changed, differently, is a conflict named by its JSON pointer, and is left as ours", () => {
  const merge = mergeChanges({ "/p": { v: 1 } }, { "/p": { v: 2 } }, { "/p": { v: 9 } });
  expect(merge).toEqual({ merged: { "/p": { v: 9 } }, conflicts: ["/~1p/v"] });
});

test("a change both made alike is no conflict; a removal by the vendor is carried", () => {
  expect(mergeChanges({ a: 1, b: 2 }, { a: 5 }, { a: 5, b: 2 })).toEqual({ merged: { a: 5 }, conflicts: [] });
});

const finding = (id: string, level: Finding["level"]): Finding => ({ id, level, operation: "GET /x", location: "", text: "" });

test.each([
  ["major", [finding("response-property-type-changed", "error"), finding("endpoint-added", "info")]],
  ["minor", [finding("endpoint-added", "info"), finding("response-property-enum-value-added", "warning")]],
  ["minor", [finding("new-optional-request-parameter", "info")]],
  ["patch", [finding("response-non-success-status-removed", "info")]],
  ["patch", []],
] as const)("a spec change whose findings are these is a %s release", (bump, findings) => {
  expect(bumpFor([...findings])).toBe(bump);
});
