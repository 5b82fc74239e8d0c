// mocks/prism.ts starts Prism where asked, says why when it cannot, and stops exactly what it started.
import { spawn } from "node:child_process";
import { freePort, PrismStartError, startPrism } from "../mocks/prism";
import { REPO } from "./helpers/run-script";

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

test("a port already taken gives a PrismStartError naming the port, and leaves no process", async () => {
  const taken = Number(new URL(process.env.PRISM_URL!).port);
  const error = await startPrism({ port: taken }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(PrismStartError);
  expect((error as Error).message).toContain(`127.0.0.1:${taken}`);
  expect((error as Error).message).toContain("EADDRINUSE");
});

test("npm run mock serves the example on the given port and stops on Ctrl-C (SIGINT), Prism included", async () => {
  const port = await freePort();
  const child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", "scripts/mock.ts", "--port", String(port), "--quiet"], {
    cwd: REPO,
    stdio: ["ignore", "pipe", "pipe"],
  });
  try {
    let output = "";
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes("stop: Ctrl-C")) resolve();
      });
      child.once("exit", () => reject(new Error(`mock exited early: ${output}`)));
    });
    expect(output).toContain(`mock: Prism serves openapi/billing.json at http://127.0.0.1:${port}`);
    expect(output).toContain(`curl -H 'Authorization: Bearer any-key' http://127.0.0.1:${port}/user/credits/info`);
    const response = await fetch(`http://127.0.0.1:${port}/user/credits/info`, { headers: { Authorization: "Bearer x" } });
    expect(response.status).toBe(200);

    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.kill("SIGINT");
    expect(await exited).toBe(0);
    await expect(fetch(`http://127.0.0.1:${port}/user/credits/info`)).rejects.toThrow();
  } finally {
    if (child.exitCode === null) child.kill("SIGKILL");
  }
});

test("stop() ends exactly the process it started, and a second stop() is harmless", async () => {
  const prism = await startPrism();
  expect(isAlive(prism.pid)).toBe(true);
  await prism.stop();
  expect(isAlive(prism.pid)).toBe(false);
  await prism.stop();
  // The shared Prism of this run is untouched.
  expect((await fetch(`${process.env.PRISM_URL}/user/credits/info`, { headers: { Authorization: "Bearer x" } })).status).toBe(200);
});
