// `npm run bench`: per-call cost next to raw fetch, bundle size next to openapi-fetch, and the developer loop.
import { cpus } from "node:os";
import { rmSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { ensureBuilt } from "../scripts/lib/ensure-built";
import { measureDevLoop } from "./dev-loop";
import { measurePerCall } from "./per-call";
import { forbiddenInputs, measureSize } from "./size";
import { fixed, table } from "./stats";

const { values } = parseArgs({
  options: { "skip-tests": { type: "boolean" }, "no-write": { type: "boolean" }, only: { type: "string" } },
  strict: true,
});

async function main(): Promise<void> {
  ensureBuilt();
  const machine = `${cpus().length} cores (${cpus()[0]?.model.trim()}), Node ${process.version}, ${process.platform}/${process.arch}`;
  console.log(`bench: ${machine}`);

  console.log("bench: per-call overhead (5 interleaved rounds; c=1: 1,500 calls, c=16: 4,000 calls per round)");
  const perCall = await measurePerCall();
  const base = perCall[0]!;
  const perCallTable = table(
    ["client", "median µs", "p99 µs", "median ratio", "calls/s c=1", "calls/s c=16", "c=16 ratio", "round medians µs", "c=16 rounds calls/s"],
    perCall.map((r) => [
      r.name,
      fixed(r.medianUs, 0),
      fixed(r.p99Us, 0),
      `${fixed(r.medianUs / base.medianUs)}x`,
      fixed(r.rps1, 0),
      fixed(r.rps16, 0),
      `${fixed(base.rps16 / r.rps16)}x`,
      r.medianSpread,
      r.rps16Spread,
    ]),
  );
  console.log(perCallTable);

  console.log("bench: bundle size (esbuild, browser, minified)");
  const sizes = await measureSize();
  const sizeTable = table(
    ["bundle", "minified bytes", "gzip bytes", "heavy inputs"],
    sizes.map((s) => [s.name, String(s.minified), String(s.gzip), forbiddenInputs(s.inputs).join(", ") || "none"]),
  );
  console.log(sizeTable);

  console.log("bench: developer loop (wall time, median of runs)");
  const loop = await measureDevLoop({ withTests: !values["skip-tests"] });
  rmSync(resolve(__dirname, ".generated-tmp"), { recursive: true, force: true });
  const loopTable = table(["command", "seconds", "runs", "target"], loop.map((l) => [l.name, fixed(l.seconds), String(l.runs), l.target ?? ""]));
  console.log(loopTable);

  const ours = perCall[2]!;
  const [bare, client] = sizes as [(typeof sizes)[0], (typeof sizes)[0]];
  const targets = table(
    ["target", "measured", "met"],
    [
      ["getCreditsInfo() median ≤ 1.15x raw fetch (c=1)", `${fixed(ours.medianUs / base.medianUs)}x`, ours.medianUs / base.medianUs <= 1.15 ? "yes" : "no"],
      ["getCreditsInfo() throughput within 1.10x raw fetch (c=16)", `${fixed(base.rps16 / ours.rps16)}x`, base.rps16 / ours.rps16 <= 1.1 ? "yes" : "no"],
      ["client bundle ≤ 5 kB gzip", `${client.gzip} B`, client.gzip <= 5_000 ? "yes" : "no"],
      ["client bundle ≤ bare openapi-fetch + 2 kB gzip", `+${client.gzip - bare.gzip} B`, client.gzip - bare.gzip <= 2_000 ? "yes" : "no"],
      ...loop.filter((l) => l.target).map((l) => [`${l.name} ${l.target}`, `${fixed(l.seconds)} s`, Number(l.target!.replace(/[^\d.]/g, "")) >= l.seconds ? "yes" : "no"]),
    ],
  );
  console.log(targets);

  if (!values["no-write"]) {
    const report = [
      "# Benchmark results",
      "",
      `One run of \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${machine}.`,
      "Ratios matter more than absolute numbers on a shared machine; \"round medians\" and \"rounds\" give the spread across the five interleaved rounds.",
      "",
      "## Per-call overhead (local node:http server in its own process, seed example JSON)",
      "",
      perCallTable,
      "",
      "## Bundle size (esbuild, platform browser, minified; gzip level 9)",
      "",
      sizeTable,
      "",
      "## Developer loop",
      "",
      loopTable,
      "",
      "## Targets",
      "",
      targets,
      "",
    ].join("\n");
    writeFileSync(resolve(__dirname, "results.md"), report);
    console.log("bench: wrote bench/results.md");
  }
}

main().catch((error: unknown) => {
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
