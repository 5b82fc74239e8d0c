// The optional peers' install commands (printed when a peer is missing) name the versions this repository tests with,
// the peer ranges are exactly those versions, and the README and the testing guide show the same commands.
import { readFileSync } from "node:fs";
import { MSW_INSTALL } from "../../mocks/msw/handlers";
import { PRISM_INSTALL } from "../../mocks/start-errors";

const manifest = JSON.parse(readFileSync("package.json", "utf8")) as { devDependencies: Record<string, string>; peerDependencies: Record<string, string> };
const docs = ["README.md", "docs/testing.md"].map((path) => [path, readFileSync(path, "utf8")] as const);

test.each([
  ["@stoplight/prism-cli", PRISM_INSTALL, (pin: string) => pin],
  // Exactly as tested: from msw 2.11.3 on, msw loads only as ES modules, which jest cannot (a range would let npm pick one).
  ["msw", MSW_INSTALL, (pin: string) => pin],
])("%s: the install command pins what the tests run, the peer range is that version, the docs say the same", (name, command, range) => {
  const pin = manifest.devDependencies[name]!;
  expect(pin).toMatch(/^\d+\.\d+\.\d+$/);
  expect(command).toBe(`npm install --save-dev --save-exact ${name}@${pin}`);
  expect(manifest.peerDependencies[name]).toBe(range(pin));
  for (const [path, text] of docs) expect({ path, shows: text.includes(command) }).toEqual({ path, shows: true });
});

test("the msw this repository's tests load is the pinned one", () => {
  expect((require("msw/package.json") as { version: string }).version).toBe(manifest.devDependencies.msw);
});
