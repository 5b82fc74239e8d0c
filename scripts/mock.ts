// `npm run mock`: the stateful mock (Prism validating in front) at http://127.0.0.1:4010 until stopped, or when its
// parent goes: npm's script line execs node, so npm's SIGTERM lands here, and a parent killed outright is noticed.
import { parseArgs } from "node:util";
import { loadScenarios } from "../mocks/mock-spec";
import { MOCK_DEFAULTS, startMock } from "../mocks/index";
import { runMain } from "./tooling/run-main";

const USAGE =
  "usage: npm run mock [-- --port N] [--stateless] [--scenario NAME] [--settle-ms MS] [--charge-ms MS] [--cooldown-ms MS] [--quiet]   (PORT=N works too)";

runMain(async () => {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      port: { type: "string" },
      stateless: { type: "boolean" },
      scenario: { type: "string" },
      "settle-ms": { type: "string" },
      "charge-ms": { type: "string" },
      "cooldown-ms": { type: "string" },
      quiet: { type: "boolean" },
      help: { type: "boolean" },
    },
    strict: true,
  });
  if (values.help) return console.log(USAGE);
  const port = wholeNumber("--port", values.port ?? process.env.PORT ?? "4010", 1, 65_535);
  const mock = await startMock({
    port,
    stateful: !values.stateless,
    scenario: values.scenario,
    settleMs: values["settle-ms"] === undefined ? undefined : wholeNumber("--settle-ms", values["settle-ms"]),
    chargeMs: values["charge-ms"] === undefined ? undefined : wholeNumber("--charge-ms", values["charge-ms"]),
    cooldownMs: values["cooldown-ms"] === undefined ? undefined : wholeNumber("--cooldown-ms", values["cooldown-ms"]),
    onLog: values.quiet ? undefined : (line) => console.log(line),
  });
  const state = values.stateless
    ? "stateless: every answer from the spec's examples"
    : `stateful: balances per API key${values.scenario ? ` from scenario ${values.scenario}` : ""}, top-ups settle after ${values["settle-ms"] ?? MOCK_DEFAULTS.settleMs} ms`;
  console.log(`mock: Prism serves openapi/billing.json at ${mock.url} (${state})`);
  console.log(`try:  curl -H 'Authorization: Bearer any-key' ${mock.url}/user/credits/info`);
  console.log(`      npx olostep-billing --base-url ${mock.url} --api-key any-key topup 10000 --yes --wait`);
  console.log(`      forced status: -H 'Prefer: code=500'   random body: -H 'Prefer: dynamic=true'`);
  console.log(`      scenarios: ${loadScenarios().map((s) => `-H 'Prefer: example=${s.name}'`).join("  ")}, or an API key ending in :<scenario>`);
  console.log("stop: Ctrl-C");

  let stopping = false;
  const shutdown = (why: string) => {
    if (stopping) return;
    stopping = true;
    clearInterval(watch);
    void mock.stop().then(() => console.log(`mock: stopped (${why})`));
    // Whatever happens to the graceful stop, the script ends; Prism's watchdog then ends Prism with it.
    setTimeout(() => process.exit(0), 3_000).unref();
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.once(signal, () => shutdown(signal));
  // A parent killed with SIGKILL sends no signal: its child is handed to another process, and the ppid changes.
  // Nobody is left to see a graceful stop then: exiting at once closes Prism's IPC channel, and its watchdog ends it.
  const parent = process.ppid;
  const watch = setInterval(() => process.ppid !== parent && process.exit(0), 100);
});

function wholeNumber(flag: string, value: string, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < min || number > max) {
    throw new Error(`${flag} must be a whole number from ${min} to ${max}, not "${value}"; ${USAGE}`);
  }
  return number;
}
