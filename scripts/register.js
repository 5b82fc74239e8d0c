// Runs the TypeScript under src/, scripts/, bench/ and mocks/ without a build: transpile only (`npm run typecheck`
// checks types; tsconfig's isolatedModules keeps each file transpilable alone), and map src/'s ".js" import endings to
// the .ts files, as Node's ES module loader needs them. CommonJS output turns the CLI's lazy import() into require(),
// which finds the .ts files (the built bin does the same).
// esbuild (a devDependency already, for the bundle checks) transpiles each file as it is required: the CLI starts on
// about a sixth of the CPU ts-node took (loading TypeScript itself was most of it), which every npm script, the mock and
// the tests that start them pay on each start, many times over on a busy machine.
const Module = require("node:module");
const { readFileSync } = require("node:fs");
const { transformSync } = require("esbuild");

// Stack traces point into the .ts files (each transpiled file carries its source map inline).
process.setSourceMapsEnabled(true);

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  // A relative "./x.js" from a .ts file is "./x.ts" when that exists (Node's ES module endings, written in the source).
  if (parent?.filename?.endsWith(".ts") && /^\.\.?\//.test(request) && request.endsWith(".js")) {
    try {
      return resolveFilename.call(this, `${request.slice(0, -3)}.ts`, parent, ...rest);
    } catch {
      // Not a .ts file: a real .js one (scripts/with-env.cjs's kind), resolved as usual below.
    }
  }
  return resolveFilename.call(this, request, parent, ...rest);
};

Module._extensions[".ts"] = function (module, filename) {
  const { code } = transformSync(readFileSync(filename, "utf8"), {
    loader: "ts",
    format: "cjs",
    target: "node20",
    sourcefile: filename,
    sourcemap: "inline",
    // import() becomes require(), as tsc's CommonJS output has it: Node's own import() has no loader for .ts files.
    supported: { "dynamic-import": false },
    tsconfigRaw: { compilerOptions: { esModuleInterop: true, useDefineForClassFields: true } },
  });
  module._compile(code, filename);
};
