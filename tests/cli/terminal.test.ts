// The CLI on a terminal (a pseudo-terminal from util-linux `script`): colour and the progress line.
import { runCli, ttyTest } from "../helpers/cli";
import { json, startFaultServer, type FaultServer } from "../helpers/fault-server";
import { exampleOf, loadSpec } from "../helpers/spec";

const example = exampleOf(loadSpec(), "/user/credits/info", "get", "200");
let server: FaultServer | undefined;
const prism = () => ["--api-key", "cli-test-key", "--base-url", process.env.PRISM_URL!];

ttyTest("colour only on a TTY, and never with NO_COLOR", async () => {
  const coloured = await runCli(["credits", ...prism()], { tty: true, bin: true });
  expect(coloured.stdout).toContain("\u001b[1m");
  const plain = await runCli(["credits", ...prism()], { tty: true, bin: true, env: { NO_COLOR: "1" } });
  expect(plain.code).toBe(0);
  expect(plain.stdout).toContain("Credits  12,500");
  expect(plain.stdout).not.toContain("\u001b[1m");
});

ttyTest("a progress line shows on a TTY when the answer takes longer than 300 ms, and never in a pipe", async () => {
  server = await startFaultServer((req, res, index, seen) => {
    setTimeout(() => json(200, example)(req, res, index, seen), 900);
  });
  const args = ["credits", "--api-key", "k", "--base-url", server.url];
  const piped = await runCli(args);
  expect(piped.code).toBe(0);
  expect(piped.stderr).toBe("");
  const onTerminal = await runCli(args, { tty: true, bin: true, env: { NO_COLOR: "1" } });
  expect(onTerminal.stdout).toContain("Reading the balance…");
  expect(onTerminal.stdout).toContain("Credits  12,500");
});

