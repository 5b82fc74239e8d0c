// The checks every added operation must pass, on a copy of the repository: spec:update from a file exits 0, the
// generated modules load and list the operations, the type check of src/ and generated/ passes (once per spec, not per
// operation), and both mock hosts answer each operation's request built from its schemas alike (status, media type,
// body, the documented headers: a documented 2xx), and refuse the same request broken in one place with the same 4xx.
import { execFile } from "node:child_process";
import { cpSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { copyOfRepo, scriptIn } from "../../helpers/repo-copy";
import { REPO } from "../../helpers/run-script";
import type { OpenApiDocument } from "../../../core/openapi/document";
import { probesOf, type Probe, type ProbeOptions } from "./requests";
import type { HostReport } from "./host-check";

/** `unverified`: the answers whose bodies were not compared (a 2xx with no example, with `successWithoutExample` off). */
/** `probes`: the requests sent to the hosts, `refusals` of them broken on purpose. */
/**
 * `unreadable`: requests Prism 5.14.2 cannot read (its deserialiser throws and its process ends: mocks/parameter-checks.ts),
 * which both hosts answer with the same 500 "Unreadable parameters": alike, as the property asks, but not the spec's answer.
 */
export type CheckReport = { problems: string[]; skipped: string[]; unverified: string[]; unreadable: string[]; probes: number; refusals: number };

/** What the hosts are held to (both-hosts.ts): the request's parameter kinds, and whether a 2xx with no example is compared whole. */
export type CheckOptions = ProbeOptions & {
  successWithoutExample: boolean;
  /** "msw": the MSW host alone, held to the documented statuses (where Prism cannot start on the spec: both-hosts.ts). */
  hosts?: "both" | "msw";
};

/** The copy's tsconfig for the type check that matters here: the kit (src/, mocks/, core/) against the new generated/. */
const TSCONFIG = "tsconfig.properties.json";

/** A copy of the repository for one test file; `check` puts a spec in it and judges it. */
export function createHarness(prefix: string) {
  const copy = copyOfRepo(prefix);
  writeFileSync(join(copy, TSCONFIG), JSON.stringify({ extends: "./tsconfig.json", include: ["src", "mocks", "core", "generated"], exclude: [] }));
  return { copy, check: (spec: OpenApiDocument, added: { method: string; path: string }[], options: CheckOptions) => check(copy, spec, added, options) };
}

async function check(copy: string, spec: OpenApiDocument, added: { method: string; path: string }[], options: CheckOptions): Promise<CheckReport> {
  // Each spec is applied to the repository as committed: the change is then the added operations alone.
  for (const place of ["openapi", "generated"]) cpSync(join(REPO, place), join(copy, place), { recursive: true });
  const file = join(copy, "incoming.json");
  writeFileSync(file, JSON.stringify(spec, null, 2));
  const update = scriptIn(copy, "spec-update.ts", [file, "--no-typecheck"]);
  if (update.code !== 0) return { problems: [`spec:update exits ${update.code}:\n${update.stdout}${update.stderr}`], skipped: [], unverified: [], unreadable: [], probes: 0, refusals: 0 };

  const built = added.map(({ method, path }) => probesOf(spec, method, path, options));
  const probes: Probe[] = built.flatMap((entry) => ("skipped" in entry ? [] : [entry.valid, ...(entry.broken ? [entry.broken] : [])]));
  const skipped = built.flatMap((entry) => ("skipped" in entry ? [entry.skipped] : []));
  const refusals = probes.filter((probe) => probe.expect === "refusal").length;
  const probesFile = join(copy, "probes.json");
  writeFileSync(probesFile, JSON.stringify({ probes, operations: added.map(({ method, path }) => `${method.toUpperCase()} ${path}`) }));
  // The type check and the hosts side by side: neither writes anything the other reads.
  const [types, hosts] = await Promise.all([
    node(copy, [require.resolve("typescript/bin/tsc"), "-p", join(copy, TSCONFIG)]),
    node(copy, ["-r", join(copy, "scripts", "register.js"), join(__dirname, "host-check.ts"), copy, probesFile, options.hosts ?? "both"]),
  ]);
  const problems: string[] = [];
  if (types.code !== 0) problems.push(`the type check fails:\n${types.stdout.split("\n").filter((line) => line.includes("error TS")).slice(0, 10).join("\n")}`);
  if (hosts.code !== 0) return { problems: [...problems, `the hosts' check exits ${hosts.code}:\n${hosts.stderr}`], skipped, unverified: [], unreadable: [], probes: probes.length, refusals };
  const report = JSON.parse(hosts.stdout) as HostReport;
  problems.push(...report.loadErrors.map((error) => `a generated module does not load: ${error}`));
  problems.push(...report.missing.map((name) => `generated/operations.ts lacks ${name}`));
  const unverified: string[] = [];
  const unreadable: string[] = [];
  for (const [index, { probe, prism, msw }] of report.answers.entries()) {
    const valid = probes[index]!.expect === "answer";
    const whole = options.successWithoutExample || probes[index]!.exampleOnSuccess;
    if (valid && !whole) unverified.push(probe);
    const shown = `${probe}\n  request ${JSON.stringify(probes[index])}\n  Prism ${JSON.stringify(prism ?? "not asked")}\n  MSW   ${JSON.stringify(msw)}`;
    if (prism && isUnreadable(prism) && JSON.stringify(prism) === JSON.stringify(msw)) {
      unreadable.push(probe);
      continue;
    }
    // An answer with no example is Prism's sample of its schema, which may break the schema's own pattern or format:
    // then Prism (with --errors) answers a 500 naming the answer's violation, and so does the MSW host, as
    // tests/mocks/parameters.test.ts proves against Prism. Without Prism to compare, that 500 is the documented outcome.
    if (!prism && valid && !probes[index]!.exampleOnSuccess && sampleBreaksSchema(msw)) continue;
    // Without Prism, the MSW host is held to what the spec documents: a 2xx for the request built from the schemas.
    const judged = prism ?? msw;
    if (valid && !(judged.status >= 200 && judged.status < 300)) problems.push(`${prism ? "Prism" : "the MSW host"} refuses a request built from the schemas: ${shown}`);
    if (!valid && !(judged.status >= 400 && judged.status < 500)) problems.push(`${prism ? "Prism" : "the MSW host"} does not refuse a request that breaks the schema: ${shown}`);
    if (!prism) continue;
    if (valid && JSON.stringify(whole ? prism : prism.status) !== JSON.stringify(whole ? msw : msw.status)) problems.push(`the hosts answer differently: ${shown}`);
    if (!valid && prism.status !== msw.status) problems.push(`the hosts refuse with different statuses: ${shown}`);
  }
  return { problems, skipped, unverified, unreadable, probes: probes.length, refusals };
}

function node(cwd: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, args, { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      done({ code: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout, stderr }),
    );
  });
}

/** The 500 both hosts give a request Prism's deserialisers cannot read (mocks/parameter-checks.ts's unreadableParameters). */
function isUnreadable(answer: { status: number; body?: unknown }): boolean {
  return answer.status === 500 && (answer.body as { title?: unknown } | undefined)?.title === "Unreadable parameters";
}

/** The 500 for an answer that breaks its own schema: every violation it lists is in the response, none in the request. */
function sampleBreaksSchema(answer: { status: number; body?: unknown }): boolean {
  const validation = (answer.body as { title?: unknown; validation?: { location?: string[] }[] } | undefined)?.validation;
  return answer.status === 500 && Array.isArray(validation) && validation.length > 0 && validation.every((violation) => violation.location?.[0] === "response");
}
