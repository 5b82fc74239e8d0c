#!/usr/bin/env node
// The olostep-billing bin: run() on the process's own arguments and streams.
// First: who started this process is read before anything else can happen (lifetime.ts says why).
import "./lifetime.js";
import { processIo } from "./io.js";
import { run } from "./run.js";

void run(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
