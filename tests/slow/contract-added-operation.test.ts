// Issue 34's added operation, `GET /user/credits/history` (`limit` integer 1–100 and `cursor`, optional) and the same
// with `limit` required, generated into a copy of the repository; the contract matrix runs there unchanged, on Prism
// and on the MSW handlers, and calls each new operation once per documented answer with its parameters filled.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { caseName, contractMatrix } from "../helpers/contract";
import { HISTORY, HISTORY_REQUIRED, withHistoryOperations } from "../helpers/parameter-spec";
import { copyOfRepo, jestIn } from "../helpers/repo-copy";
import { loadSpec } from "../helpers/spec";

// Copying, generating, and jest with its own Prism in the copy take minutes on two busy cores: no clock is tested.
jest.setTimeout(900_000);

test("the contract matrix passes on a spec with the history operations, each documented answer of theirs on both hosts", () => {
  const spec = withHistoryOperations(loadSpec());
  const copy = copyOfRepo("billing-contract-added-");
  writeFileSync(join(copy, "billing.json"), JSON.stringify(spec, null, 2));
  const generate = spawnSync(process.execPath, ["-r", join(copy, "scripts", "register.js"), join(copy, "tests", "helpers", "generate-each.ts"), copy], { cwd: copy, encoding: "utf8" });
  expect(JSON.parse(generate.stdout)).toEqual({ [copy]: "ok" });
  const run = jestIn(copy, ["tests/client/contract.test.ts"], { prism: true });
  expect(run.output).not.toMatch(/✕/);
  expect(run.code).toBe(0);
  const added = contractMatrix(spec).cases.filter((c) => [HISTORY, HISTORY_REQUIRED].includes(c.path));
  expect(added.length).toBeGreaterThan(0);
  for (const c of added) for (const host of ["Prism", "MSW handlers"]) expect(run.output).toContain(`✓ ${caseName(c)} on ${host} gives the outcome its documented answer maps to`);
});
