// openapi/billing.json states everything the vendor last published (openapi/vendor.json, as spec:pull last took it),
// unchanged, node by node, in whichever version of OpenAPI 3 either is written: a vendor's change, pulled, is no failure.
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { asOpenApi31 } from "../fixtures/spec-variants";
import { REPO } from "../helpers/run-script";
import { exampleIn, loadSpec } from "../helpers/spec";

// The vendor's first page lives in ../shared/seed beside the repository; a verbatim copy travels with the tests.
const SHARED_SEED = resolve(__dirname, "..", "..", "..", "shared", "seed", "000_db183292bc9499a5.txt");
const COPIED_SEED = resolve(__dirname, "..", "fixtures", "seed-000_db183292bc9499a5.txt");
const VENDOR = resolve(REPO, "openapi", "vendor.json");

/** The vendor's spec as last pulled. */
export function vendorDocument(): unknown {
  return JSON.parse(readFileSync(VENDOR, "utf8"));
}

type Node = Record<string, unknown>;
const SCHEMA_MAPS = new Set(["properties", "patternProperties", "$defs", "dependentSchemas"]);
const SCHEMA_KEYS = new Set(["schema", "items", "additionalProperties", "not", "if", "then", "else", "contains", "propertyNames"]);

/**
 * A spec in words both 3.0 and 3.1 share, so that only what it says is compared: no `openapi` version; a schema's
 * `type` a list (with "null" for 3.0's `nullable`), its `example`s a list; a media type's examples a list of values.
 */
export function versionNeutral(doc: unknown): unknown {
  const visit = (node: unknown, where: "schema" | "media" | "other"): unknown => {
    if (typeof node !== "object" || node === null) return node;
    if (Array.isArray(node)) return node.map((item) => visit(item, where));
    const out: Node = {};
    for (const [key, value] of Object.entries(node as Node)) {
      if (where === "schema" && (key === "type" || key === "nullable" || key === "example" || key === "examples")) continue;
      if (where === "media" && (key === "example" || key === "examples")) continue;
      if (key === "enum" || key === "default" || key === "const") out[key] = value;
      else if (SCHEMA_MAPS.has(key) || (key === "schemas" && where === "other")) out[key] = Object.fromEntries(Object.entries(value as Node).map(([name, schema]) => [name, visit(schema, "schema")]));
      else if (SCHEMA_KEYS.has(key) || key === "allOf" || key === "oneOf" || key === "anyOf" || key === "prefixItems") out[key] = visit(value, "schema");
      else if (key === "content") out[key] = Object.fromEntries(Object.entries(value as Node).map(([type, media]) => [type, visit(media, "media")]));
      else out[key] = visit(value, where === "schema" ? "other" : where);
    }
    const object = node as Node;
    if (where === "schema") {
      if (object.type !== undefined) out.type = [...new Set([...[object.type].flat(), ...(object.nullable === true ? ["null"] : [])])];
      const examples = [...(object.example !== undefined ? [object.example] : []), ...((object.examples as unknown[] | undefined) ?? [])];
      if (examples.length) out.examples = examples;
    }
    if (where === "media") {
      const examples = [...(object.example !== undefined ? [object.example] : []), ...Object.values((object.examples as Record<string, { value?: unknown }> | undefined) ?? {}).map((named) => named.value)];
      if (examples.length) out.examples = examples;
    }
    return out;
  };
  const { openapi: _version, ...rest } = doc as Node;
  return visit(rest, "other");
}

/**
 * Every node of `vendor` must be in `spec` at the same place with the same value. Objects may gain keys (this
 * project's reading: a header, statuses); arrays and scalars must be equal as they stand.
 */
export function differences(vendor: unknown, spec: unknown, at = "#"): string[] {
  if (Array.isArray(vendor)) {
    if (!Array.isArray(spec) || spec.length !== vendor.length) return [`${at}: expected an array of ${vendor.length}`];
    return vendor.flatMap((item, i) => differences(item, spec[i], `${at}/${i}`));
  }
  if (typeof vendor === "object" && vendor !== null) {
    if (typeof spec !== "object" || spec === null || Array.isArray(spec)) return [`${at}: expected an object`];
    return Object.entries(vendor).flatMap(([key, value]) => {
      const here = `${at}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`;
      return key in spec ? differences(value, (spec as Record<string, unknown>)[key], here) : [`${here}: missing`];
    });
  }
  return Object.is(vendor, spec) ? [] : [`${at}: expected ${JSON.stringify(vendor)}, found ${JSON.stringify(spec)}`];
}

test("every node of the vendor's last pulled spec is in openapi/billing.json, unchanged", () => {
  expect(differences(versionNeutral(vendorDocument()), versionNeutral(loadSpec()))).toEqual([]);
});

test("the same API written as OpenAPI 3.1 (type lists, examples) says the same", () => {
  expect(differences(versionNeutral(vendorDocument()), versionNeutral(asOpenApi31(loadSpec())))).toEqual([]);
  expect(differences(versionNeutral(asOpenApi31(vendorDocument() as never)), versionNeutral(loadSpec()))).toEqual([]);
});

(existsSync(SHARED_SEED) ? test : test.skip)("the committed copy of the seed is the shared seed, byte for byte", () => {
  expect(readFileSync(COPIED_SEED, "utf8")).toBe(readFileSync(SHARED_SEED, "utf8"));
});

test("the comparison catches a reworded description, a dropped response, a changed example and a type made nullable", () => {
  const spec = loadSpec();
  const get = spec.paths["/user/credits/info"]!.get!;
  get.responses["200"]!.description += " (edited)";
  delete get.responses["402"];
  exampleIn<{ error: string }>(get.responses["500"]!.content!["application/json"]).error = "Oops";
  (spec.components.schemas.CreditsInfoResponse as { properties: { credits: Record<string, unknown> } }).properties.credits.nullable = true;
  expect(differences(versionNeutral(vendorDocument()), versionNeutral(spec))).toEqual([
    "#/paths/~1user~1credits~1info/get/responses/200/description: expected \"Credit balance and billing context for the authenticated team.\", found \"Credit balance and billing context for the authenticated team. (edited)\"",
    "#/paths/~1user~1credits~1info/get/responses/402: missing",
    "#/paths/~1user~1credits~1info/get/responses/500/content/application~1json/examples/0/error: expected \"Internal Server Error\", found \"Oops\"",
    "#/components/schemas/CreditsInfoResponse/properties/credits/type: expected an array of 1",
  ]);
});
