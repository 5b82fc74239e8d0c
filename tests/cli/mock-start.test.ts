// How --mock reports a mock that fails to start: its own MockStartError (Prism missing, the port taken) is exit 4 with
// its one line; any other error there is a fault of ours, exit 70 naming it, no longer dressed up as exit 4. The mock
// module is replaced here by one whose start fails as each case needs (the real one starts only when it can).
import { runCli } from "../helpers/cli";

const failure: { error?: unknown } = {};
jest.mock("../../mocks/index", () => ({
  ...jest.requireActual("../../mocks/index"),
  startMock: () => Promise.reject(failure.error),
}));
const { MockStartError } = jest.requireActual("../../mocks/index") as typeof import("../../mocks/index");

test("a MockStartError exits 4 with its own line", async () => {
  failure.error = new MockStartError("the mock needs the optional peer @stoplight/prism-cli 5.14.2, which is not installed: npm i -D …");
  const result = await runCli(["--mock", "credits"]);
  expect(result).toEqual({ code: 4, stdout: "", stderr: "olostep-billing: the mock needs the optional peer @stoplight/prism-cli 5.14.2, which is not installed: npm i -D …\n" });
});

test("any other error while the mock starts exits 70 with its name and message, not 4", async () => {
  failure.error = new TypeError("Cannot read properties of undefined (reading 'port')");
  const result = await runCli(["--mock", "credits"]);
  expect(result).toEqual({
    code: 70,
    stdout: "",
    stderr: "olostep-billing: unexpected TypeError: Cannot read properties of undefined (reading 'port') (a bug in olostep-billing; DEBUG=1 shows where)\n",
  });
});
