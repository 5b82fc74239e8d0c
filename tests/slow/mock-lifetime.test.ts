// No Prism outlives what started it: its parent killed every way, npm stopped, the CLI killed mid-command.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync } from "node:fs";
import { freePort } from "../../mocks/index";
import { BIN } from "../helpers/cli";
import { isAlive, parentOf, pidsMatching, portRefuses, within, workDirOf } from "../helpers/processes";
import { REPO } from "../helpers/run-script";

const children: ChildProcessWithoutNullStreams[] = [];
afterEach(() => {
  // Whatever an assertion did, nothing this file started stays behind.
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
});

function start(command: string, args: string[]): ChildProcessWithoutNullStreams {
  const child = spawn(command, args, { cwd: REPO, stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, OLOSTEP_API_KEY: undefined } });
  children.push(child);
  return child;
}

function firstLine(child: ChildProcessWithoutNullStreams, pattern: RegExp): Promise<string> {
  let output = "";
  let errors = "";
  child.stderr.on("data", (chunk: Buffer) => (errors += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split("\n").find((candidate) => pattern.test(candidate));
      if (line) resolve(line);
    });
    child.once("exit", () => reject(new Error(`exited before printing ${pattern}: ${output}${errors}`)));
  });
}

/** Called right after the kill: the process, its port and its temporary directory are all gone within one second. */
async function expectGoneWithin1s(prism: { pid: number; port: number; workDir: string }): Promise<void> {
  const gone = async () => !isAlive(prism.pid) && !existsSync(prism.workDir) && (await portRefuses(prism.port));
  expect(await within(1_000, gone)).toBe(true);
}

test.each([["SIGINT"], ["SIGTERM"], ["SIGHUP"], ["SIGKILL"], ["crash"]] as const)(
  "a parent that dies by %s takes Prism and its temporary files with it within 1 s",
  async (how) => {
    const parent = start(process.execPath, ["-r", "./scripts/register.js", "tests/fixtures/mock-parent.ts", how === "crash" ? "crash" : "wait"]);
    const { pid, port } = JSON.parse(await firstLine(parent, /^\{"pid"/)) as { pid: number; port: number };
    const workDir = workDirOf(pid);
    expect(isAlive(pid)).toBe(true);
    if (how !== "crash") parent.kill(how);
    await expectGoneWithin1s({ pid, port, workDir });
  },
);

test("npm run mock stopped with SIGTERM to npm itself stops Prism", async () => {
  const port = await freePort();
  const npm = start("npm", ["run", "mock", "--", "--port", String(port), "--quiet"]);
  await firstLine(npm, /^stop: Ctrl-C/);
  const [pid] = pidsMatching(new RegExp(`prism-cli.*--port ${port} `));
  expect(pid).toBeDefined();
  const workDir = workDirOf(pid!);
  npm.kill("SIGTERM");
  await expectGoneWithin1s({ pid: pid!, port, workDir });
});

test("npm run mock whose npm is killed with SIGKILL stops Prism", async () => {
  const port = await freePort();
  const npm = start("npm", ["run", "mock", "--", "--port", String(port), "--quiet"]);
  await firstLine(npm, /^stop: Ctrl-C/);
  const [pid] = pidsMatching(new RegExp(`prism-cli.*--port ${port} `));
  const workDir = workDirOf(pid!);
  npm.kill("SIGKILL");
  await expectGoneWithin1s({ pid: pid!, port, workDir });
  // The mock script itself ends too, once it has stopped Prism.
  expect(await within(1_000, () => pidsMatching(new RegExp(`scripts/mock.ts --port ${port} `)).length === 0)).toBe(true);
});

test("olostep-billing --mock killed with SIGKILL while Prism listens leaves nothing behind", async () => {
  const cli = start(process.execPath, [BIN, "--mock", "topup", "10000", "--yes", "--wait", "--wait-timeout", "60"]);
  await firstLine(cli, /^Payment succeeded/);
  const [pid] = pidsMatching(/prism-cli.*proxy/).filter((candidate) => parentOf(candidate) === cli.pid);
  expect(pid).toBeDefined();
  const args = require("node:fs").readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0") as string[];
  const port = Number(args[args.indexOf("--port") + 1]);
  const workDir = workDirOf(pid!);
  cli.kill("SIGKILL");
  await expectGoneWithin1s({ pid: pid!, port, workDir });
});
