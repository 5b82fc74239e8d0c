// jest: TypeScript tests through ts-jest; one Prism for the whole run (globalSetup/globalTeardown).
import type { Config } from "jest";

const config: Config = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
  // tests/slow/ (packing and installing the tarball, Spectral, spec:update, the proxy check) adds about
  // 40 s of CPU: `npm run test:all` and CI run it, `npm test` keeps the everyday loop under 30 s.
  testPathIgnorePatterns: process.env.BILLING_ALL_TESTS === "1" ? [] : ["/tests/slow/"],
  // Type errors are the job of `npm run typecheck`; transpiling only keeps the suite fast. CommonJS output turns the
  // CLI's lazy import() into require(): jest's module sandbox refuses a native dynamic import without a Node flag.
  transform: { "^.+\\.ts$": ["ts-jest", { diagnostics: false, tsconfig: { module: "commonjs", moduleResolution: "node10" } }] },
  // src/ imports with ".js" endings (what Node's ES module loader needs); jest resolves them to the .ts files.
  moduleNameMapper: { "^(\\.{1,2}/.*)\\.js$": "$1" },
  testTimeout: 20_000,
  // Most tests wait on sockets, timers and child processes, not the CPU: more workers than the 2 cores pay off.
  maxWorkers: 4,
  globalSetup: "<rootDir>/tests/prism.global-setup.ts",
  globalTeardown: "<rootDir>/tests/prism.global-teardown.ts",
};

export default config;
