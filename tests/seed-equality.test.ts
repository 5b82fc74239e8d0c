// openapi/billing.json states everything the vendor's seed page states, unchanged, node by node.
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parse } from "yaml";
import { loadSpec } from "./helpers/spec";

// The vendor's page lives in ../shared/seed beside the repository; a verbatim copy travels with the tests
// so that a clone anywhere can run them, and the copy is compared with the original wherever both exist.
const SHARED_SEED = resolve(__dirname, "..", "..", "shared", "seed", "000_db183292bc9499a5.txt");
const COPIED_SEED = resolve(__dirname, "fixtures", "seed-000_db183292bc9499a5.txt");
const SEED = existsSync(SHARED_SEED) ? SHARED_SEED : COPIED_SEED;

/** The YAML block between the ```` fences of the seed page. */
export function seedDocument(): unknown {
  const page = readFileSync(SEED, "utf8");
  const block = /````yaml[^\n]*\n([\s\S]*?)\n````/.exec(page);
  if (!block?.[1]) throw new Error(`${SEED}: no \`\`\`\`yaml block found`);
  return parse(block[1]);
}

/**
 * Every node of `seed` must be in `spec` at the same place with the same value. Objects may gain keys
 * (a later operation, its schemas); arrays and scalars must be equal as they stand.
 */
export function differences(seed: unknown, spec: unknown, at = "#"): string[] {
  if (Array.isArray(seed)) {
    if (!Array.isArray(spec) || spec.length !== seed.length) return [`${at}: expected an array of ${seed.length}`];
    return seed.flatMap((item, i) => differences(item, spec[i], `${at}/${i}`));
  }
  if (typeof seed === "object" && seed !== null) {
    if (typeof spec !== "object" || spec === null || Array.isArray(spec)) return [`${at}: expected an object`];
    return Object.entries(seed).flatMap(([key, value]) =>
      {
        const here = `${at}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`;
        return key in spec ? differences(value, (spec as Record<string, unknown>)[key], here) : [`${here}: missing`];
      },
    );
  }
  return Object.is(seed, spec) ? [] : [`${at}: expected ${JSON.stringify(seed)}, found ${JSON.stringify(spec)}`];
}

test("every node of the seed's spec is in openapi/billing.json, unchanged", () => {
  expect(differences(seedDocument(), loadSpec())).toEqual([]);
});

(existsSync(SHARED_SEED) ? test : test.skip)("the committed copy of the seed is the shared seed, byte for byte", () => {
  expect(readFileSync(COPIED_SEED, "utf8")).toBe(readFileSync(SHARED_SEED, "utf8"));
});

test("the comparison catches a reworded description, a dropped response and a changed example", () => {
  const spec = loadSpec();
  const get = spec.paths["/user/credits/info"]!.get!;
  get.responses["200"]!.description += " (edited)";
  delete get.responses["402"];
  (get.responses["500"]!.content!["application/json"]!.example as { error: string }).error = "Oops";
  expect(differences(seedDocument(), spec)).toEqual([
    "#/paths/~1user~1credits~1info/get/responses/200/description: expected \"Credit balance and billing context for the authenticated team.\", found \"Credit balance and billing context for the authenticated team. (edited)\"",
    "#/paths/~1user~1credits~1info/get/responses/402: missing",
    "#/paths/~1user~1credits~1info/get/responses/500/content/application~1json/example/error: expected \"Internal Server Error\", found \"Oops\"",
  ]);
});
