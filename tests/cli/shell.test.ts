// Commands the CLI prints are written for the shell they will be pasted into: sh, cmd.exe or PowerShell, chosen from
// the platform and the environment (injected here, so every shell's case runs on any machine).
import { execFileSync } from "node:child_process";
import { runCli } from "../helpers/cli";
import { startFaultServer, type FaultServer } from "../helpers/fault-server";
import { idempotentTopup } from "../helpers/idempotent-topup";
import { commandLine, quoteWord, shellFor } from "../../src/cli/shell";

const POWERSHELL_MODULES = "C:\\Users\\ada\\Documents\\WindowsPowerShell\\Modules;C:\\Program Files\\WindowsPowerShell\\Modules;C:\\WINDOWS\\system32\\WindowsPowerShell\\v1.0\\Modules";
const MACHINE_MODULES = "C:\\Program Files\\WindowsPowerShell\\Modules;C:\\WINDOWS\\system32\\WindowsPowerShell\\v1.0\\Modules";
const COMSPEC = "C:\\WINDOWS\\system32\\cmd.exe";
// A key the user chose: printable ASCII, with what each shell reads on its own (a space, quotes, $, %, &).
const AWKWARD_KEY = `order 7's "$HOME" 100% & more`;
let server: FaultServer | undefined;
// The POSIX cases are checked by a real sh; Windows runners may have none on PATH (the strings are checked there still).
const withSh = process.platform === "win32" ? test.skip : test;

describe("which shell", () => {
  test.each([
    ["Linux", "linux", { SHELL: "/bin/bash" }, "posix"],
    ["macOS, zsh", "darwin", { SHELL: "/bin/zsh" }, "posix"],
    ["macOS, PowerShell installed", "darwin", { SHELL: "/bin/zsh", PSModulePath: "/usr/local/microsoft/powershell/7/Modules" }, "posix"],
    ["Windows, cmd.exe (only the machine's module folders)", "win32", { ComSpec: COMSPEC, PSModulePath: MACHINE_MODULES }, "cmd"],
    ["Windows, cmd.exe without PSModulePath", "win32", { ComSpec: COMSPEC }, "cmd"],
    ["Windows, PowerShell (its user folder first)", "win32", { ComSpec: COMSPEC, PSModulePath: POWERSHELL_MODULES }, "powershell"],
    ["Windows, Git Bash", "win32", { ComSpec: COMSPEC, PSModulePath: POWERSHELL_MODULES, MSYSTEM: "MINGW64", SHELL: "/usr/bin/bash" }, "posix"],
    ["Windows, Cygwin", "win32", { ComSpec: COMSPEC, SHELL: "/bin/bash" }, "posix"],
  ] as const)("%s → %s", (_name, platform, env, shell) => {
    expect(shellFor(platform, env)).toBe(shell);
  });
});

describe("quoting", () => {
  withSh("a POSIX shell reads every quoted word back unchanged (run through sh; not on Windows)", () => {
    const words = ["olostep-billing", AWKWARD_KEY, "it's", "", "a\\b", "--base-url", "http://127.0.0.1:4999/x?y=1&z=2"];
    const printed = execFileSync("sh", ["-c", `printf '%s\\n' ${commandLine("posix", words)}`], { encoding: "utf8" });
    expect(printed).toBe(words.map((word) => `${word}\n`).join(""));
  });

  test("plain words stay bare in every shell", () => {
    const words = ["olostep-billing", "topup", "20000", "--yes", "--idempotency-key", "74c24c62-9af8-4693-8d2b-7a8fe3a849ea", "--base-url", "http://127.0.0.1:4999"];
    for (const shell of ["posix", "cmd", "powershell"] as const) expect(commandLine(shell, words)).toBe(words.join(" "));
  });

  test("PowerShell: single quotes, a quote inside written twice; $ stays literal", () => {
    expect(quoteWord("powershell", AWKWARD_KEY)).toBe(`'order 7''s "$HOME" 100% & more'`);
    expect(quoteWord("powershell", "a,b")).toBe("'a,b'");
    expect(quoteWord("powershell", "@x")).toBe("'@x'");
  });

  test("cmd.exe: double quotes, a quote inside doubled, % stepped out of the quotes as ^%", () => {
    expect(quoteWord("cmd", AWKWARD_KEY)).toBe(`"order 7's ""$HOME"" 100"^%" & more"`);
    expect(quoteWord("cmd", "a=b")).toBe('"a=b"');
  });
});

describe("the retry hint of an uncertain top-up", () => {
  async function hintOn(platform: string, windowsEnv: Record<string, string>): Promise<string> {
    // Not this machine's shell: the Windows one being played.
    const env = { SHELL: undefined, MSYSTEM: undefined, ...windowsEnv };
    const topup = idempotentTopup({ hangFirst: true });
    server = await startFaultServer(topup.handler);
    const result = await runCli(["topup", "20000", "--yes", "--timeout", "0.5", "--idempotency-key", AWKWARD_KEY, "--api-key", "k", "--base-url", server.url], { platform, env });
    expect(result.code).toBe(4);
    return result.stderr.trimEnd().split("\n").at(-1)!.trim();
  }

  withSh("on Linux: POSIX quoting, and the printed command, run by sh, buys nothing twice (not on Windows)", async () => {
    const topup = idempotentTopup({ hangFirst: true });
    server = await startFaultServer(topup.handler);
    const first = await runCli(["topup", "20000", "--yes", "--timeout", "0.5", "--idempotency-key", AWKWARD_KEY, "--api-key", "k", "--base-url", server.url], { platform: "linux" });
    const hint = first.stderr.trimEnd().split("\n").at(-1)!.trim();
    expect(hint).toBe(`olostep-billing topup 20000 --yes --idempotency-key ${quoteWord("posix", AWKWARD_KEY)} --base-url ${server.url}`);
    // The words as sh reads them, then the command they make (plus the key, which is never printed).
    const words = execFileSync("sh", ["-c", `printf '%s\\0' ${hint}`], { encoding: "utf8" }).split("\0").slice(1, -1);
    const retry = await runCli([...words, "--api-key", "k"]);
    expect(retry.code).toBe(0);
    expect(server.requests.filter((request) => request.method === "POST").map((request) => request.headers["idempotency-key"])).toEqual([AWKWARD_KEY, AWKWARD_KEY]);
    expect(topup.purchases()).toBe(1);
  });

  test("in PowerShell on Windows: PowerShell quoting", async () => {
    expect(await hintOn("win32", { ComSpec: COMSPEC, PSModulePath: POWERSHELL_MODULES })).toBe(
      `olostep-billing topup 20000 --yes --idempotency-key 'order 7''s "$HOME" 100% & more' --base-url ${server!.url}`,
    );
  });

  test("in cmd.exe on Windows: cmd.exe quoting", async () => {
    expect(await hintOn("win32", { ComSpec: COMSPEC, PSModulePath: MACHINE_MODULES })).toBe(
      `olostep-billing topup 20000 --yes --idempotency-key "order 7's ""$HOME"" 100"^%" & more" --base-url ${server!.url}`,
    );
  });
});
