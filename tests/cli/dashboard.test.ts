// `olostep-billing dashboard --mock`, the compiled bin as a user runs it: prints its URL, serves, stops on Ctrl-C; and
// what the dashboard serves.
import { spawn } from "node:child_process";
import { request } from "node:http";
import { startDashboard } from "../../src/cli/dashboard-server";
import { HANDLER_DEFAULTS } from "../../src/server";
import { BIN } from "../helpers/cli";
import { json, startFaultServer } from "../helpers/fault-server";
import { isAlive, parentOf, pidsMatching, portRefuses, processTableMissing, within } from "../helpers/processes";

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
    // The same page by the other loopback name, as a browser asks for http://localhost:<port>/.
    expect(await askAs(url, `localhost:${new URL(url).port}`)).toMatchObject({ status: 200, body: expect.stringContaining('"credits":12500') });
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

/** A GET of the dashboard's balance, sent to its 127.0.0.1 socket with `host` as the Host header a browser would send. */
function askAs(url: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const asked = request(`${url}api/billing`, { headers: { host } }, (response) => {
      let body = "";
      response.on("data", (chunk: Buffer) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode!, body }));
    });
    asked.once("error", reject).end();
  });
}

test("the dashboard answers at localhost and 127.0.0.1 (both loopback), and refuses any other host", async () => {
  const api = await startFaultServer(json(200, { credits: 4_321, allow_usage: true }));
  const dashboard = await startDashboard({ port: 0, apiKey: "sk_test_dashboard", baseUrl: api.url });
  try {
    const port = new URL(dashboard.url).port;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`]) {
      expect({ host, ...(await askAs(dashboard.url, host)) }).toMatchObject({ host, status: 200, body: expect.stringContaining('"credits":4321') });
    }
    // Another site's name resolved to 127.0.0.1 (DNS rebinding), the right name on another port, no port at all.
    for (const host of [`evil.example:${port}`, `localhost.evil.example:${port}`, `localhost:${Number(port) + 1}`, "localhost", `[::1]:${port}`]) {
      expect({ host, status: (await askAs(dashboard.url, host)).status }).toEqual({ host, status: 403 });
    }
    // And as a program on this machine asks, by name: http://localhost:<port>/ is the page, and the balance is there.
    const page = await fetch(`http://localhost:${port}/`);
    expect(await page.text()).toContain('<olostep-credits src="/api/billing"');
    expect(await (await fetch(`http://localhost:${port}/api/billing`)).json()).toMatchObject({ credits: 4_321 });
    expect(api.requests.every((seen) => seen.headers.authorization === "Bearer sk_test_dashboard")).toBe(true);
  } finally {
    await dashboard.stop();
  }
});

test("the dashboard serves its page's widget, every module it imports, and no other file; it reads as often as the route's answer stays fresh", async () => {
  const api = await startFaultServer(json(200, { credits: 4_321, allow_usage: true }));
  const dashboard = await startDashboard({ port: 0, apiKey: "sk_test_dashboard", baseUrl: api.url });
  try {
    const page = await (await fetch(dashboard.url)).text();
    expect(page).toContain(`refresh="${HANDLER_DEFAULTS.maxAgeSeconds}"`);
    const entry = /<script type="module" src="([^"]+)">/.exec(page)![1]!;
    // Every module the page loads, following the imports from its entry as a browser does.
    const loaded = new Map<string, number>();
    const load = async (path: string): Promise<void> => {
      if (loaded.has(path)) return;
      const response = await fetch(new URL(path, dashboard.url));
      loaded.set(path, response.status);
      expect(response.headers.get("content-type")).toMatch(/^text\/javascript/);
      for (const [, from] of (await response.text()).matchAll(/from "(\.\/[^"]+)"/g)) await load(new URL(from!, new URL(path, dashboard.url)).pathname);
    };
    await load(entry);
    expect(loaded.size).toBeGreaterThan(1);
    expect([...loaded.values()].every((status) => status === 200)).toBe(true);
    for (const path of ["/widget/index.d.ts", "/widget/", "/widget/%2e%2e/package.json", "/package.json"]) {
      expect({ path, status: (await fetch(new URL(path, dashboard.url))).status }).toEqual({ path, status: 404 });
    }
  } finally {
    await dashboard.stop();
  }
});
