// jest: TypeScript tests through ts-jest. `npm test` runs tests/ with one Prism for the whole run (globalSetup and
// globalTeardown); `npm run test:consumers` (BILLING_CONSUMERS=1) runs the consumer matrix under tests/consumers/,
// which installs the packed package into a project of its own.
import type { Config } from "jest";
import { stretched } from "./core/patience";

const consumers = process.env.BILLING_CONSUMERS === "1";

const config: Config = {
  testEnvironment: "node",
  roots: [consumers ? "<rootDir>/tests/consumers" : "<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
  // tests/slow/ (packing and installing the tarball, Spectral, spec:update and spec:pull, the mock's lifetime, --mock end to end with five Prisms) and
  // tests/browser/ (Chromium) add about 80 s of CPU: `npm run test:all` and CI run them, `npm test` keeps the everyday
  // loop under a minute on 2 cores.
  testPathIgnorePatterns: ["/node_modules/", ...(process.env.BILLING_ALL_TESTS === "1" ? [] : ["/tests/slow/", "/tests/browser/"]), ...(consumers ? [] : ["/tests/consumers/"])],
  // The consumer project's node_modules (runtimes, toolchains: about 1 GB) is no module of ours to map or watch.
  modulePathIgnorePatterns: ["<rootDir>/tests/consumers/node_modules", "<rootDir>/tests/consumers/.work"],
  // Type errors are the job of `npm run typecheck`; transpiling only keeps the suite fast. CommonJS output turns the
  // CLI's lazy import() into require(): jest's module sandbox refuses a native dynamic import without a Node flag.
  transform: { "^.+\\.ts$": ["ts-jest", { diagnostics: false, tsconfig: { module: "commonjs", moduleResolution: "node10" } }] },
  // src/ imports with ".js" endings (what Node's ES module loader needs); jest resolves them to the .ts files.
  moduleNameMapper: { "^(\\.{1,2}/.*)\\.js$": "$1" },
  // A test's limit is a guard against a hang, never a verdict on speed: stretched by how busy the machine is as jest
  // starts (core/patience.ts); files with heavy tests stretch their own longer limits the same way.
  testTimeout: stretched(consumers ? 120_000 : 20_000),
  // Most tests wait on sockets, timers and child processes, not the CPU: more workers than the 2 cores pay off.
  maxWorkers: 4,
  // A worker that has finished still takes 200-300 ms to end its process (measured: the worker's own exit event to
  // the parent's, idle), over jest's 500 ms on two busy cores, where jest then kills it and warns of a leak. No handle
  // is open at that point (checked with process.getActiveResourcesInfo() in each worker's end): a wider grace.
  workerGracefulExitTimeout: 5_000,
  globalSetup: consumers ? "<rootDir>/tests/consumers/setup.ts" : "<rootDir>/tests/helpers/prism-global-setup.ts",
  globalTeardown: consumers ? undefined : "<rootDir>/tests/helpers/prism-global-teardown.ts",
};

export default config;
