#!/usr/bin/env node
// The olostep-billing bin: run() on the process's own arguments and streams.
import { processIo } from "./io.js";
import { run } from "./run.js";

void run(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
