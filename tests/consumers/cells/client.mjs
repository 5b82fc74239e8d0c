// The client's checks as a script (Node, Bun, Deno): `client.mjs <stub URL> <closed port>` prints the results as JSON.
import { clientChecks } from "./client-checks.mjs";

const [stub, closedPort] = (globalThis.Deno ? Deno.args : process.argv.slice(2));
console.log(JSON.stringify(await clientChecks(stub, Number(closedPort))));
