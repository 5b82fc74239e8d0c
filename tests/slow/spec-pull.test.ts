// npm run spec:pull against a local server standing in for the vendor's docs, offline: unchanged, a compatible change,
// a breaking one, a conflict with this project's reading, and every way a pull can fail (invalid, unreachable, huge,
// not JSON), each with a clear message and, on failure, every file as it was.
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { stringify } from "yaml";
import { json, startFaultServer, text, type Handler } from "../helpers/fault-server";
import { applyPatch, type PatchOperation } from "../helpers/json-patch";
import { REPO } from "../helpers/run-script";
import { stretched } from "../../core/patience";

// Each test here starts processes (npm, Prism, a packed install) and waits for their answers, not for a clock: on a
// machine whose cores are all busy that takes many times longer than on an idle one.
jest.setTimeout(stretched(600_000));

const VENDOR = JSON.parse(readFileSync(join(REPO, "openapi", "vendor.json"), "utf8")) as Record<string, unknown>;
let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "spec-pull-"));
  cpSync(join(REPO, "openapi"), join(work, "openapi"), { recursive: true });
  cpSync(join(REPO, "generated"), join(work, "generated"), { recursive: true });
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

type Pulled = { code: number | null; stdout: string; stderr: string };

/** The command as users run it, async: the server standing in for the vendor lives in this process. */
async function pull(...args: string[]): Promise<Pulled> {
  const files = ["--spec", join(work, "openapi", "billing.json"), "--vendor", join(work, "openapi", "vendor.json"), "--out", join(work, "generated"), "--no-typecheck"];
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ["-r", resolve(REPO, "scripts/register.js"), resolve(REPO, "scripts/spec-pull.ts"), ...files, ...args], { cwd: REPO, encoding: "utf8" });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

function snapshot(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const dir of ["openapi", "generated"]) for (const name of readdirSync(join(work, dir))) files[`${dir}/${name}`] = readFileSync(join(work, dir, name), "utf8");
  return files;
}

/** A vendor docs page in the form it publishes (the seed's): Markdown with the spec cut to one operation in YAML. */
function page(doc: Record<string, unknown>, path: string): string {
  const cut = structuredClone(doc) as { paths: Record<string, unknown> };
  cut.paths = { [path]: cut.paths[path] };
  return `> ## Documentation Index\n\n# A page\n\n## OpenAPI\n\n\`\`\`\`yaml openapi/billing.json\n${stringify(cut)}\`\`\`\`\n`;
}

/** Serves the vendor's spec as its two reference pages, changed by `patch`; returns the two URLs. */
async function vendorPages(patch: PatchOperation[] = []): Promise<string[]> {
  const doc = applyPatch(VENDOR, patch);
  const server = await startFaultServer((req, res, index, seen) =>
    text(200, page(doc, req.url!.includes("topup") ? "/user/purchase-topup" : "/user/credits/info"), "text/markdown")(req, res, index, seen),
  );
  return [`${server.url}/api-reference/billing/credits-info.md`, `${server.url}/api-reference/billing/purchase-topup.md`];
}

const from = (urls: string[]) => urls.flatMap((url) => ["--from", url]);

test("unchanged: the published pages make the spec last pulled; nothing is written, exit 0", async () => {
  const before = snapshot();
  const result = await pull(...from(await vendorPages()));
  expect(result.stdout).toContain("the vendor's published spec is the one last pulled");
  expect(result.code).toBe(0);
  expect(snapshot()).toEqual(before);
});

test("a compatible change is carried onto billing.json, keeping this project's reading, with its findings and a changeset", async () => {
  const added: PatchOperation[] = [{ op: "add", path: "/components/schemas/CreditsInfoResponse/properties/team_name", value: { type: "string", description: "The team's name." } }];
  const out = join(work, "findings.json");
  const result = await pull(...from(await vendorPages(added)), "--findings-json", out, "--changeset", "--changeset-dir", join(work, "changesets"));
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/info\s+GET \/user\/credits\/info\s+response 200 application\/json\s+response-optional-property-added\s+team_name: optional property added/);
  const billing = JSON.parse(readFileSync(join(work, "openapi", "billing.json"), "utf8"));
  expect(billing.components.schemas.CreditsInfoResponse.properties.team_name).toEqual({ type: "string", description: "The team's name." });
  // This project's reading of the other pages stays: the Idempotency-Key, the error object.
  expect(billing.paths["/user/purchase-topup"].post.parameters[0].name).toBe("Idempotency-Key");
  expect(billing.components.schemas.ErrorObject).toBeDefined();
  expect(readFileSync(join(work, "generated", "billing.ts"), "utf8")).toContain("team_name?: string;");
  expect(JSON.parse(readFileSync(join(work, "openapi", "vendor.json"), "utf8")).components.schemas.CreditsInfoResponse.properties.team_name).toBeDefined();
  expect(JSON.parse(readFileSync(out, "utf8")).findings).toEqual([expect.objectContaining({ id: "response-optional-property-added", level: "info" })]);
  // An addition: a minor release, with the findings as its text.
  const [changeset] = readdirSync(join(work, "changesets"));
  expect(readFileSync(join(work, "changesets", changeset!), "utf8")).toMatch(/^---\n"olostep-billing": minor\n---\n[\s\S]*response-optional-property-added/);
});

