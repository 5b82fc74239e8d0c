// `olostep-billing dashboard --mock`, the compiled bin as a user runs it: prints its URL, serves, stops on Ctrl-C.
import { spawn } from "node:child_process";
import { BIN } from "./helpers/cli";
import { isAlive, parentOf, pidsMatching, portRefuses, processTableMissing, within } from "./helpers/processes";

// Windows can neither list processes without /proc or ps nor send SIGINT to one (Ctrl-C is a console event there).
const skipped = process.platform === "win32" ? `no process table and no SIGINT on Windows` : processTableMissing;

(skipped ? test.skip : test)(`dashboard --mock prints a 127.0.0.1 URL, serves the page and the balance, and leaves nothing after Ctrl-C${skipped ? ` (skipped: ${skipped})` : ""}`, async () => {
  const child = spawn(process.execPath, [BIN, "--mock", "dashboard", "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let output = "";
      child.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        const match = /^dashboard: (http:\/\/127\.0\.0\.1:\d+\/)/m.exec(output);
        if (match) resolve(match[1]!);
      });
      child.once("exit", (code) => reject(new Error(`exited ${code}: ${output}`)));
    });
    const page = await fetch(url);
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(await page.text()).toContain('<olostep-credits src="/api/billing"');
    expect(await (await fetch(`${url}api/billing`)).json()).toMatchObject({ credits: 12_500 });
    const prism = pidsMatching(/prism-cli.*proxy/).filter((pid) => parentOf(pid) === child.pid);
    expect(prism).toHaveLength(1);

    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    child.kill("SIGINT");
    expect(await exited).toBe(0);
    expect(await portRefuses(Number(new URL(url).port))).toBe(true);
    expect(await within(1_000, () => !isAlive(prism[0]!))).toBe(true);
  } finally {
    if (child.exitCode === null) child.kill("SIGKILL");
  }
  // A bin that starts Prism: on a machine whose cores are all busy its start-up alone may take 30 s.
}, 60_000);
