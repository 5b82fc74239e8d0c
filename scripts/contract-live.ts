// `npm run contract:live`: calls the live API through Prism as a validating proxy and fails on any answer
// that breaks the spec, or that lacks a property every example of the spec shows (the schemas make every property
// optional, so a renamed field would pass validation). Opt-in (OLOSTEP_API_KEY), read-only: only GET operations, never
// purchase-topup.
import { parseArgs } from "node:util";
import { startPrism } from "../mocks/prism";
import { createBillingClient, DEFAULT_BASE_URL } from "../src/index.js";
import { alwaysShown, examplesOf, missingFrom } from "./tooling/example-properties";
import { runMain, ScriptExit } from "./tooling/run-main";
import { SCRIPT_EXIT } from "./tooling/exit-codes";
import { SPEC_FILE } from "./tooling/paths";
import { readSpecFile } from "../core/openapi/read";

runMain(async () => {
  const { values } = parsedArguments();
  const apiKey = process.env.OLOSTEP_API_KEY;
  if (!apiKey) {
    console.log("contract:live skipped: set OLOSTEP_API_KEY to check the live API against the spec (nothing was called)");
    return;
  }
  const spec = readSpecFile(SPEC_FILE);
  const upstream = values.upstream ?? spec.servers?.[0]?.url ?? DEFAULT_BASE_URL;
  // Reading only: a check must never move money, so only GET operations are called.
  const paths = Object.entries(spec.paths).filter(([, item]) => "get" in item).map(([path]) => path);
  const proxy = await startPrism({ upstream });
  const violations: string[] = [];
  try {
    const billing = createBillingClient({ apiKey, baseUrl: proxy.url, maxRetries: 0 });
    for (const path of paths) {
      const { data, error, response } = await billing.raw.GET(path as "/user/credits/info", { parseAs: "text" });
      const found = JSON.parse(response.headers.get("sl-violations") ?? "[]") as { location: string[]; message: string; severity: string }[];
      for (const v of found) violations.push(`GET ${path} (${response.status}): ${v.severity} at ${v.location.join(".")}: ${v.message}`);
      console.log(`contract:live: GET ${path} → ${response.status}, ${found.length} violation(s)`);
      if (found.length > 0) continue;
      // Without violations, anything but a 2xx means nothing was checked: say why instead of passing.
      if (!response.ok) violations.push(`GET ${path}: no answer to check (${response.status}: ${describeFailure(error ?? data)})`);
      else for (const property of missingFrom(safeJson(String(data)), alwaysShown(examplesOf(spec, path, "get", response.status)))) {
        violations.push(`GET ${path} (${response.status}): the answer lacks ${property}, which every example of the spec shows (renamed or removed?)`);
      }
    }
  } finally {
    await proxy.stop();
  }
  // The check's answer, not a crash: exit 1, so that CI tells a broken contract from a bug (70).
  if (violations.length > 0) throw new ScriptExit(`contract:live failed: ${violations.join("; ")}`, SCRIPT_EXIT.verdict);
  console.log(`contract:live ok: ${paths.length} operation(s) of ${upstream} match openapi/billing.json`);
});

/** Prism's own errors (upstream unreachable, request refused) are problem+json documents with a title. */
function describeFailure(body: unknown): string {
  const problem = (typeof body === "string" ? safeJson(body) : body) as { title?: string; detail?: string; error?: string } | undefined;
  return problem?.title ?? problem?.error ?? "an error response";
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The command line, or the scripts' "refused" (2) with parseArgs' reason on one line. */
function parsedArguments() {
  try {
    return parseArgs({ args: process.argv.slice(2), options: { upstream: { type: "string" } }, strict: true });
  } catch (error) {
    throw new ScriptExit(`${(error as Error).message.split("\n")[0]}; usage: npm run contract:live [-- --upstream URL]`, SCRIPT_EXIT.refused);
  }
}
