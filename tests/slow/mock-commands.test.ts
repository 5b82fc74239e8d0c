// The commands that start a mock of their own: `olostep-billing mock` (also `npm run mock`) and `--mock`.
import { spawn, type ChildProcess } from "node:child_process";
import { freePort } from "../../mocks/prism";
import { BIN, runCli } from "../helpers/cli";
import { REPO } from "../helpers/run-script";
import { exampleOf, loadSpec } from "../helpers/spec";
import { stretched } from "../../core/patience";

// Each test here starts processes (npm, Prism, a packed install) and waits for their answers, not for a clock: on a
// machine whose cores are all busy that takes many times longer than on an idle one.
jest.setTimeout(stretched(90_000));

const example = exampleOf(loadSpec(), "/user/credits/info", "get", "200") as Record<string, unknown>;

/** What a started `olostep-billing mock` printed, up to its "stop: Ctrl-C" line; a mock that exits first fails. */
function startedMockOutput(child: ChildProcess): Promise<string> {
  let output = "";
  return new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("stop: Ctrl-C")) resolve(output);
    });
    child.once("exit", () => reject(new Error(`mock exited early: ${output}`)));
  });
}

test("olostep-billing mock serves on the given port, logs one line per request, and stops on Ctrl-C (SIGINT), Prism included", async () => {
  const port = await freePort();
  const child = spawn(process.execPath, [BIN, "mock", "--port", String(port)], { stdio: ["ignore", "pipe", "pipe"] });
  try {
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const printed = (text: string) =>
      new Promise<void>((resolve, reject) => {
        const check = () => output.includes(text) && resolve();
        child.stdout.on("data", check);
        child.once("exit", () => reject(new Error(`mock exited early: ${output}`)));
        check();
      });
    await printed("stop: Ctrl-C");
    expect(output).toContain(`mock: the Olostep Balance & Billing API at http://127.0.0.1:${port} (stateful: a balance per API key; top-ups settle after 3 s)`);
    expect(output).toContain(`curl -H 'Authorization: Bearer any-key' http://127.0.0.1:${port}/user/credits/info`);
    const response = await fetch(`http://127.0.0.1:${port}/user/credits/info`, { headers: { Authorization: "Bearer x" } });
    expect(response.status).toBe(200);
    await fetch(`http://127.0.0.1:${port}/user/credits/info`);
    await printed("GET /user/credits/info → 401");
    // One line per request, Prism's own lines left out (they come with --verbose).
    expect(output.split("\n").filter((line) => line.startsWith("GET "))).toEqual([
      expect.stringMatching(/^GET \/user\/credits\/info → 200 \(\d+ ms\)$/),
      expect.stringMatching(/^GET \/user\/credits\/info → 401 \(\d+ ms\)$/),
    ]);
    expect(output).not.toMatch(/\[HTTP SERVER\]|\[NEGOTIATOR\]/);

    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.kill("SIGINT");
    expect(await exited).toBe(0);
    await expect(fetch(`http://127.0.0.1:${port}/user/credits/info`)).rejects.toThrow();
  } finally {
    if (child.exitCode === null) child.kill("SIGINT");
  }
});

test("olostep-billing mock --stateless says so, and its try lines suggest only what works there: no --wait, no scenario by key", async () => {
  const port = await freePort();
  const child = spawn(process.execPath, [BIN, "mock", "--stateless", "--port", String(port)], { stdio: ["ignore", "pipe", "pipe"] });
  try {
    const output = await startedMockOutput(child);
    expect(output).toContain("(stateless: every answer from the spec's examples)");
    expect(output).not.toContain("--wait");
    expect(output).not.toMatch(/API key ending in/);
    // What the try line offers instead works there: a named answer by Prefer.
    const named = await fetch(`http://127.0.0.1:${port}/user/credits/info`, { headers: { Authorization: "Bearer x", Prefer: "code=200, example=exhausted" } });
    expect(await named.json()).toMatchObject({ allow_usage: false });
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.kill("SIGINT");
    expect(await exited).toBe(0);
  } finally {
    if (child.exitCode === null) child.kill("SIGINT");
  }
});

test("olostep-billing mock on a port already in use exits 4 with one line naming the port, leaving nothing", async () => {
  const { createServer } = await import("node:net");
  const taken = createServer().listen(0, "127.0.0.1");
  await new Promise((resolve) => taken.once("listening", resolve));
  const port = (taken.address() as { port: number }).port;
  try {
    const result = await runCli(["mock", "--port", String(port)], { bin: true });
    expect(result.code).toBe(4);
    expect(result.stderr).toBe(`olostep-billing: the mock could not listen on 127.0.0.1:${port}: the port is in use\n`);
  } finally {
    taken.close();
  }
});

test("--mock runs the command against a mock it starts and stops itself, without a key: the example's balance, moved to today", async () => {
  const result = await runCli(["--mock", "credits", "--json"]);
  expect(result.code).toBe(0);
  const { breakdown, active_subscription, ...rest } = example as { breakdown: object[]; active_subscription: object };
  expect(JSON.parse(result.stdout)).toMatchObject({ ...rest, active_subscription: { ...active_subscription, created_at: expect.any(Number) } });
  expect(JSON.parse(result.stdout).breakdown).toHaveLength(breakdown.length);
});

test("npm run mock in a clone of this package suggests a CLI command that runs there (npm run cli), and it buys on the mock", async () => {
  const port = await freePort();
  // As npm runs the repository's own `mock` script: npm_package_name is this package's.
  const child = spawn(process.execPath, [BIN, "mock", "--port", String(port), "--quiet"], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, npm_package_name: "olostep-billing" } });
  try {
    const output = await startedMockOutput(child);
    const suggested = output.split("\n").find((line) => line.includes(" topup 10000"))!;
    expect(suggested).toContain("npm run -s cli -- topup 10000 --yes --wait");
    expect(suggested).not.toContain("npx");
    // The suggestion run as printed (its variables as the environment, the command through npm), in the repository.
    const [, baseUrl] = /OLOSTEP_BASE_URL=(\S+)/.exec(suggested)!;
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const bought = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const run = spawn(npm, ["run", "-s", "cli", "--", "topup", "10000", "--yes", "--wait"], { cwd: REPO, env: { ...process.env, OLOSTEP_BASE_URL: baseUrl, OLOSTEP_API_KEY: "any-key" }, shell: process.platform === "win32" });
      let stdout = "";
      run.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      run.once("close", (code) => resolve({ code, stdout }));
    });
    expect(bought.code).toBe(0);
    expect(bought.stdout).toMatch(/landed/i);
  } finally {
    if (child.exitCode === null) child.kill("SIGINT");
  }
});
