// `npm run bench`: the client's cost per call (in-process and on loopback) and its bundle and cold import, next to
// raw fetch, openapi-fetch, ky and openai-node; the route under load; the mock's costs; the developer loop. Writes
// bench/results.md.
import { cpus } from "node:os";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { ensureBuilt } from "../scripts/tooling/ensure-built";
import { measureColdImport } from "./cold-import";
import { measureDevLoop } from "./dev-loop";
import { measureInProcess } from "./in-process";
import { measureInstructions } from "./instructions";
import { measureLoopback } from "./loopback";
import { measureMock, measureMswFlow } from "./mock";
import { mutationSectionOf } from "./mutation";
import { measureRoute } from "./route";
import { ROUTE_TITLE, routeSection, routeTargets, updateRouteResults } from "./route-report";
import { forbiddenInputs, gzipWithoutMessages, measureSize, measureWidget, READ_ONLY_BUNDLE } from "./size";
import { fixed, median, table } from "./stats";

const { values } = parseArgs({ options: { "skip-tests": { type: "boolean" }, "no-write": { type: "boolean" }, only: { type: "string" } }, strict: true });

const OURS = "olostep-billing getCreditsInfo()";
const READ_ONLY = READ_ONLY_BUNDLE;
const BARE = "bare openapi-fetch";
const RAW = "raw fetch + JSON.parse";
const TIMEOUT = "openapi-fetch + timeout signal";

