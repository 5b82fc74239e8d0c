// Run by tests in a Node of its own (openapi-typescript needs Node's ES module loader, which jest's sandbox lacks):
// `generate` for each directory given, from its billing.json into its generated/; one line of JSON says how each went.
import { join } from "node:path";
import { writeGenerated } from "../../scripts/tooling/generated-files";

void (async () => {
  const outcomes: Record<string, string> = {};
  for (const dir of process.argv.slice(2)) {
    outcomes[dir] = await writeGenerated(join(dir, "billing.json"), join(dir, "generated")).then(
      () => "ok",
      (error: unknown) => `error: ${(error as Error).message}`,
    );
  }
  process.stdout.write(JSON.stringify(outcomes));
})();
