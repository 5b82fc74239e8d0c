// jest for Stryker's runs: the tests that pin the store and the HTTP cache (the store's and the cache's own, the
// headers read as a browser's cache reads them, the cooldowns, the top-up's generation), without the Prism the everyday
// suite starts for its contract tests; transpiled as the root jest.config.ts does. Each mutant runs only the tests that
// reach it. The route's other tests (load-shaped: 1,000 viewers, 500 teams; the door; the logs) reach these modules too
// but take seconds per run on two cores, which Stryker pays for every mutant they cover.
module.exports = {
  rootDir: "../..",
  testEnvironment: "node",
  roots: ["<rootDir>/tests/server"],
  testMatch: ["**/tests/server/{balance-store,http-cache,caching,cooldowns,money,freshness,mounts}.test.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { diagnostics: false, tsconfig: { module: "commonjs", moduleResolution: "node10" } }] },
  moduleNameMapper: { "^(\\.{1,2}/.*)\\.js$": "$1" },
  testTimeout: 30_000,
};
