// createCreditsClient: the read-only client. It reads the balance like the full client, has nothing that can buy,
// and an app that uses only it bundles none of the money-moving code.
import { build } from "esbuild";
import { createCreditsClient, InsufficientCreditsError } from "../../src";
import { REPO_ROOT } from "../../scripts/tooling/paths";
import { json, startFaultServer, type FaultServer } from "../helpers/fault-server";
import { exampleOf, loadSpec } from "../helpers/spec";

const example = exampleOf(loadSpec(), "/user/credits/info", "get", "200");
let server: FaultServer | undefined;

test("reads the balance with the same retries and typed errors, and has no method that could buy", async () => {
  server = await startFaultServer(json(503, {}), json(200, example), json(402, { error: "credits_exhausted" }));
  const credits = createCreditsClient({ apiKey: "k", baseUrl: server.url });
  expect(Object.keys(credits)).toEqual(["getCreditsInfo"]);
  await expect(credits.getCreditsInfo()).resolves.toEqual(example);
  await expect(credits.getCreditsInfo()).rejects.toBeInstanceOf(InsufficientCreditsError);
  expect(server.requests.map((r) => r.method)).toEqual(["GET", "GET", "GET"]);
});

/** The minified browser bundle of an app that makes one GET with `factory`. */
async function bundleOf(factory: string): Promise<string> {
  const result = await build({
    stdin: { contents: `import { ${factory} } from "./src/index.ts"; ${factory}({ apiKey: "k" }).getCreditsInfo().then(console.log);`, resolveDir: REPO_ROOT, loader: "ts" },
    bundle: true,
    minify: true,
    platform: "browser",
    format: "esm",
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0]!.text;
}

test("a read-only app's browser bundle carries no top-up, Idempotency-Key or charge code; the full client's does", async () => {
  const moneyMarks = ["/user/purchase-topup", "Idempotency-Key", "the charge may or may not have happened", "idempotency_key_reuse"];
  const readOnly = await bundleOf("createCreditsClient");
  const full = await bundleOf("createBillingClient");
  expect(moneyMarks.filter((mark) => readOnly.includes(mark))).toEqual([]);
  expect(moneyMarks.filter((mark) => full.includes(mark))).toEqual(moneyMarks);
  expect(readOnly.length).toBeLessThan(full.length);
});
