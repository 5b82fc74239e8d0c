// openapi/billing.json states everything the vendor last published (openapi/vendor.json, as spec:pull last took it or
// spec:update carried it), unchanged, node by node, in whichever version of OpenAPI 3 either is written: a vendor's
// change, pulled or applied, is no failure. And the vendor's first page (the seed), from the copy the repository
// holds, is in it too, except where the pin shows the vendor changed it since: this runs everywhere, CI included; the
// comparison with ../shared/seed is an extra where that folder is beside the clone.
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { carriedOnto } from "../../scripts/tooling/three-way";
import { operationsOf } from "../../core/openapi/document";
import { parseSpecText } from "../../core/openapi/read";
import { asOpenApi31 } from "../fixtures/spec-variants";
import { REPO } from "../helpers/run-script";
import { differences, unrecordedChanges, versionNeutral } from "../helpers/seed";
import { exampleIn, loadSpec } from "../helpers/spec";

// The vendor's first page lives in ../shared/seed beside the repository; a verbatim copy travels with the tests.
const SHARED_SEED = resolve(__dirname, "..", "..", "..", "shared", "seed", "000_db183292bc9499a5.txt");
const COPIED_SEED = resolve(__dirname, "..", "fixtures", "seed-000_db183292bc9499a5.txt");
const VENDOR = resolve(REPO, "openapi", "vendor.json");

/** The vendor's spec as last pulled. */
export function vendorDocument(): unknown {
  return JSON.parse(readFileSync(VENDOR, "utf8"));
}

test("every node of the vendor's last pulled spec is in openapi/billing.json, unchanged", () => {
  expect(differences(versionNeutral(vendorDocument()), versionNeutral(loadSpec()))).toEqual([]);
});

test("the same API written as OpenAPI 3.1 (type lists, examples) says the same", () => {
  expect(differences(versionNeutral(vendorDocument()), versionNeutral(asOpenApi31(loadSpec())))).toEqual([]);
  expect(differences(versionNeutral(asOpenApi31(vendorDocument() as never)), versionNeutral(loadSpec()))).toEqual([]);
});

/** The seed's spec, read as spec:pull reads a vendor page (Markdown with the spec as a YAML block). */
const seedDocument = () => parseSpecText(readFileSync(COPIED_SEED, "utf8"), "the seed");

test("the repository's copy of the seed is the vendor's page for GET /user/credits/info", () => {
  expect(operationsOf(seedDocument()).map((entry) => entry.name)).toEqual(["GET /user/credits/info"]);
});

test("every node of the seed is in openapi/billing.json unchanged, except where openapi/vendor.json records a change since", () => {
  expect(unrecordedChanges(seedDocument(), vendorDocument(), loadSpec())).toEqual([]);
});

test("a vendor's node changed by a spec:update that left the pin behind fails the seed check; carried onto the pin, it passes", () => {
  type Credits = { components: { schemas: { CreditsInfoResponse: { properties: { credits: { description: string } } } } } };
  const before = loadSpec();
  // The same API as OpenAPI 3.1 (whatever it is written in now), with one of the vendor's descriptions reworded.
  const after = asOpenApi31(loadSpec());
  const said = (vendorDocument() as Credits).components.schemas.CreditsInfoResponse.properties.credits.description;
  (after as unknown as Credits).components.schemas.CreditsInfoResponse.properties.credits.description = `${said} (reworded)`;
  const left = [`#/components/schemas/CreditsInfoResponse/properties/credits/description: expected ${JSON.stringify(said)}, found ${JSON.stringify(`${said} (reworded)`)}`];
  expect(differences(versionNeutral(vendorDocument()), versionNeutral(after))).toEqual(left);
  expect(unrecordedChanges(seedDocument(), vendorDocument(), after)).toEqual(left);
  const { pin } = carriedOnto(vendorDocument(), before, after);
  expect(differences(versionNeutral(pin), versionNeutral(after))).toEqual([]);
  expect(unrecordedChanges(seedDocument(), pin, after)).toEqual([]);
});

(existsSync(SHARED_SEED) ? test : test.skip)("the committed copy of the seed is the shared seed, byte for byte (where ../shared is beside the clone)", () => {
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
