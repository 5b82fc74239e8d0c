// `npm run generate`: writes generated/ from the spec, all or nothing.
import { parseSpecAndOut, runMain } from "./lib/cli-args";
import { writeGenerated } from "./lib/generated-files";
import { repoLabel } from "./lib/paths";

runMain(async () => {
  const { spec, out } = parseSpecAndOut(process.argv.slice(2));
  const written = await writeGenerated(spec, out);
  console.log(`generated ${written.map(repoLabel).join(", ")} from ${repoLabel(spec)}`);
});
