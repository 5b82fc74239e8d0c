// Runs a package's bin with environment variables set, the same under sh, cmd.exe and PowerShell (an npm script's
// `VAR=1 command` is POSIX shell only): `node scripts/with-env.cjs NAME=value ... -- package [arguments ...]`.
// Plain JavaScript, so that no compiler starts first; the bin runs on this Node, so no .cmd shim is needed on Windows.
"use strict";
const { spawn } = require("node:child_process");
const { dirname, join } = require("node:path");

const USAGE = "usage: node scripts/with-env.cjs NAME=value ... -- package [arguments ...]";
const args = process.argv.slice(2);
const split = args.indexOf("--");
const assignments = split < 0 ? [] : args.slice(0, split);
const [pkg, ...rest] = split < 0 ? [] : args.slice(split + 1);
if (!pkg || assignments.some((pair) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(pair))) {
  console.error(USAGE);
  process.exit(2);
}
const env = { ...process.env };
for (const pair of assignments) env[pair.slice(0, pair.indexOf("="))] = pair.slice(pair.indexOf("=") + 1);

const manifest = require.resolve(`${pkg}/package.json`, { paths: [process.cwd()] });
const { bin } = require(manifest);
// One bin (jest), or the one named after the package's last segment, else the first (spectral-cli's `spectral`).
const entry = typeof bin === "string" ? bin : bin[pkg.split("/").pop()] ?? Object.values(bin)[0];
const child = spawn(process.execPath, [join(dirname(manifest), entry), ...rest], { stdio: "inherit", env });
// Ctrl-C reaches the whole console group; a signal sent to this process alone is passed on.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => {
  process.exitCode = code ?? (signal ? 1 : 0);
});
