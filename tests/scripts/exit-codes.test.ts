// The scripts' exit codes: one table, shown in docs/spec.md as it is, each number the CLI's own.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { EXIT } from "../../src/cli/exit-codes";
import { SCRIPT_EXIT, SCRIPT_EXIT_MEANINGS } from "../../scripts/tooling/exit-codes";
import { REPO } from "../helpers/run-script";

test("docs/spec.md shows the scripts' exit codes exactly as the table has them", () => {
  const table = ["| exit | meaning |", "| --- | --- |", ...(Object.keys(SCRIPT_EXIT) as (keyof typeof SCRIPT_EXIT)[]).map((name) => `| ${SCRIPT_EXIT[name]} | ${SCRIPT_EXIT_MEANINGS[name]} |`)].join("\n");
  expect(readFileSync(join(REPO, "docs", "spec.md"), "utf8")).toContain(table);
});

test("every script exit code is a number the CLI gives the same meaning: ok, a check not met, refused input, a bug", () => {
  expect(SCRIPT_EXIT).toEqual({ ok: EXIT.ok, verdict: EXIT.notMet, refused: EXIT.usage, internal: EXIT.internal });
});
