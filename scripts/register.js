// Runs the TypeScript under scripts/, bench/ and mocks/ without a build: transpile only (`npm run typecheck`
// checks types), and map src/'s ".js" import endings to the .ts files, as Node's ES module loader needs them.
require("ts-node").register({ transpileOnly: true, experimentalResolver: true });
