// Run by tests in a Node of its own, in a copy of the repository whose generated/ was made from an edited spec (both
// hosts load the spec and its validators when first imported): sends each request of the JSON file given to the
// Prism host (startMock) and to the MSW host (createHandlers), and prints one line of JSON with what each answered.
import { readFileSync } from "node:fs";
import { setupServer } from "msw/node";
import { startMock } from "../../mocks/index";
import { createHandlers } from "../../mocks/msw/node";
import { comparableAnswer, type HostAnswer, type Probe } from "./probes";

const MSW_URL = "http://127.0.0.1:9";

void (async () => {
  const probes = JSON.parse(readFileSync(process.argv[2]!, "utf8")) as Probe[];
  const clock = Date.parse("2026-11-25T12:00:00Z");
  const prism = await startMock({ now: () => clock, chargeMs: 0 });
  const msw = setupServer(...createHandlers({ now: () => clock, chargeMs: 0, baseUrl: MSW_URL }).handlers);
  msw.listen({ onUnhandledRequest: "bypass" });
  const answers: { prism: HostAnswer; msw: HostAnswer }[] = [];
  try {
    for (const probe of probes) answers.push({ prism: await send(prism.url, probe), msw: await send(MSW_URL, probe) });
  } finally {
    msw.close();
    await prism.stop();
  }
  process.stdout.write(JSON.stringify(answers));
})();

async function send(base: string, probe: Probe): Promise<HostAnswer> {
  const response = await fetch(`${base}${probe.path}`, { method: probe.method ?? "GET", headers: probe.headers, body: probe.body });
  return comparableAnswer(response.status, response.headers, await response.text());
}
