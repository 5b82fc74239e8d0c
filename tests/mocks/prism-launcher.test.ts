// mocks/prism.ts starts Prism where asked, says why when it cannot, and stops exactly what it started.
import { stretched } from "../../core/patience";
import { PrismStartError, startPrism } from "../../mocks/prism";
import { readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { isAlive, parentOf, pidsMatching, processTableMissing } from "../helpers/processes";

/** Tests that look at processes from outside: not on Windows, which has neither /proc nor ps. */
const processTest = processTableMissing ? test.skip : test;
const skipped = processTableMissing ? ` (skipped: ${processTableMissing})` : "";


processTest(`a port already taken gives a PrismStartError naming the port before Prism is started, and leaves nothing${skipped}`, async () => {
  const taken = Number(new URL(process.env.PRISM_URL!).port);
  // Prisms of this process's own (in band, the run's shared Prism is one; other test files start theirs meanwhile).
  const ours = () => pidsMatching(/prism-cli/).filter((pid) => parentOf(pid) === process.pid);
  const prisms = ours();
  const before = readdirSync(tmpdir()).filter((name) => name.startsWith("olostep-billing-mock-"));
  const error = await startPrism({ port: taken }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(PrismStartError);
  expect((error as Error).message).toBe(`Prism could not start on 127.0.0.1:${taken}: the port is in use (EADDRINUSE)`);
  expect(ours()).toEqual(prisms);
  expect(readdirSync(tmpdir()).filter((name) => name.startsWith("olostep-billing-mock-") && !before.includes(name))).toEqual([]);
});

processTest(`stop() ends exactly the process it started, and a second stop() is harmless${skipped}`, async () => {
  const prism = await startPrism();
  try {
    expect(isAlive(prism.pid)).toBe(true);
    await prism.stop();
    expect(isAlive(prism.pid)).toBe(false);
  } finally {
    // Also when an assertion above fails: no test leaves a process behind.
    await prism.stop();
  }
  // The shared Prism of this run is untouched.
  expect((await fetch(`${process.env.PRISM_URL}/user/credits/info`, { headers: { Authorization: "Bearer x" } })).status).toBe(200);
  // Prism's own start-up may take its 30 s on a machine whose cores are all busy: the test waits longer than that.
}, stretched(60_000));

test("Prism is the pinned 5.14.2, declares support for this Node, and still has the CLI entry and proxy fallback the mock uses", () => {
  const manifest = JSON.parse(require("node:fs").readFileSync("package.json", "utf8")) as { devDependencies: Record<string, string> };
  const prism = require("@stoplight/prism-cli/package.json") as { version: string; engines: { node: string } };
  expect(prism.version).toBe(manifest.devDependencies["@stoplight/prism-cli"]);
  expect(prism.version).toBe("5.14.2");
  // ">=18.20.1": this Node must satisfy it (5.15 and later say >=24).
  const [major, minor] = process.versions.node.split(".").map(Number) as [number, number];
  expect(prism.engines.node).toBe(">=18.20.1");
  expect(major > 18 || (major === 18 && minor >= 20)).toBe(true);
  expect(require.resolve("@stoplight/prism-cli/dist/index.js")).toMatch(/prism-cli[\\/]dist[\\/]index\.js$/);
  // The stateful mock depends on an upstream 501 being re-mocked (Prism's documented proxy fallback).
  const factory = require("node:fs").readFileSync(require.resolve("@stoplight/prism-core/dist/factory.js"), "utf8") as string;
  expect(factory).toContain("UPSTREAM_NOT_IMPLEMENTED");
});

test("removing Prism's temporary directory never throws into the host process (Windows' EBUSY, or any other failure)", () => {
  const { mkdtempSync, rmSync, writeFileSync } = require("node:fs") as typeof import("node:fs");
  const { join } = require("node:path") as typeof import("node:path");
  const { removeWorkDir } = require("../../mocks/prism") as typeof import("../../mocks/prism");
  const dir = mkdtempSync(join(tmpdir(), "olostep-billing-remove-"));
  try {
    writeFileSync(join(dir, "file"), "");
    // A removal that fails (here ENOTDIR, on Windows EBUSY): rmSync throws, removeWorkDir does not.
    const failing = join(dir, "file", "below");
    expect(() => rmSync(failing, { recursive: true, force: true })).toThrow();
    expect(() => removeWorkDir(failing)).not.toThrow();
    removeWorkDir(dir);
    expect(readdirSync(tmpdir())).not.toContain(dir.split(/[\\/]/).pop());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
