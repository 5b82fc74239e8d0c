// Run in a Node of its own, with a copy of the repository's register.js, by harness.ts: loads the copy's generated
// modules, starts both of its mock hosts (Prism through startMock, the MSW handlers through createHandlers) and sends
// each probe to both. One line of JSON on stdout: the modules that would not load, and each probe's two answers.
// A process of its own per run: the copy's generated/ changes between runs, and a module cache would keep the old one.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type * as MockModule from "../../../mocks/index";
import type * as MswModule from "../../../mocks/msw/node";
import type * as OperationsModule from "../../../generated/operations";
import type { Probe } from "./requests";

export type Seen = { status: number; type: string | null; body: unknown; headers: Record<string, string | null> };
/** `prism` is absent when only the MSW host was asked for. */
export type HostReport = { loadErrors: string[]; missing: string[]; answers: { probe: string; prism?: Seen; msw: Seen }[] };

/** `hosts`: "both", or "msw" for the MSW host alone (where Prism cannot start on the spec: both-hosts.ts). */
const [copy = "", probesFile = "", hosts = "both"] = process.argv.slice(2);
const CLOCK = Date.parse("2026-11-25T12:00:00Z");

async function main(): Promise<HostReport> {
  const { probes, operations: expected } = JSON.parse(readFileSync(probesFile, "utf8")) as { probes: Probe[]; operations: string[] };
  const loadErrors: string[] = [];
  for (const file of readdirSync(join(copy, "generated")).filter((name) => name.endsWith(".ts"))) {
    try {
      require(join(copy, "generated", file));
    } catch (error) {
      loadErrors.push(`generated/${file}: ${(error as Error).message}`);
    }
  }
  const { operations } = require(join(copy, "generated", "operations.ts")) as typeof OperationsModule;
  const missing = expected.filter((name) => !(name in operations));
  const { startMock } = require(join(copy, "mocks", "index.ts")) as typeof MockModule;
  const { createHandlers } = require(join(copy, "mocks", "msw", "node.ts")) as typeof MswModule;
  const { setupServer } = require("msw/node") as typeof import("msw/node");
  // Nothing listens on port 9: only the handlers answer there.
  const mswUrl = "http://127.0.0.1:9";
  const server = setupServer(...createHandlers({ baseUrl: mswUrl, now: () => CLOCK, chargeMs: 0 }).handlers);
  server.listen({ onUnhandledRequest: "bypass" });
  let prism: Awaited<ReturnType<typeof startMock>> | undefined;
  try {
    if (hosts === "both") prism = await startMock({ now: () => CLOCK, chargeMs: 0 });
    const answers = [];
    for (const [index, probe] of probes.entries()) {
      answers.push({ probe: probe.name, ...(prism ? { prism: await send(prism.url, probe, index) } : {}), msw: await send(mswUrl, probe, index) });
    }
    return { loadErrors, missing, answers };
  } finally {
    server.close();
    await prism?.stop();
  }
}

/** Each probe is its own team (its own key), so that the stateful model's state does not carry between probes. */
async function send(base: string, probe: Probe, index: number): Promise<Seen> {
  const response = await fetch(`${base}${probe.path}`, { method: probe.method, headers: { authorization: `Bearer team-${index}`, ...probe.headers }, body: probe.body });
  const text = await response.text();
  let body: unknown = text === "" ? null : text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: compared as text.
  }
  const headers = Object.fromEntries(probe.documentedHeaders.map((name) => [name, response.headers.get(name)]));
  return { status: response.status, type: response.headers.get("content-type")?.split(";")[0]?.trim() ?? null, body, headers };
}

main().then(
  (report) => {
    process.stdout.write(JSON.stringify(report));
    process.exit(0);
  },
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(70);
  },
);
