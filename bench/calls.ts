// Run as a child of bench/instructions.ts under callgrind: N calls of one contender against the in-process dispatcher.
import { CONTENDERS } from "./contenders";
import { installInProcessDispatcher } from "./in-process";

const [name = "", count = "0"] = process.argv.slice(2);

void (async () => {
  await installInProcessDispatcher();
  const contender = CONTENDERS.find((c) => c.name === name);
  if (!contender) throw new Error(`no contender "${name}"`);
  const call = await contender.make("http://127.0.0.1:4010");
  for (let i = 0; i < Number(count); i++) await call();
})();
