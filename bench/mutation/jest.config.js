// jest for Stryker's runs: the route's tests, without the Prism that the everyday suite starts for its contract tests
// (the route's tests need none), transpiled as the root jest.config.ts does. Left out: the two files of load-shaped
// tests (1,000 viewers, 200 viewers for 10 s, 500 teams through the LRU), which take seconds per run and pin nothing
// of these two modules that the others do not; each mutant runs only the tests that reach it.
module.exports = {
  rootDir: "../..",
  testEnvironment: "node",
  roots: ["<rootDir>/tests/route"],
  testMatch: ["**/*.test.ts"],
  testPathIgnorePatterns: ["/node_modules/", "/tests/route/upstream\\.test\\.ts$", "/tests/route/door\\.test\\.ts$"],
  transform: { "^.+\\.ts$": ["ts-jest", { diagnostics: false, tsconfig: { module: "commonjs", moduleResolution: "node10" } }] },
  moduleNameMapper: { "^(\\.{1,2}/.*)\\.js$": "$1" },
  testTimeout: 30_000,
};
