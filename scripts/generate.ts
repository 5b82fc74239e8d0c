// `npm run generate`: writes generated/ from the spec, all or nothing. Exit 2 when the spec is refused (as spec:update
// exits), 1 for anything else.
import { parseSpecAndOut } from "./tooling/spec-and-out";
import { ScriptExit, runMain } from "./tooling/run-main";
import { SpecError } from "./tooling/spec-file";
import { writeGenerated } from "./tooling/generated-files";
import { repoLabel } from "./tooling/paths";

runMain(async () => {
  const { spec, out } = parseSpecAndOut(process.argv.slice(2));
  const written = await writeGenerated(spec, out).catch((error: unknown) => {
    throw error instanceof SpecError ? new ScriptExit(error.message, 2) : error;
  });
  console.log(`generated ${written.map(repoLabel).join(", ")} from ${repoLabel(spec)}`);
});
