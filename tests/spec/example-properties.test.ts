// What contract:live holds a live answer to beyond its schema: the properties every example of the spec shows.
import { alwaysShown, examplesOf, missingFrom } from "../../scripts/tooling/example-properties";
import { loadSpec } from "../helpers/spec";

const spec = loadSpec() as Parameters<typeof examplesOf>[0];
const creditsExamples = examplesOf(spec, "/user/credits/info", "get", 200);

test("the credits answer's examples always show the balance, each lot's fields and the subscription's", () => {
  expect(creditsExamples.length).toBeGreaterThan(0);
  expect(alwaysShown(creditsExamples)).toEqual(expect.arrayContaining(["credits", "allow_usage", "breakdown", "breakdown[].remaining_units", "active_subscription.id"]));
});

test("the spec's own example lacks nothing; a renamed field is reported, the outermost path only", () => {
  const shown = alwaysShown(creditsExamples);
  const example = creditsExamples[0] as Record<string, unknown>;
  expect(missingFrom(example, shown)).toEqual([]);
  const { credits, active_subscription: _gone, ...rest } = example;
  expect(missingFrom({ ...rest, credit_balance: credits }, shown)).toEqual(["credits", "active_subscription"]);
});

test("a property in every array item of every example is checked in every item of the answer", () => {
  const shown = alwaysShown([{ lots: [{ id: 1, note: "a" }, { id: 2 }] }, { lots: [{ id: 3 }] }]);
  expect(shown).toEqual(["lots", "lots[].id"]);
  expect(missingFrom({ lots: [{ id: 1 }, { key: 2 }] }, shown)).toEqual(["lots[].id"]);
  expect(missingFrom({ lots: [] }, shown)).toEqual([]);
});

test("a property only some examples show is not required; examples behind $refs count", () => {
  const doc = {
    paths: { "/a": { get: { responses: { "200": { $ref: "#/components/responses/A" } } } } },
    components: {
      responses: { A: { content: { "application/json": { examples: { one: { $ref: "#/components/examples/One" }, two: { value: { id: 2 } } } } } } },
      examples: { One: { value: { id: 1, extra: true } } },
    },
  };
  expect(alwaysShown(examplesOf(doc, "/a", "get", 200))).toEqual(["id"]);
  expect(examplesOf(doc, "/a", "get", 404)).toEqual([]);
});
