// `npm run mock`: Prism on openapi/billing.json at http://127.0.0.1:4010 (or --port / PORT) until Ctrl-C.
import { parseArgs } from "node:util";
import { loadScenarios } from "../mocks/mock-spec";
import { startPrism } from "../mocks/prism";
import { runMain } from "./lib/cli-args";

const USAGE = "usage: npm run mock [-- --port N] [-- --quiet]   (PORT=N works too)";

runMain(async () => {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { port: { type: "string" }, quiet: { type: "boolean" }, help: { type: "boolean" } },
    strict: true,
  });
  if (values.help) return console.log(USAGE);
  const port = parsePort(values.port ?? process.env.PORT ?? "4010");
  const prism = await startPrism({ port, onLog: values.quiet ? undefined : (line) => console.log(line) });
  const example = `curl -H 'Authorization: Bearer any-key' ${prism.url}/user/credits/info`;
  console.log(`mock: Prism serves openapi/billing.json at ${prism.url}`);
  console.log(`try:  ${example}`);
  console.log(`      forced status: -H 'Prefer: code=500'   random body: -H 'Prefer: dynamic=true'`);
  console.log(`      scenarios: ${loadScenarios().map((s) => `-H 'Prefer: example=${s.name}'`).join("  ")}`);
  console.log("stop: Ctrl-C");
  const shutdown = () => void prism.stop().then(() => console.log("mock: stopped"));
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
});

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new Error(`port must be a whole number from 1 to 65535, not "${value}"; ${USAGE}`);
  }
  return port;
}
