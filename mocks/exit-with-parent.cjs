// Preloaded (node --require) into the Prism process that mocks/prism.ts starts: Prism ends, and its temporary spec
// directory goes, when the process that started it ends, however that ends. A parent killed with SIGKILL runs no
// code, but the operating system closes its IPC channel, and that closing is what this waits for.
"use strict";
const { rmSync } = require("node:fs");

const workDir = process.env.OLOSTEP_MOCK_WORK_DIR;
const removeWorkDir = () => {
  if (!workDir) return;
  try {
    // Windows can say EBUSY while a file is still held: retried, and never an exception at exit.
    rmSync(workDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  } catch {
    // Left for the system's temp cleaning.
  }
};
process.on("exit", removeWorkDir);
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => process.exit(0));
if (process.channel) {
  process.on("disconnect", () => process.exit(0));
  // The channel is only a tripwire: it must not keep Prism alive by itself.
  process.channel.unref();
}
