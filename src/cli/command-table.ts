// Every command of olostep-billing: its synopsis, options and checks of the command line, and where its code is (loaded
// only when it runs). Parsing, --help and dispatch all read this table.
import { TOPUP_CREDITS, WAIT_DEFAULTS } from "../index.js";
import { milliseconds, noPositionals, port, topupAmount, wholeNumber } from "./arguments.js";
import type { CommandSpec, MockArgs, TopupArgs } from "./context.js";
import { usageError } from "./cli-error.js";
import { MOCK_OPTIONS, parseMockSetup } from "./options.js";

const defineCommand = <Args>(spec: CommandSpec<Args>) => spec;

export const COMMANDS = {
  credits: defineCommand<{ json: boolean }>({
    synopsis: "",
    summary: "the balance: total, plan, and a table of credit lots",
    calls: ["GET /user/credits/info"],
    options: { json: { type: "boolean", help: "print the API's JSON unchanged" } },
    parse: (values, positionals) => (noPositionals(positionals), { json: values.json === true }),
    load: () => import("./commands/credits.js").then((m) => m.creditsCommand),
  }),
  check: defineCommand<{ min: number }>({
    synopsis: "--min N",
    summary: "exit 0 when usage is allowed and the balance is at least N; 1 when it is less, 7 when usage is not allowed, 4 when the API did not say",
    calls: ["GET /user/credits/info"],
    options: { min: { type: "string", value: "N", help: "the credits the job needs" } },
    parse: (values, positionals) => {
      noPositionals(positionals);
      if (typeof values.min !== "string") throw usageError("check needs --min N");
      return { min: wholeNumber("--min", values.min) };
    },
    load: () => import("./commands/check.js").then((m) => m.checkCommand),
  }),
  topup: defineCommand<TopupArgs>({
    synopsis: `<${TOPUP_CREDITS.join("|")}>`,
    summary: "buy credits with the team's saved card, once, under an Idempotency-Key",
    calls: ["POST /user/purchase-topup", "GET /user/credits/info"],
    options: {
      yes: { type: "boolean", short: "y", help: "do not ask first (required when stdin is not a terminal)" },
      wait: { type: "boolean", help: "then poll the balance until the credits land" },
      "wait-timeout": { type: "string", value: "SECONDS", help: `how long --wait waits (default ${WAIT_DEFAULTS.timeoutMs / 1000})` },
      "wait-interval": { type: "string", value: "SECONDS", help: `the pause between balance reads (default ${WAIT_DEFAULTS.intervalMs / 1000})` },
      "idempotency-key": { type: "string", value: "KEY", help: "retry an earlier top-up safely: the same key cannot buy twice" },
    },
    parse: (values, positionals, io) => {
      if (positionals.length !== 1) throw usageError(`topup needs one amount: ${TOPUP_CREDITS.join(", ")}`);
      // Nobody can answer a prompt in a pipeline: charging a card needs an explicit --yes there.
      if (values.yes !== true && !io.stdin.isTTY) throw usageError("topup charges the team's saved card: pass --yes when stdin is not a terminal");
      // The stateless mock answers every balance read with the spec's example: credits bought there never land.
      if (values.wait === true && values.mock === true && values.stateless === true) {
        throw usageError("--wait cannot see credits land on the stateless mock (--stateless remembers nothing): drop --wait or --stateless");
      }
      return {
        credits: topupAmount(positionals[0]!),
        yes: values.yes === true,
        wait: values.wait === true,
        waitTimeoutMs: milliseconds("--wait-timeout", values["wait-timeout"], WAIT_DEFAULTS.timeoutMs),
        waitIntervalMs: milliseconds("--wait-interval", values["wait-interval"], WAIT_DEFAULTS.intervalMs),
        idempotencyKey: typeof values["idempotency-key"] === "string" ? values["idempotency-key"] : undefined,
      };
    },
    load: () => import("./commands/topup.js").then((m) => m.topupCommand),
  }),
  dashboard: defineCommand<{ port: number; allowTopup: boolean }>({
    synopsis: "",
    summary: "a local page (127.0.0.1 or localhost) with the balance as bars per lot; the key stays in this process",
    calls: ["GET /user/credits/info", "POST /user/purchase-topup"],
    options: {
      port: { type: "string", value: "N", help: "the page's port (default 4020; 0 picks a free one)" },
      "allow-topup": { type: "boolean", help: "show a Buy credits button (always on with --mock)" },
    },
    parse: (values, positionals) => (noPositionals(positionals), { port: port("--port", values.port, 4020), allowTopup: values["allow-topup"] === true }),
    load: () => import("./commands/dashboard.js").then((m) => m.dashboardCommand),
  }),
  mock: defineCommand<MockArgs>({
    synopsis: "",
    summary: "a stateful mock of the API on 127.0.0.1 until Ctrl-C; no key (needs @stoplight/prism-cli)",
    calls: [],
    options: {
      port: { type: "string", value: "N", help: "the mock's port (default 4010; 0 picks a free one)" },
      ...MOCK_OPTIONS,
      quiet: { type: "boolean", help: "no line per request" },
      verbose: { type: "boolean", help: "Prism's own log lines too" },
    },
    parse: (values, positionals) => {
      noPositionals(positionals);
      return { port: port("--port", values.port, 4010), ...parseMockSetup(values), quiet: values.quiet === true, verbose: values.verbose === true };
    },
    load: () => import("./commands/mock.js").then((m) => m.mockCommand),
  }),
};

export type CommandName = keyof typeof COMMANDS;
