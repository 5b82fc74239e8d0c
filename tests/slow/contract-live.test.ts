// The live contract check's mechanism, offline: Prism as a validating proxy in front of a local server.
import { spawn } from "node:child_process";
import { json, startFaultServer, type FaultServer } from "../helpers/fault-server";
import { REPO } from "../helpers/run-script";
import { exampleOf, loadSpec } from "../helpers/spec";
import { stretched } from "../../core/patience";

// Each test here starts processes (npm, Prism, a packed install) and waits for their answers, not for a clock: on a
// machine whose cores are all busy that takes many times longer than on an idle one.
jest.setTimeout(stretched(90_000));

let server: FaultServer | undefined;

/** Async: the upstream server lives in this process. */
function contractLive(env: Record<string, string | undefined>, args: string[] = []): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ["-r", "./scripts/register.js", "scripts/contract-live.ts", ...args], {
    cwd: REPO,
    // A guard against a hang: an idle machine's minute, stretched by the load.
    timeout: stretched(60_000),
    env: { ...process.env, OLOSTEP_API_KEY: undefined, ...env },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once("close", (code) => resolve({ code, stdout, stderr })));
}

test("without OLOSTEP_API_KEY it is skipped with a clear note and calls nothing", async () => {
  const result = await contractLive({});
  expect(result.code).toBe(0);
  expect(result.stdout).toContain("contract:live skipped: set OLOSTEP_API_KEY");
});

test("an answer that breaks the spec fails the check, naming the violation", async () => {
  server = await startFaultServer(json(200, { credits: "lots", allow_usage: true }));
  const result = await contractLive({ OLOSTEP_API_KEY: "offline-test-key" }, ["--upstream", server.url]);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain("GET /user/credits/info (500): Error at response.body.credits: Response body property credits must be integer");
  expect(server.requests[0]!.headers.authorization).toBe("Bearer offline-test-key");
  expect(server.requests.every((request) => request.method === "GET")).toBe(true);
});

test("an answer that keeps to the spec passes", async () => {
  server = await startFaultServer(json(200, exampleOf(loadSpec(), "/user/credits/info", "get", "200")));
  const result = await contractLive({ OLOSTEP_API_KEY: "offline-test-key" }, ["--upstream", server.url]);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  expect(result.stdout).toContain("contract:live ok: 1 operation(s)");
});

test("an answer that validates but lacks a property every example shows (a field renamed) fails the check, naming it", async () => {
  const { credits, ...rest } = exampleOf(loadSpec(), "/user/credits/info", "get", "200") as Record<string, unknown>;
  server = await startFaultServer(json(200, { ...rest, credit_balance: credits }));
  const result = await contractLive({ OLOSTEP_API_KEY: "offline-test-key" }, ["--upstream", server.url]);
  expect(result.stdout).toContain("GET /user/credits/info → 200, 0 violation(s)");
  expect(result.code).toBe(1);
  expect(result.stderr).toContain("GET /user/credits/info (200): the answer lacks credits, which every example of the spec shows");
});
