// check --min as a CI gate against an answer that does not say what the gate needs: a missing (or non-boolean)
// allow_usage, or a missing balance. The gate does not open: exit 4 (the answer cannot be read for the decision: not 1,
// which a top-up would fix, and not 7, which the API did not say), with one line naming what the API left out.
import { runCli } from "../helpers/cli";
import { json, startFaultServer } from "../helpers/fault-server";

async function checkAgainst(body: unknown, min = "1", options: { bin?: boolean } = {}) {
  const server = await startFaultServer(json(200, body));
  return runCli(["check", "--min", min, "--api-key", "k", "--base-url", server.url], options);
}

const NO_USAGE = "unknown: the API did not say whether usage is allowed for this team; check passes only when it says so";

test("an answer without allow_usage: the bin exits 4 with one line saying the API did not say whether usage is allowed", async () => {
  const result = await checkAgainst({ credits: 50_000 }, "1", { bin: true });
  expect(result).toEqual({ code: 4, stdout: "", stderr: `${NO_USAGE} (50,000 credits, 1 required)\n` });
});

test.each([
  ["a string", "true"],
  ["null", null],
  ["a number", 1],
])("allow_usage that is %s is not a yes: exit 4, the same line", async (_name, value) => {
  const result = await checkAgainst({ credits: 50_000, allow_usage: value }, "10,000");
  expect(result).toEqual({ code: 4, stdout: "", stderr: `${NO_USAGE} (50,000 credits, 10,000 required)\n` });
});

test("an answer without a balance is not a balance of 0: exit 4, one line saying the API did not say how many credits", async () => {
  const result = await checkAgainst({ allow_usage: true }, "0");
  expect(result).toEqual({
    code: 4,
    stdout: "",
    stderr: "unknown: the API did not say how many credits this team has; check passes only when it says so (no balance given, 0 required)\n",
  });
});

test("usage refused still wins over an unknown balance: exit 7", async () => {
  const result = await checkAgainst({ allow_usage: false }, "1");
  expect(result).toEqual({ code: 7, stdout: "", stderr: "exhausted: usage is not allowed for this team (no balance given, 1 required)\n" });
});

test("an answer that says both opens the gate", async () => {
  const result = await checkAgainst({ credits: 50_000, allow_usage: true }, "50,000");
  expect(result).toEqual({ code: 0, stdout: "ok: 50,000 credits, 50,000 required\n", stderr: "" });
});
