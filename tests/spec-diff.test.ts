// The spec diff behind spec:update: each kind of change, and whether it breaks callers.
import { diffSpecs } from "../scripts/tooling/spec-diff";
import type { OpenApiDocument } from "../scripts/tooling/spec-file";
import { loadSpec, type Spec } from "./helpers/spec";

type Schemas = Record<string, { type?: string; properties: Record<string, { type?: string; enum?: unknown[] }>; required?: string[] }>;

function changed(edit: (spec: Spec & { components: { schemas: Schemas } }) => void) {
  const before = loadSpec();
  const after = structuredClone(before) as Spec & { components: { schemas: Schemas } };
  edit(after);
  return diffSpecs(before as unknown as OpenApiDocument, after as unknown as OpenApiDocument);
}

test("the same spec has no changes", () => {
  expect(changed(() => undefined)).toEqual([]);
});

test.each([
  ["a removed operation", (s: Spec) => void delete s.paths["/user/purchase-topup"], "operation POST /user/purchase-topup removed", true],
  ["an added operation", (s: Spec) => void (s.paths["/user/refunds"] = { get: { responses: {} } }), "operation GET /user/refunds added", false],
  ["a removed response", (s: Spec) => void delete s.paths["/user/credits/info"]!.get!.responses["500"], "operation GET /user/credits/info: response 500 removed", true],
  ["an added response", (s: Spec) => void (s.paths["/user/credits/info"]!.get!.responses["429"] = { description: "x" }), "operation GET /user/credits/info: response 429 added", false],
  ["a removed property", (s: Spec & { components: { schemas: Schemas } }) => void delete s.components.schemas.CreditsInfoResponse!.properties.allow_usage, "CreditsInfoResponse.allow_usage removed", true],
  ["an added property", (s: Spec & { components: { schemas: Schemas } }) => void (s.components.schemas.CreditsInfoResponse!.properties.team = { type: "string" }), "CreditsInfoResponse.team added", false],
  ["a type change", (s: Spec & { components: { schemas: Schemas } }) => void (s.components.schemas.CreditsInfoResponse!.properties.credits!.type = "string"), "CreditsInfoResponse.credits: type integer → string", true],
  ["a removed enum value", (s: Spec & { components: { schemas: Schemas } }) => void (s.components.schemas.PurchaseTopupRequest!.properties.credits!.enum = [10000, 20000, 80000]), "PurchaseTopupRequest.credits: enum value 100000 removed", true],
  ["an added enum value", (s: Spec & { components: { schemas: Schemas } }) => void s.components.schemas.CreditsBreakdownItem!.properties.purchase_kind!.enum!.push("Gift"), "CreditsBreakdownItem.purchase_kind: enum value Gift added", false],
  ["a newly required request field", (s: Spec & { components: { schemas: Schemas } }) => void s.components.schemas.PurchaseTopupRequest!.required!.push("currency"), "PurchaseTopupRequest.currency: now required", true],
  ["a removed schema", (s: Spec & { components: { schemas: Schemas } }) => void delete s.components.schemas.ActiveSubscription, "schema ActiveSubscription removed", true],
])("%s is reported", (_name, edit, what, breaking) => {
  expect(changed(edit as (s: Spec & { components: { schemas: Schemas } }) => void)).toContainEqual({ what, breaking });
});
