// The two commands that start a Prism of their own: `npm run mock` and `olostep-billing --mock`.
import { spawn } from "node:child_process";
import { freePort } from "../../mocks/prism";
import { runCli } from "../helpers/cli";
import { REPO } from "../helpers/run-script";
import { exampleOf, loadSpec } from "../helpers/spec";

const example = exampleOf(loadSpec(), "/user/credits/info", "get", "200");

test("npm run mock serves the example on the given port and stops on Ctrl-C (SIGINT), Prism included", async () => {
  const port = await freePort();
  const child = spawn(process.execPath, ["-r", "./scripts/register.js", "scripts/mock.ts", "--port", String(port), "--quiet"], {
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
    // SIGINT lets the mock script stop its Prism; a SIGKILL would leave that grandchild behind.
    if (child.exitCode === null) child.kill("SIGINT");
  }
});

test("--mock runs the command against a Prism it starts and stops itself, without a key", async () => {
  const result = await runCli(["--mock", "credits", "--json"]);
  expect(result.code).toBe(0);
  expect(JSON.parse(result.stdout)).toEqual(example);
});