test("a breaking change is carried over too, and exits 1 with the error in the findings", async () => {
  const removed: PatchOperation[] = [{ op: "remove", path: "/components/schemas/PurchaseTopupRequest/properties/credits/enum/3" }];
  const markdown = join(work, "findings.md");
  const result = await pull(...from(await vendorPages(removed)), "--findings-markdown", markdown);
  expect(result.code).toBe(1);
  expect(result.stdout).toContain("1 finding: 1 error");
  expect(readFileSync(markdown, "utf8")).toContain("| error | POST /user/purchase-topup | request body application/json | `request-property-enum-value-removed` |");
  expect(JSON.parse(readFileSync(join(work, "openapi", "billing.json"), "utf8")).components.schemas.PurchaseTopupRequest.properties.credits.enum).toEqual([10000, 20000, 80000]);
});

test("a vendor change where this project's reading changed the spec too is a conflict: exit 2, nothing changed", async () => {
  const before = snapshot();
  const theirs: PatchOperation[] = [{ op: "add", path: "/paths/~1user~1purchase-topup/post/parameters", value: [{ name: "X-Team", in: "header", schema: { type: "string" } }] }];
  const result = await pull(...from(await vendorPages(theirs)));
  expect(result.code).toBe(2);
  expect(result.stderr).toContain("error: the vendor changed /paths/~1user~1purchase-topup/post/parameters, which this project's reading changed too: merge by hand");
  expect(snapshot()).toEqual(before);
});

const refused: [string, Handler, RegExp][] = [
  ["a document that is not OpenAPI 3", json(200, { swagger: "2.0", info: { title: "x", version: "1" }, paths: {} }), /is not OpenAPI 3/],
  // Text that looks like JSON and is no YAML either is judged as JSON (core/openapi/read.ts): that error is the one to read.
  ["a page that is not JSON, YAML or a spec page", text(200, "{ this: is: not }", "text/plain"), /is not valid JSON/],
  ["an HTML error page", text(200, "<html><body>Maintenance</body></html>", "text/html"), /is not an OpenAPI document/],
  ["a 404", json(404, { error: "not found" }), /answered HTTP 404/],
  [
    "a body larger than any spec (streamed, no length given)",
    (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      const chunk = "x".repeat(1024 * 1024);
      let sent = 0;
      const more = () => {
        while (sent < 8 && res.write(chunk)) sent++;
        if (sent < 8) res.once("drain", () => ((sent++), more()));
        else res.end();
      };
      more();
    },
    /sent more than 5242880 bytes/,
  ],
];

test.each(refused)("%s is refused with the reason, exit 2, and every file as it was", async (_name, handler, reason) => {
  const before = snapshot();
  const server = await startFaultServer(handler);
  const result = await pull("--from", `${server.url}/spec.json`);
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(reason);
  expect(result.stderr.trim().split("\n")).toHaveLength(1);
  expect(snapshot()).toEqual(before);
  expect(readdirSync(join(work, "openapi")).filter((name) => name.startsWith("."))).toEqual([]);
});

test("an unreachable vendor is exit 2 naming the refusal, and every file as it was", async () => {
  const before = snapshot();
  const server = await startFaultServer(json(200, {}));
  const url = server.url;
  await server.close();
  const result = await pull("--from", `${url}/spec.json`);
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(/cannot be fetched \(ECONNREFUSED\)/);
  expect(snapshot()).toEqual(before);
});

test("the default sources are the vendor's two reference pages; OLOSTEP_SPEC_URLS overrides them", () => {
  const { VENDOR_SPEC_PAGES } = require("../../scripts/tooling/vendor-pages") as typeof import("../../scripts/tooling/vendor-pages");
  expect(VENDOR_SPEC_PAGES).toEqual(["https://docs.olostep.com/api-reference/billing/credits-info.md", "https://docs.olostep.com/api-reference/billing/purchase-topup.md"]);
  expect(existsSync(join(REPO, "openapi", "vendor.json"))).toBe(true);
});
