// No mock outlives what started it: its parent killed every way, npm stopped or killed, npx's npm → sh → node chain
// with npm killed outright (the shell lives on), the CLI killed mid-command.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { freePort } from "../../mocks/index";
import { BIN } from "../helpers/cli";
import { isAlive, nodesMatching, parentOf, pidsMatching, portRefuses, within, workDirOf } from "../helpers/processes";
import { REPO } from "../helpers/run-script";
import { stretched } from "../../core/patience";

// Each test here starts processes (npm, Prism, a packed install) and waits for their answers, not for a clock: on a
// machine whose cores are all busy that takes many times longer than on an idle one.
jest.setTimeout(stretched(90_000));

const children: ChildProcessWithoutNullStreams[] = [];
const ports = new Set<number>();
afterEach(() => {
  // Whatever an assertion did, nothing this file started stays behind: its children, and the mocks they started on
  // the test's ports (a mock whose npm was killed is nobody's child here).
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  const leftover = new RegExp(`(mock|dashboard) --port (${[...ports].join("|") || "none"})( |$)`);
  for (const pid of pidsMatching(leftover)) process.kill(pid, "SIGKILL");
  ports.clear();
});

async function testPort(): Promise<number> {
  const port = await freePort();
  ports.add(port);
  return port;
}

function start(command: string, args: string[], env: Record<string, string> = {}): ChildProcessWithoutNullStreams {
  const child = spawn(command, args, { cwd: REPO, stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, OLOSTEP_API_KEY: undefined, ...env } });
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

type Running = { pids: number[]; ports: number[]; workDir: string };

/** Prism started by `parent`: its pid, its port and its temporary directory. */
function prismOf(parent: number): { pid: number; port: number; workDir: string } {
  const [pid] = pidsMatching(/prism-cli/).filter((candidate) => parentOf(candidate) === parent);
  expect(pid).toBeDefined();
  const args = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
  return { pid: pid!, port: Number(args[args.indexOf("--port") + 1]), workDir: workDirOf(pid!) };
}

/** Called right after the kill: the processes, their ports and the temporary directory are all gone within 3 s. */
async function expectGone({ pids, ports, workDir }: Running): Promise<void> {
  const gone = async () => pids.every((pid) => !isAlive(pid)) && !existsSync(workDir) && (await Promise.all(ports.map(portRefuses))).every(Boolean);
  expect(await within(3_000, gone)).toBe(true);
}

test.each([["SIGINT"], ["SIGTERM"], ["SIGHUP"], ["SIGKILL"], ["crash"]] as const)(
  "a parent that dies by %s takes Prism and its temporary files with it",
  async (how) => {
    const parent = start(process.execPath, ["-r", "./scripts/register.js", "tests/fixtures/mock-parent.ts", how === "crash" ? "crash" : "wait"]);
    const { port } = JSON.parse(await firstLine(parent, /^\{"pid"/)) as { pid: number; port: number };
    const prism = prismOf(parent.pid!);
    expect(isAlive(prism.pid)).toBe(true);
    if (how !== "crash") parent.kill(how);
    await expectGone({ pids: [prism.pid], ports: [port, prism.port], workDir: prism.workDir });
  },
);

/** `npm run mock`, its node process (under npm's shell: the script has no `exec`, which cmd.exe lacks) and its Prism. */
async function npmRunMock(): Promise<{ npm: ChildProcessWithoutNullStreams; running: Running }> {
  const port = await testPort();
  const npm = start("npm", ["run", "mock", "--", "--port", String(port), "--quiet"]);
  await firstLine(npm, /^stop: Ctrl-C/);
  const [mock] = nodesMatching(new RegExp(`src/cli/main.ts mock --port ${port} `));
  expect([parentOf(mock!), parentOf(parentOf(mock!)!)]).toContain(npm.pid);
  const prism = prismOf(mock!);
  return { npm, running: { pids: [mock!, prism.pid], ports: [port, prism.port], workDir: prism.workDir } };
}

test("npm run mock stopped with SIGTERM to npm itself stops the mock and Prism", async () => {
  const { npm, running } = await npmRunMock();
  npm.kill("SIGTERM");
  await expectGone(running);
});

test("npm run mock whose npm is killed with SIGKILL right after it printed stops the mock and Prism", async () => {
  const { npm, running } = await npmRunMock();
  npm.kill("SIGKILL");
  await expectGone(running);
});

test.each([["SIGKILL"], ["SIGTERM"]] as const)(
  "npm exec (npx's npm → sh → node) killed with %s: the mock notices its grandparent is gone, and stops Prism",
  async (signal) => {
    const port = await testPort();
    // The marker in the environment lets afterEach find anything left, whatever its command line.
    const npm = start("npm", ["exec", "--offline", "--", "node", BIN, "mock", "--port", String(port), "--quiet"]);
    await firstLine(npm, /^stop: Ctrl-C/);
    const [mock] = nodesMatching(new RegExp(`main.js mock --port ${port} `));
    const shell = parentOf(mock!)!;
    expect(readFileSync(`/proc/${shell}/cmdline`, "utf8")).toMatch(/^sh\0-c/);
    const prism = prismOf(mock!);
    npm.kill(signal);
    await expectGone({ pids: [mock!, prism.pid], ports: [port, prism.port], workDir: prism.workDir });
  },
);

test("without /proc (as on macOS), npm exec killed with SIGKILL: the mock finds its grandparent by ps, notices its end, and stops Prism", async () => {
  const port = await testPort();
  const hideProc = require.resolve("../fixtures/hide-proc.cjs");
  const npm = start("npm", ["exec", "--offline", "--", "node", BIN, "mock", "--port", String(port), "--quiet"], { NODE_OPTIONS: `--require ${hideProc}` });
  let errors = "";
  npm.stderr.on("data", (chunk: Buffer) => (errors += chunk.toString()));
  await firstLine(npm, /^stop: Ctrl-C/);
  const [mock] = nodesMatching(new RegExp(`main.js mock --port ${port} `));
  // The mock itself looked for /proc and found none: its lifetime took the portable path.
  expect(errors).toContain(`hide-proc: ${mock} found no /proc`);
  const prism = prismOf(mock!);
  npm.kill("SIGKILL");
  await expectGone({ pids: [mock!, prism.pid], ports: [port, prism.port], workDir: prism.workDir });
});

test("dashboard --mock under npm exec, npm killed with SIGKILL: the dashboard and Prism go too", async () => {
  const port = await testPort();
  const npm = start("npm", ["exec", "--offline", "--", "node", BIN, "--mock", "dashboard", "--port", String(port)]);
  await firstLine(npm, /^stop: Ctrl-C/);
  const [dashboard] = nodesMatching(new RegExp(`main.js --mock dashboard --port ${port}`));
  const prism = prismOf(dashboard!);
  npm.kill("SIGKILL");
  await expectGone({ pids: [dashboard!, prism.pid], ports: [port, prism.port], workDir: prism.workDir });
});

test("olostep-billing --mock killed with SIGKILL while Prism listens leaves nothing behind", async () => {
  const cli = start(process.execPath, [BIN, "--mock", "topup", "10000", "--yes", "--wait", "--wait-timeout", "60"]);
  await firstLine(cli, /^Payment succeeded/);
  const prism = prismOf(cli.pid!);
  cli.kill("SIGKILL");
  await expectGone({ pids: [prism.pid], ports: [prism.port], workDir: prism.workDir });
});
