// `npm run generate`: writes generated/ from the spec, all or nothing. Exit 2 when the spec is refused, 70 for a bug
// (scripts/tooling/exit-codes.ts).
import { parseSpecAndOut } from "./tooling/spec-and-out";
import { runMain } from "./tooling/run-main";
import { writeGenerated } from "./tooling/generated-files";
import { repoLabel } from "./tooling/paths";

runMain(async () => {
  const { spec, out } = parseSpecAndOut(process.argv.slice(2));
  const written = await writeGenerated(spec, out);
  console.log(`generated ${written.map(repoLabel).join(", ")} from ${repoLabel(spec)}`);
});