async function main(): Promise<void> {
  if (values.only === "route") {
    // The route alone, put in place into the results of the last whole run.
    const route = await measureRoute();
    console.log(`bench: ${ROUTE_TITLE}\n${routeSection(route)}\n`);
    if (!values["no-write"]) updateRouteResults(resolve(__dirname, "results.md"), route, new Date().toISOString().slice(0, 10));
    return;
  }
  if (values.only !== undefined) throw new Error(`--only takes route, not ${values.only}`);
  ensureBuilt();
  const machine = `${cpus().length} cores (${cpus()[0]?.model.trim()}), Node ${process.version}, ${process.platform}/${process.arch}`;
  const sections: string[] = [];
  const report = (title: string, body: string) => {
    console.log(`bench: ${title}\n${body}\n`);
    sections.push(`## ${title}`, "", body, "");
  };
  console.log(`bench: ${machine}`);

  const inProcess = await measureInProcess();
  const cpu = (name: string) => inProcess.find((r) => r.name === name)!.cpuUs;
  report(
    "Client CPU per call, in-process (Node's fetch answered by an in-process dispatcher; 9 interleaved rounds of 2,000 calls)",
    table(
      ["client", "CPU µs/call (median round)", "rounds min–max", "vs bare openapi-fetch, paired by round", "paired rounds", "vs raw fetch"],
      inProcess.map((r) => [r.name, fixed(r.cpuUs, 1), r.spread, `${fixed(r.vsBare)}x`, r.vsBareSpread, `${fixed(r.cpuUs / cpu(RAW))}x`]),
    ),
  );

  const instructions = await measureInstructions();
  const perCall = (name: string) => instructions?.find((r) => r.name === name)?.perCall ?? Number.NaN;
  report(
    "Instructions per call (valgrind callgrind, node --predictable, in-process; 2,000 calls between a run of 1,000 and one of 3,000)",
    instructions
      ? table(["client", "instructions per call", "vs bare openapi-fetch", "vs raw fetch"], instructions.map((r) => [r.name, fixed(r.perCall, 0), `${fixed(r.perCall / perCall(BARE))}x`, `${fixed(r.perCall / perCall(RAW))}x`]))
      : "valgrind is not installed here (apt-get install valgrind): this table is left out.",
  );

  const loopback = await measureLoopback();
  const c1 = (name: string) => loopback.find((r) => r.name === name)!.c1Us;
  report(
    "Loopback (node:http server in its own process; 3 interleaved rounds)",
    table(
      ["client", "c=1 median µs", "c=1 rounds", "vs raw fetch", "calls/s c=16", "calls/s c=64", "c=64 rounds"],
      loopback.map((r) => [r.name, fixed(r.c1Us, 0), r.c1Spread, `${fixed(r.c1Us / c1(RAW))}x`, fixed(r.rps16, 0), fixed(r.rps64, 0), r.rps64Spread]),
    ),
  );

  const sizes = await measureSize();
  const ours = sizes.find((s) => s.name === READ_ONLY)!;
  const full = sizes.find((s) => s.name === OURS)!;
  report(
    "One-GET browser bundle (esbuild, platform browser, minified; gzip level 9)",
    table(["app that makes one GET with", "minified bytes", "gzip bytes", "heavy inputs"], sizes.map((s) => [s.name, String(s.minified), String(s.gzip), forbiddenInputs(Object.keys(s.inputs)).join(", ") || "none"])) +
      `\n\nThe read-only bundle with the text of every message emptied (all code kept) would be ${gzipWithoutMessages(ours.code)} B gzip, ` +
      `openapi-fetch alone ${sizes.find((s) => s.name === BARE)!.gzip} B.` +
      "\n\nWhere the read-only client's bundle's minified bytes go:\n\n" +
      table(["input", "bytes"], Object.entries(ours.inputs).sort((a, b) => b[1] - a[1]).map(([file, bytes]) => [file, String(bytes)])),
  );

  const widget = await measureWidget();
  report("The widget alone (esbuild, browser, minified; gzip level 9)", table(["bundle", "minified bytes", "gzip bytes"], [[widget.name, String(widget.minified), String(widget.gzip)]]));

  report("Cold import (a fresh node process loading the client; wall ms over an empty process, median of 7)", table(["client", "ms"], measureColdImport().map((r) => [r.name, fixed(r.ms, 0)])));

  const mock = await measureMock();
  report(
    "The mock: start-up until it listens, and one GET /user/credits/info through it (median of 300)",
    table(["mock", "start-up s (median of 3)", "start-ups", "request µs"], mock.map((m) => [m.name, fixed(m.startS), m.startSpread, fixed(m.requestUs, 0)])),
  );

  const mswFlow = measureMswFlow();
  report(
    "A test file on the MSW handlers, beyond its runner's start-up (a fresh Node process: load msw and the handlers, then read, buy, land, and the cooldown's refusal; median of 5)",
    table(["ms", "runs"], [[fixed(mswFlow.ms, 0), mswFlow.spread]]),
  );

  const route = await measureRoute();
  report(ROUTE_TITLE, routeSection(route));

  const loop = await measureDevLoop({ withTests: !values["skip-tests"] });
  rmSync(resolve(__dirname, ".generated-tmp"), { recursive: true, force: true });
  report("Developer loop (wall time, median of runs)", table(["command", "seconds", "runs", "target"], loop.map((l) => [l.name, fixed(l.seconds), String(l.runs), l.target ?? ""])));

  const ratio = inProcess.find((r) => r.name === OURS)!.vsBare;
  const latency = c1(OURS) / c1(RAW);
  report(
    "Targets",
    table(
      ["target", "measured", "met"],
      [
        ["in-process instructions per call ≤ 1.15x bare openapi-fetch", `${fixed(perCall(OURS) / perCall(BARE))}x`, perCall(OURS) / perCall(BARE) <= 1.15 ? "yes" : "no"],
        ["(for scale: openapi-fetch with nothing but a timeout signal)", `${fixed(perCall(TIMEOUT) / perCall(BARE))}x`, ""],
        ["in-process CPU per call ≤ 1.15x bare openapi-fetch (paired median; noisy here)", `${fixed(ratio)}x`, ratio <= 1.15 ? "yes" : "no"],
        ["loopback c=1 median ≤ 1.30x raw fetch", `${fixed(latency)}x`, latency <= 1.3 ? "yes" : "no"],
        ["one-GET bundle ≤ 7,500 B gzip: the read-only createCreditsClient", `${ours.gzip} B`, ours.gzip <= 7_500 ? "yes" : "no"],
        ["(for scale: the same with the full createBillingClient)", `${full.gzip} B`, ""],
        ["the widget alone ≤ 4 kB gzip", `${widget.gzip} B`, widget.gzip <= 4_000 ? "yes" : "no"],
        ["a test file's MSW set-up and purchase flow ≤ 300 ms beyond the runner's start-up", `${fixed(mswFlow.ms, 0)} ms`, mswFlow.ms <= 300 ? "yes" : "no"],
        ...routeTargets(route),
        ...loop.filter((l) => l.target).map((l) => [`${l.name} ${l.target}`, `${fixed(l.seconds)} s`, Number(l.target!.replace(/[^\d.]/g, "")) >= l.seconds ? "yes" : "no"]),
      ],
    ),
  );

  if (!values["no-write"]) {
    const header = ["# Benchmark results", "", `One run of \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${machine}.`, "Shared machines are noisy: compare ratios within a table, and read the rounds' spread before trusting a difference.", ""];
    // The mutation scores come from their own script (npm run bench:mutation): kept as they were.
    const mutation = existsSync(resolve(__dirname, "results.md")) ? mutationSectionOf(readFileSync(resolve(__dirname, "results.md"), "utf8")) : undefined;
    writeFileSync(resolve(__dirname, "results.md"), [...header, ...sections, ...(mutation ? [mutation] : [])].join("\n"));
    console.log("bench: wrote bench/results.md");
  }
}

main().catch((error: unknown) => {
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
