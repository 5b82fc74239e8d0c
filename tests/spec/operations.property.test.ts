// Any operation a vendor could add works in every surface: fast-check generates operations (random paths, parameters
// of every kind both hosts read, JSON bodies, answers with and without examples), adds them to the spec in a copy of
// the repository, and harness.ts checks spec:update, the generated modules, the type check and both mock hosts.
// A few runs in `npm test`, more in the slow tier; the seed is printed (CONTRIBUTING.md: "Property tests: replay a seed").
import fc from "fast-check";
import { loadSpec } from "../../core/openapi/bundled";
import { operations, withOperations } from "./properties/arbitraries";
import { PARAMETER_KINDS_BOTH_HOSTS_READ, SHAPES_BOTH_HOSTS_SERVE, SUCCESS_WITHOUT_EXAMPLE_BOTH_HOSTS_SERVE } from "./properties/both-hosts";
import { createHarness } from "./properties/harness";
import { runOptions } from "./properties/run-options";

// Each run applies a spec (Spectral, the generator), type-checks the kit and starts Prism: tens of seconds on two busy
// cores, and nothing here waits on a clock.
jest.setTimeout(3_600_000);

test("generated operations: spec:update exits 0, the modules load, the type check passes, both hosts answer and refuse alike", async () => {
  const harness = createHarness("billing-props-");
  const base = loadSpec();
  const sent = { runs: 0, operations: 0, requests: 0, refusals: 0, unreadable: 0 };
  await fc.assert(
    fc.asyncProperty(operations(SHAPES_BOTH_HOSTS_SERVE, 4), async (added) => {
      const optional = new Map(added.map(({ method, path, sentOptional }) => [`${method.toUpperCase()} ${path}`, new Set(sentOptional)]));
      const report = await harness.check(withOperations(base, added), added, {
        read: PARAMETER_KINDS_BOTH_HOSTS_READ,
        successWithoutExample: SUCCESS_WITHOUT_EXAMPLE_BOTH_HOSTS_SERVE,
        send: (operation, parameter) => optional.get(operation)?.has(parameter.name) ?? false,
      });
      Object.assign(sent, { runs: sent.runs + 1, operations: sent.operations + added.length, requests: sent.requests + report.probes, refusals: sent.refusals + report.refusals, unreadable: sent.unreadable + report.unreadable.length });
      expect(report.problems).toEqual([]);
      expect(report.skipped).toEqual([]);
      expect(report.unverified).toEqual([]);
    }),
    runOptions("generated operations", { everyday: 2, slow: 6 }),
  );
  console.log(`generated operations: ${sent.runs} run(s), ${sent.operations} operation(s), ${sent.requests} request(s) to each host, ${sent.refusals} of them broken on purpose, ${sent.unreadable} answered alike as unreadable by Prism 5.14.2`);
});
