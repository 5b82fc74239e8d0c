// The workflow security audits (scripts/tooling/workflow-audits.ts): nothing on this repository's workflows, and each
// audit finds its problem, and only that one, in a small bad workflow of its own (tests/fixtures/workflows/).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { AUDITS, auditWorkflow } from "../../scripts/tooling/workflow-audits";
import { REPO } from "../helpers/run-script";

const OURS = join(REPO, ".github", "workflows");
const FIXTURES = join(__dirname, "..", "fixtures", "workflows");
const audit = (dir: string, name: string) => auditWorkflow(readFileSync(join(dir, name), "utf8"), name);

test.each(readdirSync(OURS))("%s: no finding", (name) => {
  expect(audit(OURS, name)).toEqual([]);
});

test.each(readdirSync(FIXTURES))("%s: found by its audit, on its line, and by no other", (name) => {
  const expected = name.replace(/(-default)?\.yml$/, "");
  const findings = audit(FIXTURES, name);
  expect(findings.length).toBeGreaterThan(0);
  expect(new Set(findings.map((finding) => finding.audit))).toEqual(new Set([expected]));
  // Each finding points into the workflow (a real line, not the file's first).
  for (const finding of findings) expect(finding.line).toBeGreaterThan(1);
});

test("every audit has a bad fixture", () => {
  expect(new Set(readdirSync(FIXTURES).map((name) => name.replace(/(-default)?\.yml$/, "")))).toEqual(new Set(AUDITS));
});

test("template-injection names the expression and its context, and lets fixed contexts through", () => {
  const findings = audit(FIXTURES, "template-injection.yml");
  expect(findings).toHaveLength(1);
  expect(findings[0]).toMatchObject({ line: 9, message: expect.stringContaining("${{ github.event.issue.title }}") });
});

test("a step output, an input or a matrix built from an expression is untrusted in a script; a literal matrix is not", () => {
  const workflow = (run: string, matrix: string) => `
on: workflow_dispatch
permissions: {}
jobs:
  build:
    runs-on: ubuntu-latest
    permissions: {}
    strategy:
      matrix:
        node: ${matrix}
    steps:
      - run: ${run}
`;
  const injected = (run: string, matrix = "[20, 22]") => auditWorkflow(workflow(run, matrix), "inline.yml").map((finding) => finding.audit);
  expect(injected('echo "${{ steps.pull.outputs.changed }}"')).toEqual(["template-injection"]);
  expect(injected('echo "${{ inputs.name }}"')).toEqual(["template-injection"]);
  expect(injected('echo "${{ matrix.node }}"', "${{ fromJSON(inputs.nodes) }}")).toEqual(["template-injection"]);
  expect(injected('echo "${{ matrix.node }}"')).toEqual([]);
  expect(injected("echo \"${{ steps.check.outcome == 'success' }}\"")).toEqual([]);
});

test("unpinned-uses accepts a full commit SHA and a local action only", () => {
  const uses = (ref: string) => auditWorkflow(`on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    permissions: {}\n    steps:\n      - uses: ${ref}\n`, "inline.yml").map((finding) => finding.audit);
  expect(uses("actions/cache@27d5ce7f107fe9357f9df03efb73ab90386fccae")).toEqual([]);
  expect(uses("./.github/actions/local")).toEqual([]);
  expect(uses("actions/cache@27d5ce7")).toEqual(["unpinned-uses"]);
  expect(uses("actions/cache@main")).toEqual(["unpinned-uses"]);
  expect(uses("docker://alpine:3")).toEqual(["unpinned-uses"]);
});
