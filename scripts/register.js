// Runs the TypeScript under src/, scripts/, bench/ and mocks/ without a build: transpile only (`npm run typecheck`
// checks types), and map src/'s ".js" import endings to the .ts files, as Node's ES module loader needs them. CommonJS
// output turns the CLI's lazy import() into require(), which finds the .ts files (the built bin does the same).
require("ts-node").register({ transpileOnly: true, experimentalResolver: true, compilerOptions: { module: "commonjs", moduleResolution: "node10" } });
